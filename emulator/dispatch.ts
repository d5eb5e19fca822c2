// How the local Storyblok answers one request: a CORS preflight, or the route the path names
// (after the fault set for it, if any), or 404; a route that throws answers 500. Every request
// is counted and logged first (stats.ts).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { addCorsHeaders, answerPreflight, areaForPath, type CdnCorsMemory } from './cors.ts'
import { applyFault, type FaultRegistry } from './faults.ts'
import { drain, readBody, sendJson, sendText, sleep } from './http.ts'
import { logName, type Area, type Router } from './router.ts'
import { S3Error, sendS3Error } from './s3Error.ts'
import type { RequestStats } from './stats.ts'

function parseRequestUrl(raw: string | undefined): URL {
  const value = raw ?? '/'
  try {
    // Origin-form (`/path?query`) is what browsers send; prefixing keeps `//x` a path, not a host.
    return value.startsWith('/') ? new URL(`http://emulator.invalid${value}`) : new URL(value)
  } catch {
    return new URL('http://emulator.invalid/')
  }
}

function notFound(area: Area | undefined, res: ServerResponse, method: string): void {
  if (area === 's3' || area === 'cdn')
    sendS3Error(res, new S3Error(404, 'NoSuchKey', 'The specified key does not exist.'), method)
  else if (area === 'mapi' || area === 'delivery' || area === 'control')
    sendJson(res, 404, { error: 'Not Found' })
  else sendText(res, 404, 'Not Found', 'text/plain; charset=utf-8')
}

function internalError(area: Area | undefined, res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (area === 's3' || area === 'cdn')
    sendS3Error(
      res,
      new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.'),
    )
  else sendJson(res, 500, { error: 'Internal Server Error' })
}

/** What answering a request needs besides the request. */
export interface Dispatch {
  router: Router
  stats: RequestStats
  faults: FaultRegistry
  /** The fault delays' timers, cleared on close. */
  timers: Set<NodeJS.Timeout>
  /** Which CDN files answer with CORS headers (the first request for each decided). */
  cdnCors: CdnCorsMemory
}

/** Answers one request: a preflight, or its route (after its fault, if one is set), or 404. */
export async function handleRequest(
  { router, stats, faults, timers, cdnCors }: Dispatch,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // A client that goes away must not turn into an unhandled 'error' event.
  req.on('error', () => undefined)
  res.on('error', () => undefined)
  const url = parseRequestUrl(req.url)
  const pathname =
    url.pathname.length > 1 && url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname
  const method = (req.method ?? 'GET').toUpperCase()
  const area = areaForPath(pathname)

  if (method === 'OPTIONS') {
    const requested = req.headers['access-control-request-method']
    const route = requested ? router.match(requested.toUpperCase(), pathname)?.route : undefined
    stats.record(logName(route), req, res, false)
    await drain(req)
    if (area) answerPreflight(area, req, res)
    else notFound(area, res, method)
    return
  }
  if (area) addCorsHeaders(area, req, res, { memory: cdnCors, pathname })
  const match = router.match(method, pathname)
  // Every request is logged, 404s and `/__emulator` included; only the named API routes count.
  stats.record(logName(match?.route), req, res)
  if (!match) {
    await drain(req)
    notFound(area, res, method)
    return
  }
  // Start reading now (see RequestContext.body); the upload target streams its body itself.
  const body = area === 's3' ? undefined : readBody(req)
  body?.catch(() => undefined)
  const ctx = { req, res, url, params: match.params, body: () => body ?? readBody(req) }
  const name = match.route.name
  try {
    if (name) {
      const fault = faults.take(name)
      if (fault && (await applyFault(fault, ctx, (ms) => sleep(ms, timers)))) return
    }
    await match.route.handle(ctx)
  } catch {
    await drain(req)
    internalError(area, res)
  }
}
