// `npm run screenshot`: the README's two pictures, taken from the real page: the plugin built as
// for the tests, inside the local Storyblok's editor page.
// - docs/screenshot.png: the recommended setup (an upload gateway in front of the local
//   Storyblok, so the options hold `gatewayUrl` and no token), one photo uploaded, its alt text
//   typed and its focus point set.
// - docs/screenshot-multiple.png: the multiple mode (`multiple=1`), with five images dropped on
//   it and two of them described.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Frame, Page } from 'playwright-core'
import { build } from 'vite'
import { startEmulator, type Emulator } from '../emulator/server.ts'
import { projectRoot } from './bare.ts'
import { launchChromium } from './support/chromium.ts'
import { dropFiles } from './support/dropFiles.ts'
import { localGatewayEnv, spawnGateway, type GatewayProcess } from './support/gatewayProcess.ts'
import { photo } from './support/photo.ts'
import { serveStatic } from './support/staticServer.ts'

const SINGLE_OUTPUT = join(projectRoot, 'docs/screenshot.png')
const MULTIPLE_OUTPUT = join(projectRoot, 'docs/screenshot-multiple.png')
const PHOTOS = [
  ['harbour.jpg', '#0f6f8f', '#f2c14e'],
  ['dunes.jpg', '#e0a458', '#7a4419'],
  ['forest.jpg', '#2d6a4f', '#95d5b2'],
  ['night-sky.jpg', '#0b132b', '#5bc0be'],
  ['poppies.jpg', '#d62828', '#fcbf49'],
] as const

/** Opens the editor page with `query` and waits for the plugin's frame. */
async function openEditor(page: Page, editorUrl: string, query: URLSearchParams): Promise<Frame> {
  await page.goto(`${editorUrl}/?${query.toString()}`)
  const frame = await (await page.waitForSelector('iframe')).contentFrame()
  if (!frame) throw new Error('no plugin frame')
  await frame.waitForSelector('main')
  return frame
}

/** Waits until every image of the plugin (preview, crops, thumbnails) is drawn. */
async function imagesDrawn(frame: Frame): Promise<void> {
  await frame.waitForFunction(() =>
    [...document.querySelectorAll('img')].every((image) => image.complete),
  )
}

/**
 * The upload gateway in front of `emulator`, run as `npm run dev` runs it (vite.config.ts), with
 * a ticket secret of this run, allowing only the plugin's origin.
 */
function startGateway(emulator: Emulator, pluginUrl: string): Promise<GatewayProcess> {
  return spawnGateway(projectRoot, localGatewayEnv(emulator, new URL(pluginUrl).origin))
}

/**
 * docs/screenshot.png: the single-asset form in the recommended setup (the editor page's
 * `via=gateway`, its default when a gateway runs). Taller than the other picture, so that the
 * whole form and the stored value's focus fit.
 */
async function shootSingle(browser: Browser, pluginUrl: string): Promise<void> {
  /** Where the gateway listens, once it does (the editor page asks on every load). */
  const started: { gatewayUrl?: string } = {}
  const emulator = await startEmulator({
    port: 0,
    dataDir: null,
    pluginUrl,
    gatewayUrl: () => started.gatewayUrl,
  })
  const gateway = await startGateway(emulator, pluginUrl).catch(async (error: unknown) => {
    await emulator.close()
    throw error
  })
  started.gatewayUrl = gateway.url
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } })
    const frame = await openEditor(page, emulator.url, new URLSearchParams({ plugin: pluginUrl }))
    const buffer = await photo('#1d3557', '#f4a261')
    await frame
      .getByLabel('Upload file')
      .setInputFiles({ name: 'sunset-bay.jpg', mimeType: 'image/jpeg', buffer })
    await frame.getByRole('button', { name: 'Upload', exact: true }).click()
    await frame.getByRole('textbox', { name: 'Alt text' }).fill('Sunset over a quiet bay')
    // The upload has ended in the library once "Replace file" is offered.
    await frame
      .getByRole('button', { name: 'Replace file' })
      .and(frame.locator(':enabled'))
      .waitFor({ timeout: 30_000 })
    // The focus point on the sun, where the crops keep it in view.
    const slider = frame.getByRole('slider', { name: 'Focus point' })
    const box = await slider.boundingBox()
    if (!box) throw new Error('the focus picker is not visible')
    await slider.click({ position: { x: box.width * 0.7, y: box.height * 0.33 } })
    // The editor page's stored value holds the focus point once the plugin has sent it.
    await page.waitForFunction(() =>
      /"focus": "\d/.test(document.querySelector('#field-content')?.textContent ?? ''),
    )
    await imagesDrawn(frame)
    await page.screenshot({ path: SINGLE_OUTPUT })
    console.log(`wrote ${SINGLE_OUTPUT}`)
  } finally {
    await gateway.close()
    await emulator.close()
  }
}

/** docs/screenshot-multiple.png: five images dropped on a multiasset field, two described. */
async function shootMultiple(browser: Browser, pluginUrl: string): Promise<void> {
  const emulator = await startEmulator({ port: 0, dataDir: null, pluginUrl })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 960 } })
    const query = new URLSearchParams({ plugin: pluginUrl, multiple: '1' })
    const frame = await openEditor(page, emulator.url, query)
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
    await imagesDrawn(frame)
    await page.screenshot({ path: MULTIPLE_OUTPUT })
    console.log(`wrote ${MULTIPLE_OUTPUT}`)
  } finally {
    await emulator.close()
  }
}

async function main(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'screenshot-'))
  await build({ root: projectRoot, mode: 'local-editor', logLevel: 'warn', build: { outDir } })
  const plugin = await serveStatic(outDir)
  const browser = await launchChromium()
  try {
    await shootSingle(browser, plugin.url)
    await shootMultiple(browser, plugin.url)
  } finally {
    await browser.close()
    await plugin.close()
    await rm(outDir, { recursive: true, force: true })
  }
}

await main()
