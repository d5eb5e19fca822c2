import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { localStoryblok } from '../../emulator/vite-plugin'
import { startTestEmulator } from '../support/emulator'

/** The part of Vite's dev server the plugin touches. */
function fakeDevServer() {
  const lines: string[] = []
  const server = {
    httpServer: new EventEmitter(),
    resolvedUrls: { local: ['http://127.0.0.1:8080/'], network: [] },
    printUrls: () => lines.push('vite urls'),
    config: {
      logger: {
        info: (line: string) => lines.push(line),
        warn: (line: string) => lines.push(`warn: ${line}`),
      },
    },
  }
  return { server, lines }
}

async function configure(
  plugin: ReturnType<typeof localStoryblok>,
  server: unknown,
): Promise<void> {
  const hook = plugin.configureServer
  if (typeof hook !== 'function') throw new Error('configureServer is not a function')
  await (hook as (server: unknown) => Promise<void>)(server)
}

const answers = async (url: string): Promise<boolean> =>
  fetch(`${url}/__emulator/config`).then(
    (response) => response.ok,
    () => false,
  )

describe('localStoryblok (vite plugin)', () => {
  it('starts the emulator, prints the editor URL after Vite’s, and stops with the dev server', async () => {
    const plugin = localStoryblok({ port: 0, dataDir: null })
    expect(plugin.apply).toBe('serve')
    const { server, lines } = fakeDevServer()
    await configure(plugin, server)
    server.printUrls()
    expect(lines[0]).toBe('vite urls')
    const match =
      /➜ {2}Local Storyblok editor: (http:\/\/localhost:\d+)\/\?plugin=http:\/\/localhost:8080\/$/.exec(
        lines[1] ?? '',
      )
    expect(match).not.toBeNull()
    const url = match?.[1] ?? ''
    expect(await answers(url)).toBe(true)
    server.httpServer.emit('close')
    await expect.poll(() => answers(url), { timeout: 3000, interval: 50 }).toBe(false)
  })

  it('reuses an emulator that already answers on the port, and leaves it running', async () => {
    const running = await startTestEmulator()
    try {
      const plugin = localStoryblok({ port: running.port, dataDir: null })
      const { server, lines } = fakeDevServer()
      await configure(plugin, server)
      server.printUrls()
      expect(lines[1]).toContain(`Local Storyblok editor: ${running.url}/?plugin=`)
      server.httpServer.emit('close')
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await answers(running.url)).toBe(true)
    } finally {
      await running.close()
    }
  })
})
