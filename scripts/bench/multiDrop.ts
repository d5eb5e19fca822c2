// Many files dropped at once on a multiasset field (the plugin's `multiple` option; the editor
// page hosts it so with `multiple=1`), against the same files dropped one after another: the
// wall time until the field's value holds them all, the plugin frame's JS heap, and the
// Management API calls the emulator saw, under the rate limit.
import type { Browser, CDPSession } from 'playwright-core'
import { busiestWindow } from '../../emulator/stats.ts'
import { dropFiles } from '../support/dropFiles.ts'
import type { EmulatorProcess } from './emulatorProcess.ts'
import { MiB, type TestFile } from './files.ts'
import { frameSession, heapUsage, openEditor, type EditorPage } from './pluginPage.ts'
import { chromiumSettled } from './procfs.ts'
import { kb, log, mb, median, ms, ratioOf, seconds, type Row } from './report.ts'

/** The plugin's drop target (components/DropZone.vue). */
const DROP_ZONE = '.uploader__zone'
/** The editor page's view of the field's stored value (emulator/editor/panel.ts). */
const FIELD_CONTENT = '#field-content'
const WATCH_KEY = '__benchField'
const DROPS_KEY = '__benchDrops'

export interface MultiDropOptions {
  /** The plugin's URL, as the editor page's `plugin=` parameter takes it. */
  pluginUrl: string
  /** The emulator's limit in requests per second (the plugin's own throttle keeps 3). */
  rateLimit: number
  /** How often the frame's JS heap is read while the uploads run. @default 100 */
  intervalMs?: number
}

type Mode = 'together' | 'oneByOne'

interface DropRun {
  /** From the (first) drop until the field's value held every file. */
  wallMs: number
  /** One after another: each file's time from its drop until it was in the field. */
  eachMs: number[]
  /** When the first asset was in the field, from the first drop. */
  firstMs: number
  /** The plugin frame's JS heap: after a full collection before the drop and at the end, and the highest sample. */
  heap: { before: number; peak: number; after: number }
  api: { calls: number; refused: number; busiest: number }
  /** S3 POSTs in the frame's Resource Timing, and the most that overlapped. */
  s3: { posts: number; mostAtOnce: number }
  /** The stored list names the files in the order they were dropped. */
  inOrder: boolean
}

const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis))

/**
 * Calls `tick` every `intervalMs` until `work` settles, and resolves or rejects as `work` does;
 * past `deadline` (ms since the epoch) it throws what `stuck` says the page showed instead.
 */
async function sampleUntil<T>(
  work: Promise<T>,
  {
    tick,
    intervalMs,
    deadline,
    stuck,
  }: {
    tick: () => Promise<void>
    intervalMs: number
    deadline: number
    stuck: () => Promise<string>
  },
): Promise<T> {
  const settled = work.then(
    () => true,
    () => true,
  )
  while (!(await Promise.race([settled, sleep(intervalMs).then(() => false)]))) {
    if (Date.now() > deadline) throw new Error(await stuck())
    await tick()
  }
  return work
}

/** The most intervals that overlap at any moment. */
function mostAtOnce(intervals: readonly { start: number; end: number }[]): number {
  const edges = intervals
    .flatMap(({ start, end }) => [
      { at: start, by: 1 },
      { at: end, by: -1 },
    ])
    // An end before a start at the same moment: touching intervals do not overlap.
    .sort((a, b) => a.at - b.at || a.by - b.by)
  let now = 0
  let most = 0
  for (const edge of edges) {
    now += edge.by
    most = Math.max(most, now)
  }
  return most
}

