// Many files dropped at once on a multiasset field (the plugin's `multiple` option; the editor
// page hosts it so with `multiple=1`), against the same files dropped one after another: the
// wall time until the field's value holds them all, the plugin frame's JS heap, and the
// Management API calls the emulator saw, under the rate limit.
import type { Browser } from 'playwright-core'
import { dropRun, type DropRun, type MultiDropOptions } from './dropRun.ts'
import type { EmulatorProcess } from './emulatorProcess.ts'
import { MiB, type TestFile } from './files.ts'
import { kb, log, mb, median, ms, ratioOf, seconds, type Row } from './report.ts'

/** The two runs, as lines on the console. */
function logRuns(together: DropRun, oneByOne: DropRun, label: string, rateLimit: number): void {
  const describe = (run: DropRun): string =>
    `${seconds(run.wallMs)} (first in the field after ${ms(run.firstMs)}); ` +
    `${run.api.calls} API calls, highest ${run.api.busiest} in 1 s, ${run.api.refused} × 429; ` +
    `${run.s3.posts} S3 POSTs, at most ${run.s3.mostAtOnce} at once; ` +
    `heap ${mb(run.heap.before)} before, ${mb(run.heap.peak)} peak, ${mb(run.heap.after)} after` +
    (run.inOrder ? '' : '; the stored list does NOT name the files in their order')
  log(`${label} dropped at once: ${describe(together)}`)
  log(`one after another:       ${describe(oneByOne)}`)
  const each = oneByOne.eachMs
  log(
    `one after another, drop to field per file: median ${ms(median(each))}, ` +
      `${ms(Math.min(...each))} to ${ms(Math.max(...each))}, ${seconds(each.reduce((sum, value) => sum + value, 0))} in all ` +
      `(the rest of the wall time is the bench dropping the next file)`,
  )
  // Each call holds one of the limit's places for a second after its answer, so the calls of
  // the whole batch need at least (calls − limit) / limit seconds, however many run at once.
  const floorMs = (Math.max(0, together.api.calls - rateLimit) / rateLimit) * 1000
  log(
    `the rate limit alone: ${together.api.calls} calls at ${rateLimit}/s take at least ${seconds(floorMs)}`,
  )
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
  logRuns(together, oneByOne, `${count} × ${size}`, options.rateLimit)
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
