// A field plugin inside the local Storyblok's editor page in headless Chromium: a fresh
// browser context, the page and the plugin's frame, and the frame's JS heap. What is timed in
// it: firstRender.ts, pluginUpload.ts.
import type {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  CDPSession,
  Frame,
  Page,
} from 'playwright-core'
import { isRecord } from '../../src/domain/record.ts'

export interface EditorPage {
  context: BrowserContext
  page: Page
  /** The plugin's iframe. */
  frame: Frame
  close(): Promise<void>
}

/** A fresh context: no cache, no storage, no code cache. */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options)
  // tsx compiles this file with esbuild's keepNames, which wraps named functions in a
  // `__name(fn, "name")` helper; functions sent to the page carry that call along.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target' })
  return context
}

/** A fresh context, the editor page, and the plugin's frame. */
export async function openEditor(
  browser: Browser,
  editorUrl: string,
  prepare?: (context: BrowserContext) => Promise<unknown>,
): Promise<EditorPage> {
  const context = await newContext(browser)
  try {
    await prepare?.(context)
    const page = await context.newPage()
    await page.goto(editorUrl)
    const element = await page.waitForSelector('iframe', { timeout: 15_000 })
    const frame = await element.contentFrame()
    if (!frame) throw new Error('the editor page has no plugin frame')
    return { context, page, frame, close: () => context.close() }
  } catch (error) {
    await context.close()
    throw error
  }
}

export interface HeapReading {
  /** V8 heap in use (`Runtime.getHeapUsage.usedSize`). */
  used: number
  /** ArrayBuffer backing stores, when Chromium reports them. */
  backingStore: number | null
}

/** Reads the V8 heap of the renderer that runs the plugin's frame. */
export async function heapUsage(cdp: CDPSession): Promise<HeapReading> {
  const usage = await cdp.send('Runtime.getHeapUsage')
  const extra: unknown = usage
  const backingStore =
    isRecord(extra) && typeof extra['backingStorageSize'] === 'number'
      ? extra['backingStorageSize']
      : null
  return { used: usage.usedSize, backingStore }
}

/**
 * A CDP session on the plugin's frame when it runs in its own process, else on the page (a
 * frame on another port of localhost is same-site, so it shares the page's renderer and heap).
 */
export async function frameSession(editor: EditorPage): Promise<CDPSession> {
  try {
    return await editor.context.newCDPSession(editor.frame)
  } catch {
    return editor.context.newCDPSession(editor.page)
  }
}
