// The story page (emulator/editor/story.ts) in headless Chromium: several fields of one plugin,
// each in its own iframe that it resizes on the plugin's `heightChange`, each with its own value,
// and what it notes for the load-time benchmark. The plugin is the stand-in that runs the real
// SDK (test/support/standInPlugin.ts).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/server'
import { serveStatic, type StaticServer } from '../../scripts/support/staticServer'
import { launchChromium, skipBrowser } from '../e2e/browser'
import { startTestEmulator } from '../support/emulator'
import { writeStandInPlugin } from '../support/standInPlugin'
import { record } from './helpers'

// Skipped only outside CI when Chromium is missing (test/e2e/browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('story page', { timeout: 30_000 }, () => {
  let emulator: Emulator
  let pluginDir: string
  let plugin: StaticServer
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    pluginDir = await mkdtemp(join(tmpdir(), 'stand-in-plugin-'))
    await writeStandInPlugin(pluginDir)
    plugin = await serveStatic(pluginDir)
    emulator = await startTestEmulator({ pluginUrl: plugin.url })
    browser = await launchChromium()
    page = await browser.newPage()
  }, 30_000)
  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    await plugin?.close()
    if (pluginDir) await rm(pluginDir, { recursive: true, force: true })
  })

  /** Opens the story page; resolves with its plugin frames, each once it has its first state. */
  async function open(query: Record<string, string>): Promise<Frame[]> {
    await page.goto(`${emulator.url}/story?${new URLSearchParams(query).toString()}`)
    const count = Number(query['fields'] ?? 5)
    await page.waitForFunction(
      (wanted) => document.querySelectorAll('iframe').length === wanted,
      count,
    )
    const frames: Frame[] = []
    for (const handle of await page.$$('iframe')) {
      const frame = await handle.contentFrame()
      if (!frame) throw new Error('an iframe has no frame')
      // The stand-in notes each state the SDK accepted.
      await frame.waitForFunction('window.__states && window.__states.length > 0')
      frames.push(frame)
    }
    return frames
  }

  const lastState = async (frame: Frame): Promise<Record<string, unknown>> =>
    record(await frame.evaluate('window.__states[window.__states.length - 1]'))

  it('shows five fields of the plugin by default, each with a uid of its own', async () => {
    const frames = await open({})
    const uids = new Set(frames.map((frame) => new URL(frame.url()).searchParams.get('uid')))
    expect(uids.size).toBe(5)
  })

  it('gives every field the value of content=, and field i the value of content<i>=', async () => {
    const frames = await open({ fields: '3', content: '"every"', content2: '"second"' })
    const contents = await Promise.all(
      frames.map(async (frame) => (await lastState(frame)).content),
    )
    expect(contents).toEqual(['every', 'second', 'every'])
  })

  it('resizes each field’s iframe on its own heightChange', async () => {
    const [first, second] = await open({ fields: '2' })
    await first?.evaluate(`document.body.style.height = '321px'`)
    await second?.evaluate(`document.body.style.height = '123px'`)
    // Each iframe takes the height its plugin reported.
    await expect
      .poll(() => page.$$eval('iframe', (frames) => frames.map((frame) => frame.style.height)))
      .toEqual(['321px', '123px'])
  })

  it('notes each new height of each field, with when it came', async () => {
    const [, second] = await open({ fields: '2' })
    await second?.evaluate(`document.body.style.height = '222px'`)
    // The page notes the height once the plugin's heightChange arrives.
    await expect
      .poll(() =>
        page.evaluate(() =>
          Reflect.get(window, '__story').resizes.filter(
            (resize: { field: number; height: number; at: number }) =>
              resize.field === 1 && resize.height === 222 && resize.at > 0,
          ),
        ),
      )
      .toHaveLength(1)
  })

  it('notes when each iframe was created, and when its loaded arrived after that', async () => {
    await open({ fields: '1' })
    const noted = record(await page.evaluate(() => Reflect.get(window, '__story')))
    const [created] = noted.created as number[]
    const [loaded] = noted.loaded as number[]
    expect(loaded).toBeGreaterThan(Number(created))
  })

  it('stores what a field’s plugin writes, for that field only', async () => {
    const [first] = await open({ fields: '2' })
    await first?.evaluate(`window.__actions.setContent('written')`)
    // The page notes the value when the plugin's update arrives.
    await expect
      .poll(() => page.evaluate(() => Reflect.get(window, '__story').content))
      .toEqual(['written', undefined])
  })

  it('says which parameter it could not read', async () => {
    await open({ fields: '2', content2: '{not json' })
    await expect
      .poll(() => page.textContent('#story-problems'))
      .toContain('content2= is not valid JSON')
  })
})