/** The editor page with the field in `multiple` mode, once the plugin takes files. */
async function openMultiField(browser: Browser, emulator: EmulatorProcess, pluginUrl: string) {
  const query = new URLSearchParams({ plugin: pluginUrl, multiple: '1' })
  const editor = await openEditor(browser, `${emulator.url}/?${query.toString()}`)
  try {
    // A drop is ignored until the plugin has its options and a Management API client, which is
    // also when the zone's file input is enabled.
    await editor.frame.waitForFunction(
      (zone) => {
        const input = document.querySelector(`${zone} input[type="file"]`)
        return input instanceof HTMLInputElement && input.multiple && !input.disabled
      },
      DROP_ZONE,
      { timeout: 15_000, polling: 50 },
    )
    return editor
  } catch (error) {
    await editor.close()
    throw error
  }
}

/**
 * Records, in the editor page, when the field's value first held 1, 2, … items (a
 * MutationObserver on the value's view, so nothing polls), and in the plugin's frame when each
 * drop happened. Both read `Date.now()`: the frame runs in another process, and the wall clock
 * is the one both share.
 */
async function watchField(editor: EditorPage) {
  await editor.page.evaluate(
    ({ key, selector }) => {
      const view = document.querySelector(selector)
      if (!view) throw new Error(`no ${selector} on the editor page`)
      const reached: number[] = []
      let waiters: { count: number; resolve: (at: number) => void }[] = []
      const length = (): number => {
        try {
          const value: unknown = JSON.parse(view.textContent || 'null')
          return Array.isArray(value) ? value.length : 0
        } catch {
          return 0
        }
      }
      const update = (): void => {
        const now = Date.now()
        for (let count = length(); reached.length < count;) reached.push(now)
        waiters = waiters.filter((waiter) => {
          const at = reached[waiter.count - 1]
          if (at === undefined) return true
          waiter.resolve(at)
          return false
        })
      }
      new MutationObserver(update).observe(view, {
        childList: true,
        characterData: true,
        subtree: true,
      })
      Reflect.set(window, key, {
        reached,
        until: (count: number) =>
          new Promise<number>((resolve) => {
            waiters.push({ count, resolve })
            update()
          }),
      })
    },
    { key: WATCH_KEY, selector: FIELD_CONTENT },
  )
  await editor.frame.evaluate((key) => {
    const drops: number[] = []
    Reflect.set(window, key, drops)
    window.addEventListener('drop', () => drops.push(Date.now()), true)
    // 20 uploads leave some 100 entries; the default buffer holds 250.
    performance.setResourceTimingBufferSize(2000)
  }, DROPS_KEY)

  return {
    /** Resolves with the time the field first held `count` items. */
    until: async (count: number): Promise<number> => {
      const at: unknown = await editor.page.evaluate(
        ({ key, wanted }) => Reflect.get(window, key).until(wanted),
        { key: WATCH_KEY, wanted: count },
      )
      if (typeof at !== 'number') throw new Error('unexpected field watch')
      return at
    },
    reached: async (): Promise<number[]> => {
      const times: unknown = await editor.page.evaluate(
        (key) => Reflect.get(window, key).reached,
        WATCH_KEY,
      )
      return Array.isArray(times) ? times.map(Number) : []
    },
    drops: async (): Promise<number[]> => {
      const times: unknown = await editor.frame.evaluate(
        (key) => Reflect.get(window, key),
        DROPS_KEY,
      )
      return Array.isArray(times) ? times.map(Number) : []
    },
  }
}

/** What the field and the plugin show: for a run that did not finish in time. */
async function describeStuck(editor: EditorPage, wanted: number): Promise<string> {
  const held = await editor.page
    .locator(FIELD_CONTENT)
    .textContent({ timeout: 5000 })
    .then((text) => {
      const value: unknown = JSON.parse(text || 'null')
      return Array.isArray(value) ? value.length : 0
    })
    .catch(() => '?')
  const shown = await editor.frame
    .evaluate(() => ({
      alerts: [...document.querySelectorAll('[role="alert"]')].map((node) => node.textContent),
      retry: [...document.querySelectorAll('button')].filter(
        (button) => button.textContent?.trim() === 'Retry',
      ).length,
    }))
    .catch(() => null)
  return (
    `the field held ${held} of ${wanted} assets when the time was up` +
    (shown
      ? `; the plugin showed ${shown.retry} Retry buttons, alerts: ${JSON.stringify(shown.alerts)}`
      : '')
  )
}

