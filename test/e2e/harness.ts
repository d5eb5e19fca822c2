// Starts what an end-to-end test needs: the local Storyblok on a free port (in memory), and
// the plugin's `local` build served on another free port, so that the editor page and the
// plugin are on different origins, as in production.
import { createServer, type Server } from 'node:http'
import { createReadStream, existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server'

const root = fileURLToPath(new URL('../..', import.meta.url))
export const localBuildDir = join(root, 'dist-local-editor')

let built: Promise<void> | undefined

/** Builds the plugin once per test run with `--mode local-editor` (the production build plus the local container origin). */
export function buildLocalPlugin(): Promise<void> {
  built ??= build({ root, mode: 'local-editor', logLevel: 'warn' }).then(() => undefined)
  return built
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

/** A static server for a built plugin folder on 127.0.0.1 (random port). */
export async function serveStatic(
  dir: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    const file = normalize(join(dir, path === '/' ? 'index.html' : path))
    if (!file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end()
      return
    }
    void stat(file).then((info) => {
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-store',
      })
      createReadStream(file).pipe(response)
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

export interface Stack {
  emulator: Emulator
  pluginUrl: string
  editorUrl: (query?: Record<string, string>) => string
  close: () => Promise<void>
}

export async function startStack(options: EmulatorOptions = {}): Promise<Stack> {
  await buildLocalPlugin()
  const plugin = await serveStatic(localBuildDir)
  const emulator = await startEmulator({
    port: 0,
    dataDir: null,
    pluginUrl: plugin.url,
    ...options,
  })
  return {
    emulator,
    pluginUrl: plugin.url,
    editorUrl: (query = {}) => {
      const params = new URLSearchParams({ plugin: plugin.url, ...query })
      return `${emulator.url}/?${params.toString()}`
    },
    close: async () => {
      await emulator.close()
      await plugin.close()
    },
  }
}
