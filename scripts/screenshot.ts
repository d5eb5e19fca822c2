// `npm run screenshot`: the README's picture of the multiple mode, taken from the real page: the
// plugin built as for the tests, inside the local Storyblok's editor page (`multiple=1`), with
// five images dropped on it and two of them described. Writes docs/screenshot-multiple.png.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { build } from 'vite'
import { startEmulator } from '../emulator/server.ts'
import { projectRoot } from './bare.ts'
import { launchChromium } from './support/chromium.ts'
import { dropFiles } from './support/dropFiles.ts'
import { serveStatic } from './support/staticServer.ts'

const OUTPUT = join(projectRoot, 'docs/screenshot-multiple.png')
const PHOTOS = [
  ['harbour.jpg', '#0f6f8f', '#f2c14e'],
  ['dunes.jpg', '#e0a458', '#7a4419'],
  ['forest.jpg', '#2d6a4f', '#95d5b2'],
  ['night-sky.jpg', '#0b132b', '#5bc0be'],
  ['poppies.jpg', '#d62828', '#fcbf49'],
] as const

/** A 1200 × 800 JPEG: a diagonal gradient between two colours. */
function photo(from: string, to: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="${from}"/>
    <stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="1200" height="800" fill="url(#g)"/>
    <circle cx="840" cy="260" r="120" fill="${to}" opacity="0.8"/></svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer()
}

async function main(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'screenshot-'))
  await build({ root: projectRoot, mode: 'local-editor', logLevel: 'warn', build: { outDir } })
  const plugin = await serveStatic(outDir)
  const emulator = await startEmulator({ port: 0, dataDir: null, pluginUrl: plugin.url })
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 960 } })
    const query = new URLSearchParams({ plugin: plugin.url, multiple: '1' })
    await page.goto(`${emulator.url}/?${query.toString()}`)
    // `requireAlt` on, as the block schema would set it: the list names what still needs alt text.
    await page.evaluate(() => {
      const editor = (window as unknown as { __editor: { setOptions(o: object): void } }).__editor
      const options: Record<string, string> = {}
      for (const row of document.querySelectorAll('#options-rows tr')) {
        const [name, value] = row.querySelectorAll('input')
        if (name?.value) options[name.value] = value?.value ?? ''
      }
      editor.setOptions({ ...options, requireAlt: 'true' })
    })
    const frame = await (await page.waitForSelector('iframe')).contentFrame()
    if (!frame) throw new Error('no plugin frame')
    await frame.waitForSelector('.uploader__zone')
    const files = await Promise.all(
      PHOTOS.map(async ([name, from, to]) => ({
        name,
        mimeType: 'image/jpeg',
        buffer: await photo(from, to),
      })),
    )
    await dropFiles(frame, '.uploader__zone', files)
    await frame.waitForFunction(
      (count) => document.querySelectorAll('.asset-list__item img').length === count,
      PHOTOS.length,
      { timeout: 30_000 },
    )
    // Two of them described, as an editor would: the list shows what is left.
    await frame.getByRole('button', { name: 'Describe harbour.jpg' }).click()
    await frame.getByRole('textbox', { name: 'Alt text' }).fill('Boats in a harbour at dawn')
    await frame.getByRole('button', { name: 'Next' }).click()
    await frame.getByRole('textbox', { name: 'Alt text' }).fill('Sand dunes in evening light')
    await frame.getByRole('button', { name: 'All assets' }).click()
    await frame.waitForSelector('.asset-list__item img')
    // Every thumbnail drawn.
    await frame.waitForFunction(() =>
      [...document.querySelectorAll('img')].every((image) => image.complete),
    )
    await page.screenshot({ path: OUTPUT })
    console.log(`wrote ${OUTPUT}`)
  } finally {
    await browser.close()
    await emulator.close()
    await plugin.close()
    await rm(outDir, { recursive: true, force: true })
  }
}

await main()
