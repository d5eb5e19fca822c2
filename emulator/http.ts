// Small response and request-body helpers shared by every route.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isRecord } from '../src/domain/record.ts'

export const JSON_TYPE = 'application/json; charset=utf-8'

/** Per response, a rewrite of the JSON a route answers: how a `patch` fault alters a real answer. */
const jsonRewrites = new WeakMap<ServerResponse, (status: number, body: unknown) => unknown>()

/** Makes `sendJson` on `res` send `rewrite(status, body)` in place of `body`. */
export function rewriteJson(
  res: ServerResponse,
  rewrite: (status: number, body: unknown) => unknown,
): void {
  jsonRewrites.set(res, rewrite)
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const rewrite = jsonRewrites.get(res)
  const text = JSON.stringify(rewrite ? rewrite(status, body) : body)
  res.writeHead(status, {
    ...headers,
    'Content-Type': JSON_TYPE,
    'Content-Length': String(Buffer.byteLength(text)),
  })
  res.end(text)
}

export function sendEmpty(
  res: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, headers)
  res.end()
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
  })
  res.end(text)
}

/** A request body that could not be read or parsed; `status` is what the route should answer. */
export class BodyError extends Error {
  override readonly name = 'BodyError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Reads the whole body (API requests only: the S3 route streams). Rejects above `limit` bytes. */
export function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      // Past the limit keep reading and discarding, so the client receives the 413 and not a reset.
      if (size > limit) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => {
      if (tooLarge) reject(new BodyError(413, 'Request body too large'))
      else resolve(Buffer.concat(chunks))
    })
    req.on('error', (error) => reject(error))
    req.on('close', () => {
      if (!req.complete) reject(new BodyError(400, 'The request was aborted'))
    })
  })
}

/** A request body's parameters: a JSON object, or the fields of a form, text as sent. */
export type BodyParams =
  { kind: 'json'; value: Record<string, unknown> } | { kind: 'form'; fields: URLSearchParams }

/**
 * Parses a JSON or `application/x-www-form-urlencoded` body (an empty body is the JSON `{}`).
 * JSON that is not an object is a 400, as a Rails API answers unparseable parameters.
 */
export async function readBodyParams(ctx: {
  req: IncomingMessage
  body(): Promise<Buffer>
}): Promise<BodyParams> {
  const raw = await ctx.body()
  if (raw.length === 0) return { kind: 'json', value: {} }
  const type = (ctx.req.headers['content-type'] ?? '').toLowerCase()
  const text = raw.toString('utf8')
  if (type.includes('application/x-www-form-urlencoded')) {
    return { kind: 'form', fields: new URLSearchParams(text) }
  }
  if (text.trim() === '') return { kind: 'json', value: {} }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new BodyError(400, 'The request body is not valid JSON')
  }
  if (!isRecord(parsed)) throw new BodyError(400, 'The request body must be a JSON object')
  return { kind: 'json', value: parsed }
}

/** `readBodyParams` as one record (a form's fields by their literal names). */
export async function readParams(ctx: {
  req: IncomingMessage
  body(): Promise<Buffer>
}): Promise<Record<string, unknown>> {
  const params = await readBodyParams(ctx)
  return params.kind === 'json' ? params.value : Object.fromEntries(params.fields)
}

/** Reads and discards the rest of a request body (so an early answer is not met by a reset). */
export function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.complete || req.readableEnded || req.destroyed) {
      resolve()
      return
    }
    req.on('end', () => resolve())
    req.on('close', () => resolve())
    req.on('error', () => resolve())
    req.resume()
  })
}

export function sleep(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      resolve()
    }, ms)
    timers.add(timer)
  })
}
