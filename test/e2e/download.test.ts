// An SVG of the library is downloaded, never opened (its scripts would run), also where
// Storyblok's CDN answers without CORS headers: the local Storyblok's CDN keeps the headers of
// a file's first request (emulator/README.md, reading 26), here the preview's `<img>`, so the
// plugin's `fetch` of the same URL is refused and the file comes from its S3 object URL.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { cdnUrl } from '../../src/domain/urls'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { openEditor, previewLoaded } from './steps'
import { seedAsset } from '../support/seed'

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#0a0"/></svg>'

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('downloading an SVG of the library', () => {
  const env = useBrowserStack({ rateLimit: null })

  it('saves the file after its preview was shown, from the S3 object URL', async () => {
    const page = await env.freshPage()
    const bytes = Buffer.from(SVG)
    const { id } = await seedAsset(env.stack.emulator, {
      filename: 'logo.svg',
      bytes,
      type: 'image/svg+xml',
      width: 40,
      height: 30,
    })
    const [asset] = await env.stack.control.assets()
    const url = cdnUrl(String(asset?.filename))
    const value = {
      ...{ fieldtype: 'asset', id, filename: url, name: 'logo.svg', alt: 'Logo', title: '' },
      ...{ copyright: '', focus: '', source: '', is_private: false, meta_data: { alt: 'Logo' } },
      is_external_url: false,
    }
    const requested: string[] = []
    page.context().on('request', (request) => requested.push(request.url()))
    const plugin = await openEditor(page, env.stack, { content: JSON.stringify(value) })
    // The preview loads the file first, without an Origin: the CDN keeps no CORS headers for it.
    await previewLoaded(plugin)
    const saved = page.waitForEvent('download')
    await plugin.getByRole('button', { name: 'Download' }).click()
    const download = await saved
    expect(download.suggestedFilename()).toBe('logo.svg')
    expect((await readFile(await download.path())).toString()).toBe(SVG)
    // The CDN URL first (refused by the browser), then the bucket's.
    expect(requested.filter((each) => each === url).length).toBeGreaterThanOrEqual(2)
    expect(requested).toContain(
      url.replace('/a.storyblok.com/', '/s3.amazonaws.com/a.storyblok.com/'),
    )
    expect(await plugin.getByRole('alert').count()).toBe(0)
  })
})
