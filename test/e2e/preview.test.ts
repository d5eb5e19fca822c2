// What previewing costs the editor: the form, its focus picker and its crops load the image
// through the image service, sized for where it is shown, never the original.
import { describe, expect, it } from 'vitest'
import type { Response } from 'playwright-core'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { seedPhoto } from '../fixtures/photo'
import { assetFieldValue } from '../fixtures/fieldValues'
import { openEditor } from './steps'

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('previews from the image service', () => {
  const env = useBrowserStack({ rateLimit: null })

  it('costs the editor under 200 KB for a 20 MB, 6000 × 4000 photo', async () => {
    const page = await env.freshPage()
    const { emulator } = env.stack
    const { id, bytes: photo } = await seedPhoto(emulator)
    const [asset] = await env.stack.control.assets()
    const filename = String(asset?.filename).replace('/s3.amazonaws.com/', '/')
    // Every byte of every file the CDN sends the page.
    const images: Promise<number>[] = []
    page.on('response', (response: Response) => {
      if (response.url().includes('/a.storyblok.com/f/'))
        images.push(
          response.body().then(
            (body) => body.length,
            () => 0,
          ),
        )
    })
    const plugin = await openEditor(page, env.stack, {
      content: JSON.stringify(assetFieldValue({ id, filename, name: 'photo.jpg' })),
    })
    const preview = plugin.locator('.asset-form__preview img')
    await expect
      .poll(() =>
        preview.evaluate((image) => image instanceof HTMLImageElement && image.naturalWidth),
      )
      .toBeGreaterThan(0)
    // The focus picker and its crops show too.
    await plugin.getByRole('slider', { name: 'Focus point' }).waitFor()
    await page.waitForLoadState('networkidle')
    const bytes = (await Promise.all(images)).reduce((sum, size) => sum + size, 0)
    expect(photo.length).toBeGreaterThan(19_000_000)
    expect(bytes).toBeGreaterThan(0)
    expect(bytes).toBeLessThan(200 * 1024)
    expect(await preview.getAttribute('src')).toMatch(/\/m\/\d+x0$/)
  })
})
