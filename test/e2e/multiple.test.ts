import { describe, expect, it } from 'vitest'
import type { FrameLocator, Page } from 'playwright-core'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { busiestWindow } from '../../emulator/stats'
import { dropPngs, isList, namesOf, pngs } from './listSteps'
import { auditPlugin, openEditor, pluginFrameHandle, waitForContent } from './steps'

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('a multiasset field (option multiple)', () => {
  // The local Storyblok answers 429 above 3 requests per second, as the Starter plan does.
  const env = useBrowserStack({ rateLimit: 3 })

  async function openMultiple(page: Page): Promise<FrameLocator> {
    return openEditor(page, env.stack, { multiple: '1' })
  }

  it('uploads 12 dropped images within the rate limit, reorders by keyboard, describes two and saves all', async () => {
    const page = await env.freshPage()
    const plugin = await openMultiple(page)
    const since = Date.now()
    await dropPngs(page, env.stack, 12)
    const uploaded = await waitForContent(page, isList(12), 60_000)
    // The list keeps the order of the drop, whichever upload finished first.
    expect(namesOf(uploaded)).toEqual(pngs(12).map((file) => file.name))
    const log = await env.stack.control.managementApiLog(since)
    // sign and finish_upload for each of the 12, plus the reads that check them.
    expect(log.length).toBeGreaterThanOrEqual(24)
    expect(log.filter((entry) => entry.status === 429)).toEqual([])
    expect(busiestWindow(log.map((entry) => entry.at))).toBeLessThanOrEqual(3)

    // No serious or critical accessibility problem in the list (axe-core).
    const frame = await pluginFrameHandle(page, env.stack)
    expect(await auditPlugin(frame)).toEqual([])

    // Keyboard: photo-01 moves down twice; the focus stays on its button.
    const down = plugin.getByRole('button', { name: 'Move photo-01.png down' })
    await down.focus()
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    const reordered = await waitForContent(
      page,
      (content) => namesOf(content)[2] === 'photo-01.png',
    )
    expect(namesOf(reordered).slice(0, 3)).toEqual(['photo-02.png', 'photo-03.png', 'photo-01.png'])
    await expect
      .poll(() => plugin.locator(':focus').getAttribute('aria-label'))
      .toBe('Move photo-01.png down')

    // Describe the first item, then the next one.
    await plugin.getByRole('button', { name: 'Describe photo-02.png' }).click()
    await plugin.getByRole('heading', { name: 'Asset 1 of 12' }).waitFor()
    await plugin.getByRole('textbox', { name: 'Alt text' }).fill('A red square')
    await plugin.getByRole('button', { name: 'Next' }).click()
    await plugin.getByRole('heading', { name: 'Asset 2 of 12' }).waitFor()
    await plugin.getByRole('textbox', { name: 'Alt text' }).fill('A blue square')
    await plugin.getByRole('textbox', { name: 'Title' }).fill('Blue')
    expect(await auditPlugin(frame)).toEqual([])
    await plugin.getByRole('button', { name: 'All assets' }).click()

    await plugin.getByRole('button', { name: 'Save all to asset library' }).click()
    await plugin.getByText('All changes are saved.').first().waitFor({ timeout: 20_000 })

    const stored = await waitForContent(
      page,
      (content) => Array.isArray(content) && content[1]?.alt === 'A blue square',
    )
    expect(namesOf(stored).slice(0, 3)).toEqual(['photo-02.png', 'photo-03.png', 'photo-01.png'])
    // The native multiasset shape: an array of asset values.
    for (const item of stored as Record<string, unknown>[]) {
      expect(item).toMatchObject({ fieldtype: 'asset', is_external_url: false })
      expect(Object.keys(item).sort()).toEqual(
        [
          'alt',
          'copyright',
          'fieldtype',
          'filename',
          'focus',
          'id',
          'is_external_url',
          'is_private',
          'meta_data',
          'name',
          'source',
          'title',
        ].sort(),
      )
    }
    const [first, second] = stored as { id: number }[]
    const assets = await env.stack.control.assets()
    expect(assets.find((asset) => asset.id === first?.id)?.alt).toBe('A red square')
    expect(assets.find((asset) => asset.id === second?.id)).toMatchObject({
      alt: 'A blue square',
      title: 'Blue',
    })
  })

  it('leaves 11 of 12 uploaded and one with Retry when S3 refuses one POST', async () => {
    const page = await env.freshPage()
    const plugin = await openMultiple(page)
    await env.stack.control.addFault({
      route: 's3',
      status: 403,
      body: '<Error><Code>AccessDenied</Code><Message>Refused by the test</Message></Error>',
      times: 1,
    })
    await dropPngs(page, env.stack, 12)
    await waitForContent(page, isList(11), 60_000)
    const retry = plugin.getByRole('button', { name: 'Retry' })
    await retry.waitFor()
    await expect.poll(() => retry.count()).toBe(1)
    await retry.click()
    const all = await waitForContent(page, isList(12), 20_000)
    expect(new Set(namesOf(all)).size).toBe(12)
    await expect.poll(async () => (await env.stack.control.assets()).length).toBe(12)
  })
})