/** The stored list's names, in order (the editor page's view of the value). */
async function storedNames(editor: EditorPage): Promise<unknown[]> {
  const text = await editor.page.locator(FIELD_CONTENT).textContent({ timeout: 5000 })
  const value: unknown = JSON.parse(text || 'null')
  return Array.isArray(value)
    ? value.map((item: unknown) =>
        typeof item === 'object' && item !== null ? Reflect.get(item, 'name') : undefined,
      )
    : []
}

async function dropRun(
  browser: Browser,
  emulator: EmulatorProcess,
  files: readonly TestFile[],
  mode: Mode,
  { pluginUrl, rateLimit, intervalMs = 100 }: MultiDropOptions,
): Promise<DropRun> {
  await emulator.control.reset()
  await emulator.control.setConfig({ rateLimit })
  const editor = await openMultiField(browser, emulator, pluginUrl)
  let session: CDPSession | undefined
  try {
    const field = await watchField(editor)
    session = await frameSession(editor)
    const heapSession = session
    await heapSession.send('HeapProfiler.collectGarbage')
    const before = (await heapUsage(heapSession)).used
    let peak = before
    const sample = async (): Promise<void> => {
      peak = Math.max(peak, (await heapUsage(heapSession)).used)
    }
    // As for the single uploads: an editor drops files seconds after the page opened, not
    // while Chromium still starts processes for it.
    await chromiumSettled()

    // Bounded by a pessimistic 10 MB/s, 3 s per file for the rate limit, plus a minute.
    const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0)
    const deadline = Date.now() + 60_000 + files.length * 3000 + totalBytes / 10_000
    const waitFor = (count: number) =>
      sampleUntil(field.until(count), {
        tick: sample,
        intervalMs,
        deadline,
        stuck: () => describeStuck(editor, count),
      })
    const since = Date.now()
    if (mode === 'together') {
      await dropFiles(
        editor.frame,
        DROP_ZONE,
        files.map((file) => file.path),
      )
      await waitFor(files.length)
    } else {
      for (const [index, file] of files.entries()) {
        await dropFiles(editor.frame, DROP_ZONE, [file.path])
        await waitFor(index + 1)
      }
    }
    await sample()
    const drops = await field.drops()
    const reached = await field.reached()
    const firstDrop = drops[0]
    const last = reached[files.length - 1]
    if (drops.length !== (mode === 'together' ? 1 : files.length) || firstDrop === undefined)
      throw new Error(`the frame saw ${drops.length} drops`)
    if (last === undefined) throw new Error('the field never held every file')

    const names = await storedNames(editor)
    const s3 = await editor.frame.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter(
          (entry) =>
            entry instanceof PerformanceResourceTiming &&
            entry.initiatorType === 'xmlhttprequest' &&
            entry.name.includes('/s3.amazonaws.com/'),
        )
        .map((entry) => ({ start: entry.startTime, end: entry.startTime + entry.duration })),
    )
    // Calls the plugin makes once the list is complete count too.
    await sleep(1500)
    await heapSession.send('HeapProfiler.collectGarbage')
    const after = (await heapUsage(heapSession)).used
    const calls = await emulator.control.managementApiLog(since)
    return {
      wallMs: last - firstDrop,
      eachMs:
        mode === 'together'
          ? []
          : drops.map((dropAt, index) => (reached[index] ?? Number.NaN) - dropAt),
      firstMs: (reached[0] ?? Number.NaN) - firstDrop,
      heap: { before, peak, after },
      api: {
        calls: calls.length,
        refused: calls.filter((entry) => entry.status === 429).length,
        busiest: busiestWindow(calls.map((entry) => entry.at)),
      },
      s3: { posts: s3.length, mostAtOnce: mostAtOnce(s3) },
      inOrder:
        names.length === files.length && files.every((file, index) => names[index] === file.name),
    }
  } finally {
    await session?.detach().catch(() => undefined)
    await editor.close()
    await emulator.control.reset()
  }
}

