// `npx tsx emulator/cli.ts`: runs the local Storyblok until Ctrl+C.
// Port from STORYBLOK_EMULATOR_PORT (default 7070), data from STORYBLOK_EMULATOR_DATA
// (default ./.storyblok-local), plugin URL from STORYBLOK_EMULATOR_PLUGIN_URL (default http://localhost:8080/).
import { DEFAULT_PORT, startEmulator } from './server.ts'

function portFromEnv(): number {
  const raw = process.env['STORYBLOK_EMULATOR_PORT']
  if (raw === undefined || raw === '') return DEFAULT_PORT
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`STORYBLOK_EMULATOR_PORT must be a port number, got "${raw}"`)
  }
  return port
}

const pluginUrl = process.env['STORYBLOK_EMULATOR_PLUGIN_URL'] || 'http://localhost:8080/'
const emulator = await startEmulator({ port: portFromEnv(), pluginUrl })

console.log(`
  Local Storyblok is running

  ➜  Editor:    ${emulator.url}/?plugin=${pluginUrl}
  ➜  API base:  ${emulator.apiBaseUrl}
  ➜  Space id:  ${emulator.spaceId}
  ➜  Token:     ${emulator.token}   (personal access token, sent bare; local only)
  ➜  OAuth:     Bearer ${emulator.oauthToken}   (OAuth token, sent with Bearer; local only)
  ➜  State:     ${emulator.url}/__emulator/state

  Press Ctrl+C to stop.
`)

let stopping = false
const stop = (): void => {
  if (stopping) return
  stopping = true
  emulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
