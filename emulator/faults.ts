// Fault injection (`POST /__emulator/faults`): the next matching request(s) of a route are
// delayed, dropped, answered with a canned response, or answered by the route with a few JSON
// fields changed. A fault applies before the route does any work (a faulted sign creates no
// asset); a delay-only or patch fault then lets the route run.
// What a fault may be, and how a request for one is checked: faultSpec.ts.
import { isRecord } from '../src/domain/record.ts'
import type { Fault } from './faultSpec.ts'
import { drain, rewriteJson } from './http.ts'
import type { RequestContext, RouteName } from './router.ts'

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
