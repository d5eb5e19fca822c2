// `npm run bench:gateway -- --browser`: the upload gateway as editors meet it, in headless
// Chromium: the plugin in the local Storyblok's editor page, through the gateway (on Node,
// in-process) in front of the local Storyblok with its 3 requests/s.
//
// 1. Ten editors (each a browser context of its own: its own plugin instance and session) drop
//    five images at once on a multiasset field. Printed: the 429s any page received (target 0),
//    each editor's time until its field holds the five, and the slowest against the mean
//    (target at most 2).
// 2. One upload at a time, through the gateway and with the token, alternating, on a network
//    like an editor's (10 Mbit/s up, 40 ms each way): from the click on "Upload" to the field
//    holding the asset. The gateway's median against the direct one (target at most 1.05x).
//
// Bounded: fixed counts, every wait with a timeout; it prints figures and asserts nothing.
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core'
import { build } from 'vite'
import { startEmulator, type Emulator } from '../../emulator/server.ts'
import { startNodeGateway, type NodeGateway } from '../../gateway/src/nodeServer.ts'
import { makePng } from '../../test/fixtures/png.ts'
import { launchChromium } from '../support/chromium.ts'
import { dropFiles } from '../support/dropFiles.ts'
import { localGatewayEnv } from '../support/gatewayProcess.ts'
import { serveStatic } from '../support/staticServer.ts'
import { projectRoot } from '../bare.ts'
import { cacheDir } from './builds.ts'
import { median, ms, ratioOf, seconds } from './report.ts'

const EDITORS = 10
const FILES = 5
const SINGLE_RUNS = 5
const SIZES = [1024 * 1024, 5 * 1024 * 1024]
/** An editor's line: 10 Mbit/s up, 40 Mbit/s down, 40 ms each way (Chromium's own throttling). */
const NETWORK = {
  offline: false,
  latency: 80,
  uploadThroughput: (10 * 1024 * 1024) / 8,
  downloadThroughput: (40 * 1024 * 1024) / 8,
}

interface Stack {
  emulator: Emulator
  gateway: NodeGateway
  browser: Browser
  editorUrl: (query: Record<string, string>) => string
  close(): Promise<void>
}

async function startStack(): Promise<Stack> {
  const dir = `${cacheDir}/gateway-plugin`
  await build({ root: projectRoot, mode: 'local-editor', logLevel: 'warn', build: { outDir: dir } })
  const plugin = await serveStatic(dir)
  const holder: { gateway?: NodeGateway } = {}
  const emulator = await startEmulator({
    port: 0,
    dataDir: null,
    pluginUrl: plugin.url,
    gatewayUrl: () => holder.gateway?.url,
  })
  const gateway = await startNodeGateway({
    env: localGatewayEnv(emulator, new URL(plugin.url).origin),
    logSink: () => {},
  })
  holder.gateway = gateway
  const browser = await launchChromium()
  const editorUrl = (query: Record<string, string>) =>
    `${emulator.url}/?${new URLSearchParams({ plugin: plugin.url, ...query }).toString()}`
  const close = async () => {
    await browser.close()
    await gateway.close()
    await emulator.close()
    await plugin.close()
  }
  return { emulator, gateway, browser, editorUrl, close }
}

/** The field's stored value, as the editor page shows it. */
async function fieldValue(page: Page): Promise<unknown> {
  const text = (await page.locator('#field-content').textContent()) ?? ''
  return text.trim() ? (JSON.parse(text) as unknown) : undefined
}

/** Resolves once the field's value satisfies `done`; bounded by `timeoutMs`. */
async function untilField(page: Page, done: (value: unknown) => boolean, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs
  while (!done(await fieldValue(page))) {
    if (Date.now() > deadline) throw new Error('the field never held what was awaited')
    await page.waitForTimeout(50)
  }
}

async function pluginFrame(page: Page): Promise<Frame> {
  const element = await page.waitForSelector('iframe', { timeout: 15_000 })
  const frame = await element.contentFrame()
  if (!frame) throw new Error('no plugin frame')
  await frame.locator('main').waitFor()
  return frame
}

