import { describe, expect, it } from 'vitest'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { makePng } from '../fixtures/png'
import { fieldContent, uploadEnded } from './steps'

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('upload, finish_upload and edit in the local Storyblok', () => {
  const env = useBrowserStack()

  it('uploads a PNG, fills the form from finish_upload, writes the field and saves to the library', async () => {
    const page = await env.browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => {
      // main.ts throws on purpose after mounting, as the official template does.
      if (!error.message.includes('legacy field plugin API')) errors.push(error.message)
    })
    await page.goto(env.stack.editorUrl())
    const plugin = page.frameLocator('iframe')
    const png = makePng(64, 48)

    await plugin.getByLabel('Upload file').setInputFiles({
      name: 'red dot.png',
      mimeType: 'image/png',
      buffer: png,
    })
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()

    // The form opens at once on the file; the field is written once sign, the S3 POST,
    // finish_upload and the read have succeeded.
    const alt = plugin.getByLabel('Alt text')
    await alt.waitFor()
    await uploadEnded(plugin)
    const stored = await fieldContent(page)
    expect(stored).toMatchObject({
      fieldtype: 'asset',
      is_external_url: false,
      alt: '',
    })
    const [asset] = await env.stack.control.assets()
    expect(asset).toMatchObject({ finished: true, content_length: png.length })
    expect(stored).toMatchObject({ id: asset?.id })

    await alt.fill('A gradient with a red dot')
    // #field-content is written by the editor page when the plugin's setContent arrives.
    await page.waitForFunction(() =>
      document.querySelector('#field-content')?.textContent?.includes('A gradient with a red dot'),
    )

    await plugin.getByRole('button', { name: 'Save to asset library' }).click()
    await plugin.getByText('Saved to the asset library.', { exact: true }).waitFor()
    const [saved] = await env.stack.control.assets()
    expect(saved?.alt).toBe('A gradient with a red dot')
    expect(errors).toEqual([])
  })
})
