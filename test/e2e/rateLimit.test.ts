import { describe, expect, it } from 'vitest'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { makePng } from '../fixtures/png'
import { busiestWindow } from '../../emulator/stats'
import { openEditor, uploadEnded, uploadPng } from './steps'

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('the rate limit, shared by every instance of the plugin', () => {
  // The local Storyblok answers 429 above 3 requests per second, as the Starter plan does.
  const env = useBrowserStack({ rateLimit: 3 })

  it('keeps three editor tabs uploading at once within one limit, without a 429', async () => {
    // One browser profile: the tabs share the plugin origin's Web Locks, as the iframes of several
    // fields on one story page do.
    const context = await env.browser.newContext()
    try {
      const plugins = await Promise.all(
        [1, 2, 3].map(async () => openEditor(await context.newPage(), env.stack)),
      )
      await Promise.all(
        plugins.map((plugin, index) =>
          plugin.getByLabel('Upload file').setInputFiles({
            name: `tab-${index}.png`,
            mimeType: 'image/png',
            buffer: makePng(32, 32),
          }),
        ),
      )
      const since = Date.now()
      await Promise.all(
        plugins.map((plugin) =>
          plugin.getByRole('button', { name: 'Upload', exact: true }).click(),
        ),
      )
      // Each tab's form offers "Replace file" once its upload is finished and read.
      await Promise.all(plugins.map((plugin) => uploadEnded(plugin)))
      const log = await env.stack.control.managementApiLog(since)
      // sign, finish_upload and the read, for each of the three uploads.
      expect(log.length).toBeGreaterThanOrEqual(9)
      expect(log.filter((entry) => entry.status === 429)).toEqual([])
      expect(busiestWindow(log.map((entry) => entry.at))).toBeLessThanOrEqual(3)
    } finally {
      await context.close()
    }
  })

  it('keeps the limit across a re-created iframe: a save, then a reload at once, gets no 429', async () => {
    const page = await env.freshPage()
    const plugin = await openEditor(page, env.stack)
    await uploadPng(plugin)
    // Out of the upload's second.
    await page.waitForTimeout(1200)
    await plugin.getByRole('textbox', { name: 'Title' }).fill('Saved, then reloaded')
    const since = Date.now()
    await plugin.getByRole('button', { name: 'Save to asset library' }).click()
    await plugin.getByText('Saved to the asset library.', { exact: true }).waitFor()
    // As the larger view or a closed and opened block do: a new iframe, whose start reads the
    // asset again while the save's calls still count at the server.
    await page.getByRole('button', { name: 'Reload plugin' }).click()
    const reloaded = page.frameLocator('iframe')
    await reloaded.getByRole('button', { name: 'Save to asset library' }).waitFor()
    // The new iframe's read of the asset has gone out (after the save's three calls).
    await expect
      .poll(async () => (await env.stack.control.managementApiLog(since)).length, {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(4)
    const log = await env.stack.control.managementApiLog(since)
    expect(log.filter((entry) => entry.status === 429)).toEqual([])
  })
})
