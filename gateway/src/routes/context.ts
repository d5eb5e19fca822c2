// What every route gets (a parsed, checked request) and gives back (a reply the app turns
// into a Response, with CORS headers and, for writes, a log line).
import type { Coordinator, Refusal } from '../coordinator'
import type { Caller } from '../fairQueue'
import type { Settings } from '../settings'
import type { Tickets } from '../tickets'
import type { UpstreamAnswer } from '../upstream'

export interface CallerInfo {
  ip: string
  /** `X-Editor-Session` when well-formed, else `null`. */
  session: string | null
  /** `X-Storyblok-User-Id` as the plugin reports it: unverified, for the log only. */
  userId: string | null
  origin: string | null
  /** The queue's and the limits' key: IP + session. */
  key: Caller
}

export interface RouteDeps {
  settings: Settings
  coordinator: Coordinator
  tickets: Tickets
  now: () => number
}

export interface RouteRequest {
  deps: RouteDeps
  caller: CallerInfo
  /** The checked `:id`, for the routes that have one. */
  assetId: number
  query: URLSearchParams
  /** The parsed JSON body of a POST or PUT. */
  body: unknown
  /** `X-Upload-Ticket`. */
  ticket: string | null
  /** Aborts when the browser's connection goes away. */
  signal: AbortSignal
}

export interface Reply {
  status: number
  /** JSON text, or `null` for an empty answer. */
  body: string | null
  headers?: Record<string, string>
  /** For a refusal: the rule that refused. */
  rule?: string
  /** The asset the request ended up about (a sign learns it from the answer). */
  assetId?: number
}

export type Route = (request: RouteRequest) => Promise<Reply>

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' }

export function jsonReply(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Reply {
  return { status, body: JSON.stringify(value), headers: { ...JSON_TYPE, ...headers } }
}

/** A refusal: `{ error, rule }` (and any detail), the rule also kept for the log. */
export function refuse(
  status: number,
  rule: string,
  error: string,
  extra: Record<string, unknown> = {},
): Reply {
  return { ...jsonReply(status, { error, rule, ...extra }), rule }
}

/** A refusal of the limits (429 with `Retry-After`). */
export function limited({ status, rule, error, retryAfter }: Refusal): Reply {
  const reply = refuse(status, rule, error)
  return retryAfter === undefined
    ? reply
    : { ...reply, headers: { ...reply.headers, 'retry-after': String(retryAfter) } }
}

/** Storyblok's answer as it came (status, body, the headers the browser may see). */
export function passThrough(answer: UpstreamAnswer): Reply {
  const body = answer.status === 204 || answer.body === '' ? null : answer.body
  // For the log: the gateway's own rule (`upstream-busy`…), else that Storyblok refused.
  const rule = answer.rule ?? (answer.status >= 400 ? 'upstream' : undefined)
  return { status: answer.status, body, headers: answer.headers, ...(rule ? { rule } : {}) }
}

/** Whether Storyblok's answer was a success. */
export const succeeded = (answer: UpstreamAnswer) => answer.status >= 200 && answer.status < 300
