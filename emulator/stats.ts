// Request counters and a bounded log, for `GET /__emulator/state`.
import type { ServerResponse } from 'node:http'
import { ROUTE_NAMES, type RouteName } from './router.ts'

export interface LogEntry {
  route: RouteName
  method: string
  /** The answered status; 0 when the connection was dropped; null while in flight. */
  status: number | null
  /** Arrival time, ms since the epoch. */
  at: number
}

const LOG_LIMIT = 1000

/** The Management API's routes (`mapi.ts`): what the rate limit counts. */
export const MANAGEMENT_API_ROUTES: readonly string[] = [
  'sign',
  'finish',
  'get',
  'update',
  'delete',
  'list',
]

/** The most of `times` (ms) within any `windowMs`: the rate a client reached, from the log. */
export function busiestWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  let first = 0
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[first] ?? 0) <= (sorted[last] ?? 0) - windowMs) first++
    best = Math.max(best, last - first + 1)
  }
  return best
}

function zeroCounts(): Record<RouteName, number> {
  return Object.fromEntries(ROUTE_NAMES.map((name) => [name, 0])) as Record<RouteName, number>
}

export class RequestStats {
  private counts = zeroCounts()
  private log: LogEntry[] = []

  /**
   * Logs a request to `route` and fills in its status when the response is done. Preflights
   * (`count: false`) are logged but not counted.
   */
  record(route: RouteName, method: string, res: ServerResponse, count = true): void {
    if (count) this.counts[route] += 1
    const entry: LogEntry = { route, method, status: null, at: Date.now() }
    this.log.push(entry)
    if (this.log.length > LOG_LIMIT) this.log.shift()
    res.once('close', () => {
      entry.status = res.writableFinished ? res.statusCode : 0
    })
  }

  snapshot(): { requests: Record<RouteName, number>; requestLog: LogEntry[] } {
    return { requests: { ...this.counts }, requestLog: this.log.map((entry) => ({ ...entry })) }
  }

  reset(): void {
    this.counts = zeroCounts()
    this.log = []
  }
}
