// `vite` dev server integration: starts the local Storyblok next to the dev server (or reuses
// one already running on the port) and the upload gateway in front of it, prints the editor
// URL, and stops both with the dev server.
import type { Plugin } from 'vite'
import { DEFAULT_PORT, startEmulator, type Emulator, type EmulatorOptions } from './server.ts'

/** True when a local Storyblok already answers on `port`. */
async function emulatorAnswers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/__emulator/config`, {
      signal: AbortSignal.timeout(1000),
    })
    return response.ok
  } catch {
    return false
  }
}

/** Starts the upload gateway in front of the emulator; resolves with its URL and how to stop it. */
export type StartGateway = (emulator: {
  apiBaseUrl: string
  /** The Delivery API, where the gateway checks the editor's preview token. */
  deliveryBaseUrl: string
  spaceId: number
  token: string
}) => Promise<{ url: string; close(): Promise<void> }>

export interface LocalStoryblokOptions extends EmulatorOptions {
  /** The upload gateway to run in front of the emulator (the editor page's `via=gateway`). */
  gateway?: StartGateway
}

export function localStoryblok({ gateway, ...options }: LocalStoryblokOptions = {}): Plugin {
  return {
    name: 'local-storyblok',
    apply: 'serve',
    async configureServer(server) {
      const port = options.port ?? (Number(process.env['STORYBLOK_EMULATOR_PORT']) || DEFAULT_PORT)
      let emulator: Emulator | undefined
      /** Where the gateway listens, once it does (the editor page asks on every load). */
      const started: { gatewayUrl?: string } = {}
      let url = `http://localhost:${port}`
      if (port === 0 || !(await emulatorAnswers(port))) {
        try {
          emulator = await startEmulator({ ...options, port, gatewayUrl: () => started.gatewayUrl })
          url = emulator.url
        } catch (error) {
          server.config.logger.warn(
            `  Local Storyblok could not start on port ${port}: ${String(error)}`,
          )
          return
        }
      }
      const running = emulator
      const gatewayRun =
        running && gateway
          ? await gateway(running).catch((error: unknown) => {
              server.config.logger.warn(`  The upload gateway could not start: ${String(error)}`)
              return undefined
            })
          : undefined
      started.gatewayUrl = gatewayRun?.url
      server.httpServer?.on('close', () => {
        void gatewayRun?.close()
        void emulator?.close()
      })

      const printUrls = server.printUrls.bind(server)
      server.printUrls = () => {
        printUrls()
        // The dev server listens on 127.0.0.1 but, like the editor page, is addressed as localhost.
        const pluginUrl = (server.resolvedUrls?.local[0] ?? 'http://localhost:8080/').replace(
          '//127.0.0.1:',
          '//localhost:',
        )
        server.config.logger.info(`  ➜  Local Storyblok editor: ${url}/?plugin=${pluginUrl}`)
        if (started.gatewayUrl)
          server.config.logger.info(
            `  ➜  Upload gateway: ${started.gatewayUrl} (the editor's default; ?via=token for the token)`,
          )
        else if (gateway && !running)
          // The running Local Storyblok's editor page asks its own process for the gateway.
          server.config.logger.warn(
            `  Local Storyblok was already running on port ${port}: reused without the upload gateway, so its editor page gives the plugin the token. Stop it and run npm run dev alone for the gateway.`,
          )
      }
    },
  }
}
