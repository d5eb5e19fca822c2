// A field that already holds an asset, on the local Storyblok's story page (which notes every
// height the plugin reports): the form appears at its height and stays at it, also while the
// library answers late and when the preview image loads. BENCHMARKS.md, "Load time and stillness".
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { cdnUrl } from '../../src/domain/urls'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { previewLoaded } from './steps'
import { seedAsset, updateAssetDirectly } from '../support/seed'

/** The heights the story page noted for its one field, in order. */
async function heights(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    Reflect.get(window, '__story').resizes.map((resize: { height: number }) => resize.height),
  )
}

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('a field holding an asset stands still', () => {
  const env = useBrowserStack({ rateLimit: null })

  it('shows the form at one height and keeps it while the library read is slow', async () => {
    const page = await env.freshPage()
    const { id } = await seedAsset(env.stack.emulator, {
      filename: 'kept.png',
      width: 800,
      height: 600,
    })
    await updateAssetDirectly(env.stack.emulator, id, { alt: 'A gradient' })
    const [asset] = await env.stack.control.assets()
    const value = {
      ...{ fieldtype: 'asset', id, filename: cdnUrl(String(asset?.filename)), name: 'kept.png' },
      ...{ alt: 'A gradient', title: '', copyright: '', focus: '', source: '', is_private: false },
      ...{ meta_data: { alt: 'A gradient' }, is_external_url: false },
    }
    await env.stack.control.addFault({ route: 'get', delayMs: 3000 })
    const query = new URLSearchParams({ plugin: env.stack.pluginUrl, fields: '1' })
    query.set('content1', JSON.stringify(value))
    await page.goto(`${env.stack.emulator.url}/story?${query.toString()}`)
    const plugin = page.frameLocator('iframe')
    await plugin.getByRole('textbox', { name: 'Alt text' }).waitFor()
    const read = async () =>
      (await env.stack.control.requestLog()).find((entry) => entry.route === 'get')
    // The form is there before the library answered.
    expect.soft((await read())?.status ?? null).toBeNull()
    // The library's answer, 3 s late, and the preview image, whatever comes last.
    await expect.poll(async () => (await read())?.status, { timeout: 15_000 }).toBe(200)
    await previewLoaded(plugin)
    // For a height the answer or the image would have changed to reach the page (a frame, a message).
    await page.waitForTimeout(500)
    // What the SDK reported before the editor's answer (the empty plugin) shows nothing.
    const shown = (await heights(page)).filter((height) => height > 8)
    expect.soft(new Set(shown).size).toBe(1)
    expect.soft(shown[0]).toBeGreaterThan(600)
  })
})
