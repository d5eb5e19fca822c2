// Describing while the bytes fly, with the token in the plugin's options: the form opens on the
// file at once with its alt text focused, what the editor types there ends up in the library
// and in the field, a cancel keeps it for Retry, and the preview is the file's own pixels; with
// `multiple`, any item is described while it waits or uploads.
import type { Request } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { dropPngs, isList } from './listSteps'
import {
  choosePng,
  fieldContent,
  openEditor,
  textOf,
  uploadEnded,
  waitForContent,
  waitForInFlight,
} from './steps'

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('describing while the file uploads', () => {
  const env = useBrowserStack({ rateLimit: null })

  /** A fresh editor page whose upload target holds the next POST for `delayMs`, Upload clicked. */
  async function uploading(delayMs: number) {
    const page = await env.freshPage()
    const plugin = await openEditor(page, env.stack)
    await env.stack.control.addFault({ route: 's3', delayMs, times: 1 })
    await choosePng(plugin, { name: 'slow.png', width: 320, height: 240 })
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await waitForInFlight(env.stack, 's3')
    return { page, plugin }
  }

  it('takes the alt text typed at once during the upload into the library and the field', async () => {
    const { page, plugin } = await uploading(2000)
    // No click into the form: the alt text has the focus once the upload starts.
    await page.keyboard.type('Typed while it uploads')
    await uploadEnded(plugin)
    const stored = await waitForContent(
      page,
      (content) => textOf(content, 'alt') === 'Typed while it uploads',
    )
    const [asset] = await env.stack.control.assets()
    expect.soft(asset?.alt).toBe('Typed while it uploads')
    expect.soft(textOf(stored, 'id')).toBe(String(asset?.id))
  })

  it('keeps the texts through a cancel, and Retry uploads with them', async () => {
    const { page, plugin } = await uploading(20_000)
    await page.keyboard.type('Kept for Retry')
    await plugin.getByRole('textbox', { name: 'Title' }).fill('Retried')
    await plugin.getByRole('button', { name: 'Cancel upload' }).click()
    await plugin.getByText('Upload cancelled. The field is unchanged.').first().waitFor()
    expect
      .soft(await plugin.getByRole('textbox', { name: 'Alt text' }).inputValue())
      .toBe('Kept for Retry')
    expect.soft(await fieldContent(page)).toBeUndefined()
    await plugin.getByRole('button', { name: 'Retry' }).click()
    await uploadEnded(plugin)
    await waitForContent(page, (content) => textOf(content, 'title') === 'Retried')
    const assets = await env.stack.control.assets()
    expect.soft(assets).toHaveLength(1)
    expect.soft(assets[0]?.alt).toBe('Kept for Retry')
    expect.soft(assets[0]?.title).toBe('Retried')
  })

  it('describes items of a multiasset field while they upload or wait, into the library and the field', async () => {
    const page = await env.freshPage()
    const plugin = await openEditor(page, env.stack, { multiple: '1' })
    // Every upload target POST is held for 4 s: the 3 files are on their way while described.
    await env.stack.control.addFault({ route: 's3', delayMs: 4000, times: 3 })
    await dropPngs(page, env.stack, 3)
    await waitForInFlight(env.stack, 's3')
    const describeItem = async (name: string, heading: string, alt: string) => {
      await plugin.getByRole('button', { name: `Describe ${name}` }).click()
      await plugin.getByRole('heading', { name: heading }).waitFor()
      // Still on its way: the form shows its upload with Cancel.
      expect
        .soft(await plugin.getByRole('button', { name: 'Cancel upload' }).isVisible())
        .toBe(true)
      await plugin.getByRole('textbox', { name: 'Alt text' }).fill(alt)
      await plugin.getByRole('button', { name: 'All assets' }).click()
    }
    await describeItem('photo-03.png', 'Asset 3 of 3', 'The third, described on its way')
    await describeItem('photo-01.png', 'Asset 1 of 3', 'The first, described on its way')
    const stored = await waitForContent(
      page,
      (content) =>
        isList(3)(content) &&
        textOf((content as unknown[])[0], 'alt') === 'The first, described on its way' &&
        textOf((content as unknown[])[2], 'alt') === 'The third, described on its way',
      30_000,
    )
    const assets = await env.stack.control.assets()
    const altOf = (index: number) =>
      assets.find((asset) => String(asset.id) === textOf((stored as unknown[])[index], 'id'))?.alt
    expect.soft(assets).toHaveLength(3)
    expect.soft(altOf(0)).toBe('The first, described on its way')
    expect.soft(altOf(1) ?? '').toBe('')
    expect.soft(altOf(2)).toBe('The third, described on its way')
  })

  it('shows the file’s own pixels as the preview, with no request for the file', async () => {
    const page = await env.freshPage()
    const requests: Request[] = []
    page.on('request', (request) => {
      if (request.frame() !== page.mainFrame() && /^https?:/.test(request.url()))
        requests.push(request)
    })
    const plugin = await openEditor(page, env.stack)
    await env.stack.control.addFault({ route: 's3', delayMs: 20_000, times: 1 })
    await choosePng(plugin, { name: 'local.png', width: 320, height: 240 })
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    const preview = plugin.locator('.asset-form__preview img')
    // The copy of the file is made in a worker; the preview shows it once it is decoded.
    await expect
      .poll(() =>
        preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth),
      )
      .toBeGreaterThan(0)
    const files = () =>
      requests
        .filter((request) =>
          /^\/(a\.storyblok\.com|s3\.amazonaws\.com)\//.test(new URL(request.url()).pathname),
        )
        .map((request) => `${request.method()} ${new URL(request.url()).pathname}`)
    // The preview can come before the upload's POST (the library search and the sign go first);
    // once the POST is out (and held for 20 s), it is the only request for the file.
    await expect
      .poll(files, { timeout: 15_000 })
      .toEqual(['POST /s3.amazonaws.com/a.storyblok.com'])
    expect.soft(await plugin.getByRole('button', { name: 'Cancel upload' }).isVisible()).toBe(true)
    expect.soft(await preview.getAttribute('src')).toMatch(/^blob:/)
  })
})
