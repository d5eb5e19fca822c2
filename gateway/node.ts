// `npm run gateway`: the upload gateway on Node, its settings from environment variables
// (README, "The upload gateway"). A missing or wrong setting, or a token that cannot read the
// space, stops the start with a message naming the setting.
import { isSettingsError } from './src/settings'
import { startNodeGateway } from './src/nodeServer'

/**
 * Why the start failed, never quoting a secret: a settings error names its setting; a system
 * error (a port in use, an address not available) gives its code and address, which hold none;
 * anything else only its name.
 */
function startFailure(error: unknown): string {
  if (isSettingsError(error)) return `The gateway cannot start. ${error.message}`
  if (!(error instanceof Error)) return 'The gateway cannot start: unknown error'
  const { code, address, port } = error as NodeJS.ErrnoException & {
    address?: unknown
    port?: unknown
  }
  if (typeof code !== 'string') return `The gateway cannot start: ${error.name}`
  const where =
    typeof address === 'string' && typeof port === 'number' ? ` on ${address}:${port}` : ''
  const hint = code === 'EADDRINUSE' ? ' (the port is in use: set PORT to another one)' : ''
  return `The gateway cannot start: ${code}${where}${hint}`
}

try {
  const gateway = await startNodeGateway({ env: process.env })
  process.stderr.write(
    `Upload gateway for space ${gateway.settings.spaceId} listening on ${gateway.url}\n`,
  )
  const stop = () => void gateway.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  process.stderr.write(`${startFailure(error)}\n`)
  process.exit(1)
}