const pngs = (editor: number) =>
  Array.from({ length: FILES }, (_, n) => ({
    name: `editor-${editor}-photo-${n}.png`,
    mimeType: 'image/png',
    buffer: makePng(200 + editor, 150 + n),
  }))

/** Ten editors drop five images each at once. */
async function editorsAtOnce(stack: Stack): Promise<void> {
  let rateLimited = 0
  const contexts: BrowserContext[] = []
  try {
    const editors = await Promise.all(
      Array.from({ length: EDITORS }, async (_, index) => {
        const context = await stack.browser.newContext()
        contexts.push(context)
        const page = await context.newPage()
        page.on('response', (response) => void (response.status() === 429 && rateLimited++))
        await page.goto(stack.editorUrl({ multiple: '1', via: 'gateway' }))
        return { page, frame: await pluginFrame(page), index }
      }),
    )
    const times = await Promise.all(
      editors.map(async ({ page, frame, index }) => {
        const started = performance.now()
        await dropFiles(frame, '.uploader__zone', pngs(index))
        await untilField(page, (value) => Array.isArray(value) && value.length === FILES)
        return performance.now() - started
      }),
    )
    const mean = times.reduce((sum, value) => sum + value, 0) / times.length
    const slowest = Math.max(...times)
    console.log(`  ${EDITORS} editors × ${FILES} images at once, in Chromium:`)
    console.log(`    each editor's time: ${times.map(seconds).join(', ')}`)
    console.log(`    429s any page received: ${rateLimited} (target 0)`)
    console.log(
      `    slowest / mean: ${seconds(slowest)} / ${seconds(mean)} = ${ratioOf(slowest, mean)} (target ≤ 2)`,
    )
  } finally {
    await Promise.all(contexts.map((context) => context.close()))
  }
}

let uploads = 0

/**
 * One upload through the plugin's UI, on an editor's network: click on Upload → field written.
 * Each file is new to the library (its own name and bytes): a file the library already holds
 * would stop at the plugin's “Already in the library” offer.
 */
async function oneUpload(stack: Stack, via: 'gateway' | 'token', size: number): Promise<number> {
  const upload = ++uploads
  const context = await stack.browser.newContext()
  try {
    const page = await context.newPage()
    await page.goto(stack.editorUrl({ via }))
    const frame = await pluginFrame(page)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', NETWORK)
    await frame.getByLabel('Upload file').setInputFiles({
      name: `single-${via}-${upload}.bin`,
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(size, upload % 256),
    })
    const started = performance.now()
    await frame.getByRole('button', { name: 'Upload', exact: true }).click()
    await untilField(
      page,
      (value) => typeof value === 'object' && !!value && 'id' in value && value.id !== null,
    )
    return performance.now() - started
  } finally {
    await context.close()
  }
}

/** Alternating pairs, with the rate limit's window empty before each upload. */
async function overhead(stack: Stack): Promise<void> {
  console.log(
    `  one upload at a time, ${NETWORK.uploadThroughput / 131072} Mbit/s up, ${NETWORK.latency} ms round trip:`,
  )
  for (const size of SIZES) {
    const viaGateway: number[] = []
    const direct: number[] = []
    for (let run = 0; run < SINGLE_RUNS; run++) {
      await new Promise((resolve) => setTimeout(resolve, 1200))
      viaGateway.push(await oneUpload(stack, 'gateway', size))
      await new Promise((resolve) => setTimeout(resolve, 1200))
      direct.push(await oneUpload(stack, 'token', size))
    }
    const [gateway, token] = [median(viaGateway), median(direct)]
    console.log(
      `    ${size / 1024 / 1024} MB, medians of ${SINGLE_RUNS}: gateway ${ms(gateway)}, token ${ms(token)}: ${ratioOf(gateway, token)} (target ≤ 1.05x)`,
    )
  }
}

export async function gatewayInTheBrowser(): Promise<void> {
  console.log('\nThe gateway in the browser (the plugin in the local editor page)')
  const stack = await startStack()
  try {
    await editorsAtOnce(stack)
    await overhead(stack)
  } finally {
    await stack.close()
  }
}
