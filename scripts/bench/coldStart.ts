// Cold start of one field: from the iframe's creation (the story page notes it) to the first
// usable control in the frame (the plugin's "Upload file" with its file input enabled, the
// counter's "Increment" button), with the CPU slowed, each load in a fresh context. Both sides
// read the wall clock with sub-millisecond precision (`performance.timeOrigin + now()`): the
// frame runs in another process than the page.
import type { Browser, BrowserContext } from 'playwright-core'
import { log, median, ms, ratioOf, type Row } from './report.ts'
import { openStoryPage } from './storyPage.ts'
import { storyUrl } from './storyFields.ts'

const USABLE_KEY = '__benchUsable'

/** What counts as usable: a selector and the text it must show, and an optional check. */
interface Control {
  selector: string
  text: string
  /** Also wanted: a file input inside the control's section that is enabled. */
  enabledInput: boolean
}

const CONTROLS: Record<'plugin' | 'bare', Control> = {
  plugin: { selector: 'label', text: 'Upload file', enabledInput: true },
  bare: { selector: 'button', text: 'Increment', enabledInput: false },
}

/**
 * In every plugin frame, from before its first script: notes the wall-clock time when `control`
 * is laid out and usable, and the animation frame that paints it. Runs in the browser.
 */
function watchForControl(context: BrowserContext, control: Control): Promise<unknown> {
  return context.addInitScript(
    ({ key, selector, text, enabledInput }) => {
      if (window === window.top) return
      const now = () => performance.timeOrigin + performance.now()
      const usable = (): boolean => {
        const element = [...document.querySelectorAll(selector)].find(
          (candidate) =>
            candidate.textContent?.includes(text) && candidate.getClientRects().length > 0,
        )
        if (!element || !enabledInput) return !!element
        const input = document.querySelector('input[type="file"]')
        return input instanceof HTMLInputElement && !input.disabled
      }
      const observer = new MutationObserver(() => {
        if (!usable()) return
        observer.disconnect()
        const at = now()
        requestAnimationFrame(() => Reflect.set(window, key, { at, painted: now() }))
      })
      observer.observe(document, { childList: true, subtree: true, attributes: true })
    },
    { key: USABLE_KEY, ...control },
  )
}

export interface ColdStart {
  /** ms from the iframe's creation until the control was painted. */
  painted: number
  /** ms from the iframe's creation until the editor page received `loaded`. */
  loaded: number
}

async function coldStartOnce(
  browser: Browser,
  url: string,
  control: Control,
  cpuRate: number,
): Promise<ColdStart> {
  const story = await openStoryPage(browser, url, {
    cpuRate,
    prepare: (context) => watchForControl(context, control),
  })
  try {
    const frame = await (await story.page.waitForSelector('iframe')).contentFrame()
    if (!frame) throw new Error('the story page has no plugin frame')
    // The frame notes the time itself; this only waits for it to have done so.
    await frame.waitForFunction((key) => Reflect.has(window, key), USABLE_KEY, {
      timeout: 30_000,
      polling: 100,
    })
    const painted = Number(
      await frame.evaluate((key) => Reflect.get(window, key).painted, USABLE_KEY),
    )
    const page = await story.page.evaluate(() => ({
      origin: performance.timeOrigin,
      story: Reflect.get(window, '__story'),
    }))
    const created = page.origin + Number(page.story.created[0])
    return {
      painted: painted - created,
      loaded: Number(page.story.loaded[0]) + page.origin - created,
    }
  } finally {
    await story.close()
  }
}

/** Alternating cold starts of one empty field of the plugin and of the counter. */
export async function coldStart(
  browser: Browser,
  emulatorUrl: string,
  urls: { plugin: string; bare: string },
  { runs, cpuRate }: { runs: number; cpuRate: number },
): Promise<Row> {
  const starts: Record<'plugin' | 'bare', ColdStart[]> = { plugin: [], bare: [] }
  for (let run = 0; run < runs; run++)
    for (const who of run % 2 === 0 ? (['plugin', 'bare'] as const) : (['bare', 'plugin'] as const))
      starts[who].push(
        await coldStartOnce(
          browser,
          storyUrl(emulatorUrl, urls[who], { count: 1, values: null }),
          CONTROLS[who],
          cpuRate,
        ),
      )
  const painted = (who: 'plugin' | 'bare') => median(starts[who].map((start) => start.painted))
  for (const who of ['plugin', 'bare'] as const)
    log(
      `${who}: usable ${starts[who].map((start) => start.painted.toFixed(0)).join(', ')} ms; the editor had loaded at ${ms(median(starts[who].map((start) => start.loaded)))} (median)`,
    )
  return {
    figure: `Cold start of one field, CPU ${cpuRate}x: iframe created → first usable control (median of ${runs})`,
    value: ms(painted('plugin')),
    reference: `${ms(painted('bare'))} bare Vue + SDK`,
    ratio: ratioOf(painted('plugin'), painted('bare')),
    target: '—',
    result: 'INFO',
  }
}
