// `npm run gateway`: the upload gateway on Node, its settings from environment variables
// (README, "The upload gateway"). A missing or wrong setting, or a token that cannot read the
// space, stops the start with a message naming the setting.
import { isSettingsError } from './src/settings'
import { startNodeGateway } from './src/nodeServer'

try {
  const gateway = await startNodeGateway({ env: process.env })
  process.stderr.write(
    `Upload gateway for space ${gateway.settings.spaceId} listening on ${gateway.url}\n`,
  )
  const stop = () => void gateway.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  process.stderr.write(
    isSettingsError(error)
      ? `The gateway cannot start. ${error.message}\n`
      : `The gateway cannot start: ${error instanceof Error ? error.name : 'unknown error'}\n`,
  )
  process.exit(1)
}
