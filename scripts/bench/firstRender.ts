// Time to first render: how soon the plugin's first control is painted in its frame, against
// the bare Vue + SDK counter, each on a cold page (a fresh context), alternating which goes first.
import type { Browser } from 'playwright-core'
import { isRecord } from '../../src/domain/record.ts'
import { openEditor } from './pluginPage.ts'
import { kb, log, median, ms, ratioOf, type Row } from './report.ts'

export interface RenderTiming {
  /** ms from the iframe's navigation start until the control is in the DOM and laid out. */
  inDom: number
  /** ...until the animation frame that paints it. */
  painted: number
  /** ...until the bundle (`index.js`) was downloaded. */
  scriptLoaded: number | null
}

const RENDER_KEY = '__benchRender'

/**
 * Times the first render of the element matching `selector` whose text contains `text`, in the
 * plugin's frame only, with `performance.now()` (relative to the frame's navigation start).
 */
export async function timeFirstRender(
  browser: Browser,
  editorUrl: string,
  control: { selector: string; text: string },
): Promise<RenderTiming> {
  const editor = await openEditor(browser, editorUrl, (context) =>
    context.addInitScript(
      ({ key, selector, text }) => {
        if (window === window.top) return
        let seen = false
        const check = (): boolean => {
          if (seen) return true
          const element = [...document.querySelectorAll(selector)].find(
            (candidate) =>
              candidate.textContent?.includes(text) && candidate.getClientRects().length > 0,
          )
          if (!element) return false
          seen = true
          const inDom = performance.now()
          requestAnimationFrame(() =>
            Reflect.set(window, key, { inDom, painted: performance.now() }),
          )
          return true
        }
        const observer = new MutationObserver(() => {
          if (check()) observer.disconnect()
        })
        observer.observe(document, { childList: true, subtree: true, characterData: true })
      },
      { key: RENDER_KEY, ...control },
    ),
  )
  try {
    await editor.frame.waitForFunction((key) => Reflect.has(window, key), RENDER_KEY, {
      timeout: 15_000,
      polling: 50,
    })
    const raw: unknown = await editor.frame.evaluate((key) => {
      const script = performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.endsWith('/index.js'))
      return {
        ...Reflect.get(window, key),
        scriptLoaded: script ? script.startTime + script.duration : null,
      }
    }, RENDER_KEY)
    if (!isRecord(raw) || typeof raw['inDom'] !== 'number' || typeof raw['painted'] !== 'number') {
      throw new Error('unexpected render timing')
    }
    return {
      inDom: raw['inDom'],
      painted: raw['painted'],
      scriptLoaded: typeof raw['scriptLoaded'] === 'number' ? raw['scriptLoaded'] : null,
    }
  } finally {
    await editor.close()
  }
}

/** What the figure compares: the plugin against the bare counter, each at its own URL. */
export interface RenderContenders {
  editorUrl: (plugin: string) => string
  pluginUrl: string
  bareUrl: string
  /** The gzip sizes of the two bundles, shown beside the timing. */
  sizes: { pluginGzip: number; bareGzip: number }
}

export async function timeToFirstRender(
  browser: Browser,
  { editorUrl, pluginUrl, bareUrl, sizes }: RenderContenders,
  runs: number,
): Promise<Row[]> {
  const plugin: RenderTiming[] = []
  const bare: RenderTiming[] = []
  for (let run = 0; run < runs; run++) {
    // Alternating which goes first, so neither always runs on a warmer machine.
    const order = run % 2 === 0 ? ['plugin', 'bare'] : ['bare', 'plugin']
    for (const which of order) {
      if (which === 'plugin')
        plugin.push(
          await timeFirstRender(browser, editorUrl(pluginUrl), {
            selector: 'label',
            text: 'Upload file',
          }),
        )
      else
        bare.push(
          await timeFirstRender(browser, editorUrl(bareUrl), {
            selector: 'button',
            text: 'Increment',
          }),
        )
    }
  }
  return renderRows(plugin, bare, sizes, runs)
}

function renderRows(
  plugin: RenderTiming[],
  bare: RenderTiming[],
  sizes: { pluginGzip: number; bareGzip: number },
  runs: number,
): Row[] {
  const pluginMs = median(plugin.map((t) => t.painted))
  const bareMs = median(bare.map((t) => t.painted))
  const script = (timings: RenderTiming[]): string =>
    ms(median(timings.map((t) => t.scriptLoaded ?? Number.NaN)))
  log(
    `plugin: painted ${plugin.map((t) => t.painted.toFixed(0)).join(', ')} ms; bundle loaded at ${script(plugin)} (median)`,
  )
  log(
    `bare:   painted ${bare.map((t) => t.painted.toFixed(0)).join(', ')} ms; bundle loaded at ${script(bare)} (median)`,
  )
  return [
    {
      figure: `Time to first render (median of ${runs}, cold)`,
      value: ms(pluginMs),
      reference: `${ms(bareMs)} bare Vue + SDK`,
      ratio: ratioOf(pluginMs, bareMs),
      target: 'none set ("cost little to load")',
      result: 'INFO',
    },
    {
      figure: 'Bundle index.js, gzip -9 (the local-editor build timed above)',
      value: kb(sizes.pluginGzip),
      reference: `${kb(sizes.bareGzip)} bare Vue + SDK`,
      ratio: ratioOf(sizes.pluginGzip, sizes.bareGzip),
      // The guard is `npm run size`'s, on dist/index.js (within a few bytes of this build).
      target: '—',
      result: 'INFO',
    },
  ]
}
