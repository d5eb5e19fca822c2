// Request counters and a bounded log, for `GET /__emulator/state`. The log tells security tests
// where credentials travelled, never what they were: no header value and no token is kept.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { ROUTE_NAMES, isRouteName, type LogRouteName, type RouteName } from './router.ts'

export interface LogEntry {
  route: LogRouteName
  method: string
  /** The answered status; 0 when the connection was dropped; null while in flight. */
  status: number | null
  /** Arrival time, ms since the epoch. */
  at: number
  /** The request carried an `Authorization` header (any value, even an empty one). */
  authorization: boolean
  /** A Management API token (personal or OAuth) or the asset token occurs in the URL, raw or decoded. */
  tokenInUrl: boolean
}

const LOG_LIMIT = 1000

/**
 * The Management API's routes (mapi.ts, folders.ts, internalTags.ts, altText.ts): what the rate
 * limit counts.
 */
export const MANAGEMENT_API_ROUTES: readonly string[] = [
  'sign',
  'finish',
  'get',
  'update',
  'delete',
  'list',
  'folders',
  'tags',
  'alt_text',
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

/** Decodes every run of `%XX` escapes that decodes; a malformed run is left as it is. */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

/**
 * Whether one of `secrets` occurs anywhere in `rawUrl` (path or query), as sent or
 * percent-decoded, decoding again while that changes anything so double encoding hides nothing.
 */
export function containsSecret(rawUrl: string, secrets: readonly string[]): boolean {
  const wanted = secrets.filter((secret) => secret !== '')
  let text = rawUrl
  for (let round = 0; round < 5; round++) {
    if (wanted.some((secret) => text.includes(secret))) return true
    const decoded = percentDecode(text)
    if (decoded === text) return false
    text = decoded
  }
  return wanted.some((secret) => text.includes(secret))
}

function zeroCounts(): Record<RouteName, number> {
  return Object.fromEntries(ROUTE_NAMES.map((name) => [name, 0])) as Record<RouteName, number>
}

export class RequestStats {
  private counts = zeroCounts()
  private log: LogEntry[] = []

  constructor(
    /** The tokens `tokenInUrl` looks for: the Management API tokens and the asset token. */
    private readonly secrets: readonly string[],
  ) {}

  /**
   * Logs a request to `route` and fills in its status when the response is done. Only the named
   * API routes are counted, and preflights (`count: false`) not even there.
   */
  record(route: LogRouteName, req: IncomingMessage, res: ServerResponse, count = true): void {
    if (count && isRouteName(route)) this.counts[route] += 1
    const entry: LogEntry = {
      route,
      method: (req.method ?? 'GET').toUpperCase(),
      status: null,
      at: Date.now(),
      authorization: req.headers.authorization !== undefined,
      tokenInUrl: containsSecret(req.url ?? '', this.secrets),
    }
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