/**
 * `files` dropped at once on a fresh editor page, then the same files on another, each dropped
 * alone once the one before is in the field. Returns the rows for the results table.
 */
export async function multiDrop(
  browser: Browser,
  emulator: EmulatorProcess,
  files: readonly TestFile[],
  options: MultiDropOptions,
): Promise<Row[]> {
  const count = files.length
  const bytes = files[0]?.bytes ?? 0
  // `--quick` drops files under 1 MB.
  const size = bytes < MiB ? kb(bytes) : mb(bytes)
  const together = await dropRun(browser, emulator, files, 'together', options)
  const oneByOne = await dropRun(browser, emulator, files, 'oneByOne', options)
  const describe = (run: DropRun): string =>
    `${seconds(run.wallMs)} (first in the field after ${ms(run.firstMs)}); ` +
    `${run.api.calls} API calls, highest ${run.api.busiest} in 1 s, ${run.api.refused} × 429; ` +
    `${run.s3.posts} S3 POSTs, at most ${run.s3.mostAtOnce} at once; ` +
    `heap ${mb(run.heap.before)} before, ${mb(run.heap.peak)} peak, ${mb(run.heap.after)} after` +
    (run.inOrder ? '' : '; the stored list does NOT name the files in their order')
  log(`${count} × ${size} dropped at once: ${describe(together)}`)
  log(`one after another:       ${describe(oneByOne)}`)
  const each = oneByOne.eachMs
  log(
    `one after another, drop to field per file: median ${ms(median(each))}, ` +
      `${ms(Math.min(...each))} to ${ms(Math.max(...each))}, ${seconds(each.reduce((sum, value) => sum + value, 0))} in all ` +
      `(the rest of the wall time is the bench dropping the next file)`,
  )
  // Each call holds one of the limit's places for a second after its answer, so the calls of
  // the whole batch need at least (calls − limit) / limit seconds, however many run at once.
  const floorMs = (Math.max(0, together.api.calls - options.rateLimit) / options.rateLimit) * 1000
  log(
    `the rate limit alone: ${together.api.calls} calls at ${options.rateLimit}/s take at least ${seconds(floorMs)}`,
  )
  const withinLimit =
    together.api.busiest <= options.rateLimit &&
    together.api.refused === 0 &&
    together.inOrder &&
    oneByOne.inOrder
  return [
    {
      figure: `${count} × ${size} dropped at once (multiple): drop until all are in the field`,
      value: seconds(together.wallMs),
      reference: `${seconds(oneByOne.wallMs)} one after another`,
      ratio: ratioOf(together.wallMs, oneByOne.wallMs),
      target: '—',
      result: 'INFO',
    },
    {
      figure: `Page JS heap peak, ${count} × ${size} dropped at once`,
      value: mb(together.heap.peak),
      reference: `${mb(oneByOne.heap.peak)} one after another`,
      ratio: ratioOf(together.heap.peak, oneByOne.heap.peak),
      target: '—',
      result: 'INFO',
    },
    {
      figure: `Highest API request rate, ${count} dropped at once`,
      value: `${together.api.busiest} in 1 s (${together.api.calls} calls, ${together.api.refused} × 429)`,
      reference: `limit ${options.rateLimit}/s`,
      ratio: ratioOf(together.api.busiest, options.rateLimit),
      target: `≤ ${options.rateLimit}/s, no 429, all stored in order`,
      result: withinLimit ? 'PASS' : 'MISS',
    },
  ]
}
