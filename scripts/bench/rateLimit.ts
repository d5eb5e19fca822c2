// The rate limit: Management API calls per upload, and the highest request rate a burst of
// uploads reaches through one client, through one client per upload sharing the page's locks
// (as several fields on one page do), and without sharing (a reference).
import { busiestWindow } from '../../emulator/stats.ts'
import { localLocks } from '../../src/api/throttle.ts'
import type { ManagementClient } from '../../src/api/types.ts'
import type { EmulatorProcess } from './emulatorProcess.ts'
import type { TestFile } from './files.ts'
import type { MeasuredUpload } from './measuredUpload.ts'
import { clientFor, uploadWithPipeline } from './nodeUploads.ts'
import { RATE_LIMIT } from './plan.ts'
import { log, median, ratioOf, seconds, type Row } from './report.ts'

export function requestsPerUpload(uploads: MeasuredUpload[]): Row {
  const counts = uploads.map((upload) => upload.apiRequests)
  const worst = Math.max(...counts)
  log(`Management API calls per browser upload: ${counts.join(', ')}`)
  const routes = new Set(uploads.map((upload) => JSON.stringify(upload.apiRoutes)))
  log(`by route: ${[...routes].join(' | ')}`)
  // The target is 3; 4 is its ceiling. Only 3 passes; the value says when 4 is reached.
  return {
    figure: `Management API calls per upload (${counts.length} browser uploads)`,
    value: `${median(counts)} (max ${worst}${worst === 4 ? ', at the ceiling' : ''})`,
    reference: '3 (sign, finish, read)',
    ratio: ratioOf(worst, 3),
    target: '3 (at most 4)',
    result: worst <= 3 ? 'PASS' : 'MISS',
  }
}

/**
 * `one`: every upload through one client (one plugin instance). `instances`: a client per upload,
 * all on the same locks, as the iframes of several fields on one page share `navigator.locks`.
 * `uncoordinated`: a client per upload, each with its own locks: what the instances would do if
 * they did not share the limit (a reference, not a target).
 */
export type BurstMode = 'one' | 'instances' | 'uncoordinated'

export async function burst(
  emulator: EmulatorProcess,
  files: TestFile[],
  mode: BurstMode,
): Promise<Row> {
  await emulator.control.reset()
  await emulator.control.setConfig({ rateLimit: RATE_LIMIT })
  const since = Date.now()
  const sharedClient = clientFor(emulator, RATE_LIMIT)
  const pageLocks = localLocks()
  const clientForUpload = (): ManagementClient =>
    mode === 'one'
      ? sharedClient
      : clientFor(emulator, RATE_LIMIT, mode === 'instances' ? pageLocks : localLocks())
  const started = performance.now()
  const outcomes = await Promise.allSettled(
    files.map((file) => uploadWithPipeline(clientForUpload(), file)),
  )
  const elapsed = performance.now() - started
  const entries = await emulator.control.managementApiLog(since)
  const arrivals = busiestWindow(entries.map((entry) => entry.at))
  const accepted = busiestWindow(
    entries.filter((entry) => entry.status !== 429).map((entry) => entry.at),
  )
  const refused = entries.filter((entry) => entry.status === 429).length
  const failed = outcomes.filter((outcome) => outcome.status === 'rejected').length
  const label = {
    one: 'one client',
    instances: 'one client per upload, shared locks (plugin iframes of one page)',
    uncoordinated: 'one client per upload, each with its own locks (no sharing)',
  }[mode]
  log(
    `burst of ${files.length} (${label}): ${seconds(elapsed)}, ` +
      `${entries.length} API calls, highest ${arrivals} in 1 s (${accepted} accepted), ${refused} × 429, ${failed} uploads failed`,
  )
  const within = arrivals <= RATE_LIMIT && refused === 0 && failed === 0
  return {
    figure:
      mode === 'one'
        ? `Highest API request rate, burst of ${files.length} uploads (one client)`
        : `Same burst, ${label}`,
    value: `${arrivals} in 1 s (${refused} × 429, ${failed} failed)`,
    reference: `limit ${RATE_LIMIT}/s`,
    ratio: ratioOf(arrivals, RATE_LIMIT),
    target: mode === 'uncoordinated' ? '—' : `≤ ${RATE_LIMIT}/s, no 429`,
    result: mode === 'uncoordinated' ? 'INFO' : within ? 'PASS' : 'MISS',
  }
}
