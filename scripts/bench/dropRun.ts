// One run of files dropped on a multiasset field in a fresh editor page: at once, or one after
// another (each once the one before is in the field), with the frame's JS heap sampled while it
// runs and the Management API calls the emulator saw. multiDrop.ts compares the two.
import type { Browser, CDPSession } from 'playwright-core'
import { busiestWindow } from '../../emulator/stats.ts'
import { dropFiles } from '../support/dropFiles.ts'
import type { EmulatorProcess } from './emulatorProcess.ts'
import {
  DROP_ZONE,
  describeStuck,
  openMultiField,
  storedNames,
  watchField,
  type FieldWatch,
} from './fieldWatch.ts'
import type { TestFile } from './files.ts'
import { frameSession, heapUsage, type EditorPage } from './pluginPage.ts'
import { chromiumSettled } from './procfs.ts'

export interface MultiDropOptions {
  /** The plugin's URL, as the editor page's `plugin=` parameter takes it. */
  pluginUrl: string
  /** The emulator's limit in requests per second (the plugin's own throttle keeps 3). */
  rateLimit: number
  /** How often the frame's JS heap is read while the uploads run. @default 100 */
  intervalMs?: number
}

export type Mode = 'together' | 'oneByOne'

export interface DropRun {
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

/** The frame's JS heap: after a full collection at the start and at the end, and the highest sample. */
async function heapMeter(session: CDPSession) {
  await session.send('HeapProfiler.collectGarbage')
  const before = (await heapUsage(session)).used
  let peak = before
  return {
    sample: async (): Promise<void> => {
      peak = Math.max(peak, (await heapUsage(session)).used)
    },
    end: async (): Promise<DropRun['heap']> => {
      await session.send('HeapProfiler.collectGarbage')
      return { before, peak, after: (await heapUsage(session)).used }
    },
  }
}

type HeapMeter = Awaited<ReturnType<typeof heapMeter>>

/** Drops the files at once, or each alone once the one before is in the field. */
async function dropAll(
  editor: EditorPage,
  files: readonly TestFile[],
  mode: Mode,
  waitFor: (count: number) => Promise<number>,
): Promise<void> {
  if (mode === 'together') {
    await dropFiles(
      editor.frame,
      DROP_ZONE,
      files.map((file) => file.path),
    )
    await waitFor(files.length)
    return
  }
  for (const [index, file] of files.entries()) {
    await dropFiles(editor.frame, DROP_ZONE, [file.path])
    await waitFor(index + 1)
  }
}

/** The S3 POSTs in the frame's Resource Timing, as intervals. */
function s3Posts(editor: EditorPage): Promise<{ start: number; end: number }[]> {
  return editor.frame.evaluate(() =>
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
}

interface RunParts {
  editor: EditorPage
  emulator: EmulatorProcess
  field: FieldWatch
  heap: HeapMeter
  files: readonly TestFile[]
  mode: Mode
  /** When the first file was dropped (for the API log). */
  since: number
}

/** What a finished run measured, once the plugin's late calls are in. */
async function runResult({
  editor,
  emulator,
  field,
  heap,
  files,
  mode,
  since,
}: RunParts): Promise<DropRun> {
  const drops = await field.drops()
  const reached = await field.reached()
  const firstDrop = drops[0]
  const last = reached[files.length - 1]
  if (drops.length !== (mode === 'together' ? 1 : files.length) || firstDrop === undefined)
    throw new Error(`the frame saw ${drops.length} drops`)
  if (last === undefined) throw new Error('the field never held every file')

  const names = await storedNames(editor)
  const s3 = await s3Posts(editor)
  // Calls the plugin makes once the list is complete count too.
  await sleep(1500)
  const heapUse = await heap.end()
  const calls = await emulator.control.managementApiLog(since)
  return {
    wallMs: last - firstDrop,
    eachMs:
      mode === 'together'
        ? []
        : drops.map((dropAt, index) => (reached[index] ?? Number.NaN) - dropAt),
    firstMs: (reached[0] ?? Number.NaN) - firstDrop,
    heap: heapUse,
    api: {
      calls: calls.length,
      refused: calls.filter((entry) => entry.status === 429).length,
      busiest: busiestWindow(calls.map((entry) => entry.at)),
    },
    s3: { posts: s3.length, mostAtOnce: mostAtOnce(s3) },
    inOrder:
      names.length === files.length && files.every((file, index) => names[index] === file.name),
  }
}

export async function dropRun(
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
    const heap = await heapMeter(session)
    // As for the single uploads: an editor drops files seconds after the page opened, not
    // while Chromium still starts processes for it.
    await chromiumSettled()

    // Bounded by a pessimistic 10 MB/s, 3 s per file for the rate limit, plus a minute.
    const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0)
    const deadline = Date.now() + 60_000 + files.length * 3000 + totalBytes / 10_000
    const waitFor = (count: number) =>
      sampleUntil(field.until(count), {
        tick: heap.sample,
        intervalMs,
        deadline,
        stuck: () => describeStuck(editor, count),
      })
    const since = Date.now()
    await dropAll(editor, files, mode, waitFor)
    await heap.sample()
    return await runResult({ editor, emulator, field, heap, files, mode, since })
  } finally {
    await session?.detach().catch(() => undefined)
    await editor.close()
    await emulator.control.reset()
  }
}
