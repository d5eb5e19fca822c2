// Fault injection (`POST /__emulator/faults`): the next matching request(s) of a route are
// delayed, dropped, answered with a canned response, or answered by the route with a few JSON
// fields changed. A fault applies before the route does any work (a faulted sign creates no
// asset); a delay-only or patch fault then lets the route run.
import { drain, rewriteJson } from './http.ts'
import { isRecord } from '../src/domain/record.ts'
import { ROUTE_NAMES, isRouteName, type RequestContext, type RouteName } from './router.ts'

export type DropMode = 'before-response' | 'mid-transfer'

export interface Fault {
  id: number
  route: RouteName
  status?: number
  body?: string | Record<string, unknown> | unknown[]
  headers?: Record<string, string>
  /** Requests left to fault; -1 = until cleared. */
  times: number
  delayMs?: number
  drop?: DropMode
  /**
   * Fields laid over the route's real answer (a shallow patch; the route runs normally): over
   * the answer itself, or over its `asset` member when it is wrapped (`finish`, `delivery`).
   * Only a 2xx JSON object is patched. E.g. `{ route: 'get', patch: { content_length: 1 } }`
   * makes the next read of an asset disagree with its upload, without writing a whole asset.
   */
  patch?: Record<string, unknown>
}

/** What `POST /__emulator/faults` takes (for typed test clients): a fault without its id. */
export type FaultSpec = Omit<Fault, 'id' | 'times'> & { times?: number }

/** The routes whose answer is a JSON object a `patch` can change. */
const PATCHABLE_ROUTES: readonly RouteName[] = [
  'sign',
  'finish',
  'get',
  'delete',
  'list',
  'delivery',
  'folders',
  'tags',
  'alt_text',
]

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const MAX_DELAY_MS = 10 * 60 * 1000

/** Validates a fault description; returns the fault (without id) or the problems found. */
export function parseFault(input: unknown): { fault: Omit<Fault, 'id'> } | { errors: string[] } {
  if (!isRecord(input)) return { errors: ['the body must be a JSON object'] }
  const errors: string[] = []
  const route = input['route']
  if (!isRouteName(route)) {
    errors.push(`route must be one of ${ROUTE_NAMES.join(', ')}`)
  }
  const fault: Omit<Fault, 'id'> = { route: isRouteName(route) ? route : 'sign', times: 1 }

  const { status, body, headers, times, delayMs, drop, patch } = input
  if (status !== undefined) {
    if (Number.isInteger(status) && Number(status) >= 100 && Number(status) <= 599)
      fault.status = Number(status)
    else errors.push('status must be an integer from 100 to 599')
  }
  if (body !== undefined) {
    if (typeof body === 'string' || isRecord(body) || Array.isArray(body)) fault.body = body
    else errors.push('body must be a string, an object or an array')
  }
  if (headers !== undefined) {
    if (
      isRecord(headers) &&
      Object.entries(headers).every(
        ([name, value]) =>
          HEADER_NAME.test(name) && typeof value === 'string' && !/[\r\n]/.test(value),
      )
    ) {
      // The emulator frames the body itself: framing headers from the fault would corrupt the response.
      const framing = new Set(['content-length', 'transfer-encoding', 'connection'])
      fault.headers = Object.fromEntries(
        Object.entries(headers)
          .filter(([name]) => !framing.has(name.toLowerCase()))
          .map(([name, value]) => [name, String(value)]),
      )
    } else {
      errors.push('headers must map header names to single-line strings')
    }
  }
  if (times !== undefined) {
    if (times === -1 || (Number.isSafeInteger(times) && Number(times) >= 1))
      fault.times = Number(times)
    else errors.push('times must be a positive integer or -1')
  }
  if (delayMs !== undefined) {
    if (Number.isSafeInteger(delayMs) && Number(delayMs) >= 0 && Number(delayMs) <= MAX_DELAY_MS)
      fault.delayMs = Number(delayMs)
    else errors.push(`delayMs must be an integer from 0 to ${MAX_DELAY_MS}`)
  }
  if (drop !== undefined) {
    if (drop === 'before-response' || drop === 'mid-transfer') fault.drop = drop
    else errors.push("drop must be 'before-response' or 'mid-transfer'")
  }
  if (patch !== undefined) {
    if (!isRecord(patch)) errors.push('patch must be an object of fields')
    else if (!PATCHABLE_ROUTES.includes(fault.route))
      errors.push(`patch needs a route that answers JSON: ${PATCHABLE_ROUTES.join(', ')}`)
    else if ([status, body, headers, drop].some((option) => option !== undefined))
      errors.push('patch changes the real answer: it takes no status, body, headers or drop')
    else fault.patch = patch
  }
  if (
    fault.status === undefined &&
    fault.drop === undefined &&
    patch === undefined &&
    (fault.body !== undefined || fault.headers !== undefined)
  ) {
    errors.push('status is required with body or headers')
  }
  if (
    fault.status === undefined &&
    fault.drop === undefined &&
    fault.delayMs === undefined &&
    patch === undefined
  ) {
    errors.push('a fault needs a status, a drop, a delayMs or a patch')
  }
  return errors.length > 0 ? { errors } : { fault }
}

