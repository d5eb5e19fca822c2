// Management API calls with the token: the only place it is used. Every call waits for its turn
// in the space's fair queue (./fairQueue.ts); an upstream 429 (the token is also used elsewhere)
// pauses the whole queue for `Retry-After` and the call is retried with priority, so a browser
// never sees Storyblok's 429. What crosses back is plain data (status, redacted text, a few
// headers): on Workers it travels from the Durable Object to the worker.
import type { Settings } from './settings'
import type { Caller, FairQueue } from './fairQueue'
import { QueueAbortError } from './fairQueue'
import { createRedact } from './redact'

export type UpstreamMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** One call, described: the token and the base are added where it is performed. */
export interface UpstreamCall {
  caller: Caller
  method: UpstreamMethod
  /** The space's collection the call addresses. @default 'assets' */
  resource?: 'assets' | 'internal_tags' | 'asset_folders'
  /** After `<base>/spaces/<space>/<resource>`: `""`, `?…`, `/<id>`, `/<id>/finish_upload`, … */
  path: string
  /** JSON text. */
  body?: string
}

export interface UpstreamAnswer {
  status: number
  /** The answer's text, the token redacted. */
  body: string
  /** Only those the browser may see: `content-type`, `retry-after`, `total`, `per-page`. */
  headers: Record<string, string>
  /** Set when the gateway made this answer itself (Storyblok unreachable, busy…). */
  rule?: string
}

/** What a call may address: the asset routes the gateway allows, with ids as digits only. */
const PATH = /^(\/[1-9]\d{0,15}(\/finish_upload|\/generate_image_alt_text)?)?(\?[\w.%&=+*-]*)?$/
/** The tags are only listed (routes/tags.ts): a query, nothing below them. */
const TAGS_PATH = /^(\?[\w.%&=+*-]*)?$/
/** The folders are only listed (routes/folders.ts): nothing after the collection. */
const FOLDERS_PATH = /^$/
const PATHS: Readonly<Record<string, RegExp>> = {
  assets: PATH,
  internal_tags: TAGS_PATH,
  asset_folders: FOLDERS_PATH,
}
/** Tags and folders are only ever read. */
const READ_ONLY = new Set(['internal_tags', 'asset_folders'])
const allowedPath = ({ resource = 'assets', method, path }: UpstreamCall) =>
  Object.hasOwn(PATHS, resource) &&
  !!PATHS[resource]?.test(path) &&
  (method === 'GET' || !READ_ONLY.has(resource))

const PASSED_HEADERS = ['content-type', 'retry-after', 'total', 'per-page']

/** 429s waited out per call before the gateway gives up with a 503. */
const MAX_RATE_LIMITED = 6

export type Send = (call: UpstreamCall, signal?: AbortSignal) => Promise<UpstreamAnswer>

export interface UpstreamOptions {
  settings: Pick<Settings, 'token' | 'apiBase' | 'spaceId' | 'callerQueue' | 'ipQueue'>
  queue: FairQueue
  fetch: typeof fetch
  now: () => number
  /** Per attempt. @default 30000 */
  timeoutMs?: number
}

/** `Retry-After` in ms: seconds or an HTTP date; `null` when absent or unreadable; at most a minute. */
export function retryAfterMs(header: string | undefined, now: number): number | null {
  if (!header) return null
  const seconds = Number(header)
  const ms = seconds >= 0 ? seconds * 1000 : /[a-z]/i.test(header) ? Date.parse(header) - now : NaN
  return Number.isNaN(ms) ? null : Math.min(Math.max(0, Math.round(ms)), 60_000)
}

export const gatewayAnswer = (
  status: number,
  error: string,
  rule: string,
  retryAfterSeconds?: number,
): UpstreamAnswer => ({
  status,
  body: JSON.stringify({ error, rule }),
  headers: {
    'content-type': 'application/json; charset=utf-8',
    ...(retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }),
  },
  rule,
})

export function createUpstream({
  settings,
  queue,
  fetch,
  now,
  timeoutMs = 30_000,
}: UpstreamOptions): Send {
  const space = `${settings.apiBase}/spaces/${settings.spaceId}`
  const redact = createRedact([settings.token])

  /** One attempt, in the queue's place. Never throws: a failure is an answer with a rule. */
  async function attempt({
    method,
    resource = 'assets',
    path,
    body,
  }: UpstreamCall): Promise<UpstreamAnswer> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      const response = await fetch(`${space}/${resource}${path}`, {
        method,
        body,
        signal: controller.signal,
        headers: {
          Authorization: settings.token,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
      })
      const headers: Record<string, string> = {}
      for (const name of PASSED_HEADERS) {
        const value = response.headers.get(name)
        if (value !== null) headers[name] = redact(value)
      }
      return { status: response.status, body: redact(await response.text()), headers }
    } catch {
      // The error itself is not kept: a runtime's message may quote the request.
      return controller.signal.aborted
        ? gatewayAnswer(504, 'Storyblok did not answer in time', 'upstream-timeout')
        : gatewayAnswer(502, 'Storyblok could not be reached', 'upstream-unreachable')
    } finally {
      clearTimeout(timer)
    }
  }

  return async (call, signal) => {
    if (!allowedPath(call)) return gatewayAnswer(403, 'Not an allowed asset path', 'not-allowed')
    if (queue.load(call.caller) >= settings.callerQueue)
      return gatewayAnswer(429, 'Too many of your requests are waiting', 'caller-queue', 1)
    if (queue.ipLoad(call.caller.ip) >= settings.ipQueue)
      return gatewayAnswer(429, 'Too many requests from this address are waiting', 'ip-queue', 1)
    let last: UpstreamAnswer | undefined
    for (let tries = 0; tries <= MAX_RATE_LIMITED; tries++) {
      try {
        last = await queue.run(call.caller, () => attempt(call), { signal, priority: tries > 0 })
      } catch (error) {
        if (error instanceof QueueAbortError)
          return gatewayAnswer(499, 'The caller went away', 'aborted')
        throw error
      }
      if (last.status !== 429) return last
      const wait = retryAfterMs(last.headers['retry-after'], now()) ?? 1000 * 2 ** tries
      queue.pauseUntil(now() + Math.min(wait, 30_000))
    }
    return gatewayAnswer(503, 'Storyblok is busy; try again shortly', 'upstream-busy', 5)
  }
}
