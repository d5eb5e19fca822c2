// The local Storyblok's story page (emulator/editor/story.ts: several fields of one plugin in
// the sidebar's column) in a fresh browser context with the CPU slowed, and what it noted about
// each field: when its iframe was created, when its `loaded` arrived, and every new height.
import type { BrowserContext, CDPSession, Frame, Page } from 'playwright-core'
import { isRecord } from '../../src/domain/record.ts'
import { newContext } from './pluginPage.ts'
import type { Browser } from 'playwright-core'

export interface Resize {
  field: number
  height: number
  /** The story page's `performance.now()`: ms since its navigation started. */
  at: number
}

export interface StoryRecord {
  created: number[]
  loaded: (number | null)[]
  resizes: Resize[]
}

/**
 * What Chromium counted in the plugin frames' renderer (CDP `Performance.getMetrics`), in ms:
 * its main thread's time (`ThreadTime`; the throttling's pauses count, as a 4x slower CPU's
 * would), and the time its frames spent in script, style and layout (added over the frames).
 */
export interface FrameMetrics {
  threadCpu: number
  script: number
  style: number
  layout: number
}

export interface StoryPage {
  context: BrowserContext
  page: Page
  /** Of the plugin frames' renderer (see FrameMetrics); zeros when the frames share the page's. */
  metrics(): Promise<FrameMetrics>
  /** Network requests of the page and its frames that have not ended yet. */
  inFlight(): number
  /** Node's `performance.now()` of the last request that started or ended. */
  lastNetwork(): number
  record(): Promise<StoryRecord>
  close(): Promise<void>
}

/**
 * Slows the CPU of the page's renderer and, as each plugin frame asks for its script, of the
 * frame's renderer (Chromium throttles per process, and a cross-site frame has its own): the
 * script waits until its process is throttled, so everything the plugin runs is slowed. Answers
 * the frames' sessions, whose Performance domain counts from then on.
 */
async function throttleCpu(context: BrowserContext, page: Page, rate: number) {
  const slow = (session: CDPSession) => session.send('Emulation.setCPUThrottlingRate', { rate })
  await slow(await context.newCDPSession(page))
  const frames: CDPSession[] = []
  await context.route(
    (url) => url.pathname.endsWith('/index.js'),
    async (route) => {
      const frame: Frame = route.request().frame()
      // A frame on the page's own site shares the page's (throttled) process: no session of its own.
      const session = await context.newCDPSession(frame).catch(() => null)
      if (session) {
        await slow(session)
        await session.send('Performance.enable')
        frames.push(session)
      }
      await route.continue()
    },
  )
  return frames
}

async function frameMetrics(sessions: readonly CDPSession[]): Promise<FrameMetrics> {
  const total: FrameMetrics = { threadCpu: 0, script: 0, style: 0, layout: 0 }
  for (const [index, session] of sessions.entries()) {
    const { metrics } = await session.send('Performance.getMetrics')
    const value = (name: string) =>
      1000 * (metrics.find((metric) => metric.name === name)?.value ?? 0)
    // The thread is the process's, shared by its frames: counted once.
    if (index === 0) total.threadCpu = value('ThreadTime')
    total.script += value('ScriptDuration')
    total.style += value('RecalcStyleDuration')
    total.layout += value('LayoutDuration')
  }
  return total
}

/** What the page noted; nothing yet while its script has not run. */
function parseRecord(raw: unknown): StoryRecord {
  if (!isRecord(raw)) return { created: [], loaded: [], resizes: [] }
  const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number) : [])
  const resizes = Array.isArray(raw['resizes']) ? raw['resizes'].filter(isRecord) : []
  return {
    created: numbers(raw['created']),
    loaded: Array.isArray(raw['loaded'])
      ? raw['loaded'].map((at) => (typeof at === 'number' ? at : null))
      : [],
    resizes: resizes.map((entry) => ({
      field: Number(entry['field']),
      height: Number(entry['height']),
      at: Number(entry['at']),
    })),
  }
}

/** Counts the context's requests under way, and notes when the last one started or ended. */
function watchNetwork(context: BrowserContext) {
  let inFlight = 0
  let last = performance.now()
  const started = (): void => {
    inFlight++
    last = performance.now()
  }
  const ended = (): void => {
    inFlight--
    last = performance.now()
  }
  context.on('request', started)
  context.on('requestfinished', ended)
  context.on('requestfailed', ended)
  return { inFlight: () => inFlight, last: () => last }
}

/**
 * Tall enough for 5 fields of some 1,400 px: Chromium does not lay out a cross-site frame that
 * is out of view (it renders nothing there), so its ResizeObserver, which the SDK's
 * `heightChange` comes from, would report only once the editor scrolled to it.
 */
const VIEWPORT = { width: 1280, height: 8000 }

export interface StoryPageOptions {
  /** How many times slower the CPU runs in the page's and the frames' renderers. */
  cpuRate: number
  /** Runs on the fresh context before the page opens (init scripts). */
  prepare?: (context: BrowserContext) => Promise<unknown>
}

/**
 * Opens `url` (the story page) in a fresh context with the CPU slowed `cpuRate` times; resolves
 * once the page has started loading. Nothing is cached between calls.
 */
export async function openStoryPage(
  browser: Browser,
  url: string,
  { cpuRate, prepare }: StoryPageOptions,
): Promise<StoryPage> {
  const context = await newContext(browser, { viewport: VIEWPORT })
  try {
    await prepare?.(context)
    const page = await context.newPage()
    const frames = await throttleCpu(context, page, cpuRate)
    const network = watchNetwork(context)
    await page.goto(url, { waitUntil: 'commit' })
    return {
      context,
      page,
      metrics: () => frameMetrics(frames),
      inFlight: network.inFlight,
      lastNetwork: network.last,
      record: async () =>
        parseRecord(await page.evaluate(() => Reflect.get(window, '__story') as unknown)),
      close: () => context.close(),
    }
  } catch (error) {
    await context.close()
    throw error
  }
}
