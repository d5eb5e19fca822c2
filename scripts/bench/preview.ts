// What showing a camera's photo costs the editor: the bytes the plugin's frame downloads for
// its previews, against the original file.
import type { Browser } from 'playwright-core'
import { cdnUrl } from '../../src/domain/urls.ts'
import { seedPhoto } from '../../test/fixtures/photo.ts'
import type { EmulatorProcess } from './emulatorProcess.ts'
import { openEditor } from './pluginPage.ts'
import { kb, log, mb, type Row } from './report.ts'

/**
 * What showing a camera's photo costs the editor: every byte the CDN sends the plugin's frame
 * while the form shows a 20 MB, 6000 × 4000 JPEG (its preview, the focus picker and its crops),
 * against what the same frame downloads for the original URL, which the preview, the focus
 * picker and the crops showed before they used the image service.
 */
export async function preview(
  browser: Browser,
  emulator: EmulatorProcess,
  pluginUrl: string,
): Promise<Row> {
  await emulator.control.reset()
  const { id } = await seedPhoto(emulator)
  const [asset] = await emulator.control.assets()
  const filename = cdnUrl(String(asset?.filename))
  const content = JSON.stringify({ fieldtype: 'asset', id, filename, name: 'photo.jpg' })
  const url = `${emulator.url}/?${new URLSearchParams({ plugin: pluginUrl, content }).toString()}`
  const bodies: Promise<number>[] = []
  const editor = await openEditor(browser, url, async (context) => {
    context.on('response', (response) => {
      if (response.url().includes('/a.storyblok.com/f/'))
        bodies.push(
          response.body().then(
            (body) => body.length,
            () => 0,
          ),
        )
    })
  })
  try {
    await editor.frame.waitForSelector('[role="slider"]', { timeout: 30_000 })
    await editor.page.waitForLoadState('networkidle')
    const sum = async (sizes: Promise<number>[]) =>
      (await Promise.all(sizes)).reduce((total, size) => total + size, 0)
    const shown = bodies.length
    const bytes = await sum(bodies)
    // Before: the original, loaded the way the form's <img> loaded it.
    await editor.frame.evaluate(async (src) => {
      const image = new Image()
      image.src = src
      await image.decode()
    }, filename)
    const before = await sum(bodies.slice(shown))
    log(`preview: ${shown} images, ${kb(bytes)}; the original: ${mb(before)}`)
    return {
      figure: 'Preview of a 20 MB, 6000 × 4000 JPEG: bytes downloaded',
      value: kb(bytes),
      reference: `${mb(before)} before (the original)`,
      ratio: `1/${Math.round(before / Math.max(bytes, 1))}`,
      target: '< 200 KB',
      result: bytes > 0 && bytes < 200 * 1024 ? 'PASS' : 'MISS',
    }
  } finally {
    await editor.close()
    await emulator.control.reset()
  }
}