export class FaultRegistry {
  private faults: Fault[] = []
  private nextId = 1

  add(fault: Omit<Fault, 'id'>): Fault {
    const added: Fault = { id: this.nextId++, ...fault }
    this.faults.push(added)
    return { ...added }
  }

  /** The first fault for `route`, consumed once (removed when its `times` run out). */
  take(route: RouteName): Fault | undefined {
    const fault = this.faults.find((candidate) => candidate.route === route)
    if (!fault) return undefined
    if (fault.times > 0) {
      fault.times -= 1
      if (fault.times === 0) this.faults = this.faults.filter((candidate) => candidate !== fault)
    }
    return { ...fault }
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }))
  }

  clear(): void {
    this.faults = []
  }
}

function faultBody(fault: Fault): { text: string; contentType: string } {
  const { body } = fault
  if (body === undefined) return { text: '', contentType: 'text/plain; charset=utf-8' }
  if (typeof body !== 'string')
    return { text: JSON.stringify(body), contentType: 'application/json; charset=utf-8' }
  return {
    text: body,
    contentType: body.trimStart().startsWith('<') ? 'application/xml' : 'text/plain; charset=utf-8',
  }
}

/** `defaults` overridden by `overrides`, comparing header names case-insensitively. */
function mergeHeaders(
  defaults: Record<string, string>,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const overridden = new Set(Object.keys(overrides).map((name) => name.toLowerCase()))
  const kept = Object.entries(defaults).filter(([name]) => !overridden.has(name.toLowerCase()))
  return { ...Object.fromEntries(kept), ...overrides }
}

/** `answer` with `patch` laid over it (or over its `asset` member); non-2xx and non-objects as they are. */
function patchAnswer(status: number, answer: unknown, patch: Record<string, unknown>): unknown {
  if (status < 200 || status > 299 || !isRecord(answer)) return answer
  const wrapped = answer['asset']
  if (isRecord(wrapped)) return { ...answer, asset: { ...wrapped, ...patch } }
  return { ...answer, ...patch }
}

/** Reads the upload until about half its declared length arrived, then cuts the connection. */
function dropMidUpload(ctx: RequestContext): Promise<void> {
  const { req } = ctx
  const declared = Number(req.headers['content-length'])
  const threshold = Number.isFinite(declared) && declared > 1 ? Math.floor(declared / 2) : 1
  let received = 0
  return new Promise((resolve) => {
    const cut = (): void => {
      req.socket.destroy()
      resolve()
    }
    req.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (received >= threshold) cut()
    })
    req.on('end', cut)
    req.on('close', () => resolve())
    req.on('error', () => resolve())
  })
}

/** Writes the status, headers and half of the body, then cuts the connection. */
function dropMidResponse(ctx: RequestContext, fault: Fault): void {
  const { res } = ctx
  const { text, contentType } =
    fault.body === undefined
      ? {
          text: JSON.stringify({ error: 'The emulator dropped this connection mid-transfer' }),
          contentType: 'application/json; charset=utf-8',
        }
      : faultBody(fault)
  const bytes = Buffer.from(text, 'utf8')
  res.writeHead(fault.status ?? 200, {
    ...mergeHeaders({ 'Content-Type': contentType }, fault.headers),
    'Content-Length': String(bytes.length),
  })
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy())
}

/**
 * Applies `fault` to a request. Resolves true when the fault answered (or dropped) it, false
 * when the route should now run normally (a delay-only fault).
 */
export async function applyFault(
  fault: Fault,
  ctx: RequestContext,
  sleep: (ms: number) => Promise<void>,
): Promise<boolean> {
  if (fault.delayMs) await sleep(fault.delayMs)
  if (fault.drop === 'mid-transfer' && fault.route === 's3') {
    await dropMidUpload(ctx)
    return true
  }
  if (fault.drop) {
    await drain(ctx.req)
    if (fault.drop === 'before-response') ctx.req.socket.destroy()
    else dropMidResponse(ctx, fault)
    return true
  }
  if (fault.patch) {
    const patch = fault.patch
    rewriteJson(ctx.res, (status, answer) => patchAnswer(status, answer, patch))
    return false
  }
  if (fault.status === undefined) return false
  await drain(ctx.req)
  const { text, contentType } = faultBody(fault)
  ctx.res.writeHead(fault.status, {
    ...mergeHeaders({ 'Content-Type': contentType }, fault.headers),
    'Content-Length': String(Buffer.byteLength(text)),
  })
  ctx.res.end(text)
  return true
}
