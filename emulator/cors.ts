// CORS as each real service answers it. The plugin runs on another origin than every service
// it calls (as in production), so a header the real service would not allow must not be
// allowed here either.
//   Management API, Delivery API: `*`, Authorization + Content-Type (assumed from the public API's behaviour).
//   S3 bucket + CDN: the bucket's CORS rule; Origin echoed; no Authorization (the policy is the credential).
//   /__emulator: `*` (test tooling).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Area } from './router.ts'
import { S3Error, sendS3Error } from './s3Error.ts'
import { BUCKET, S3_HOST } from './urls.ts'

const API_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, Total, Per-Page',
}
const API_PREFLIGHT = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '600',
}
const CONTROL_PREFLIGHT = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '600',
}

/** The bucket rule of the S3 target and the CDN (request headers compared lower-case). */
const BUCKET_RULES: Record<
  's3' | 'cdn',
  { methods: readonly string[]; headers: readonly string[] }
> = {
  s3: {
    methods: ['GET', 'HEAD', 'POST'],
    headers: ['content-type', 'range', 'if-none-match', 'if-modified-since'],
  },
  cdn: { methods: ['GET', 'HEAD'], headers: ['range', 'if-none-match', 'if-modified-since'] },
}
const BUCKET_VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method'

/** Which service a path belongs to (for OPTIONS, CORS headers and 404 bodies). */
export function areaForPath(pathname: string): Area | undefined {
  if (pathname === '/v1' || pathname.startsWith('/v1/')) return 'mapi'
  if (pathname === '/v2/cdn' || pathname.startsWith('/v2/cdn/')) return 'delivery'
  if (pathname === `/${S3_HOST}` || pathname.startsWith(`/${S3_HOST}/`)) return 's3'
  if (pathname === `/${BUCKET}` || pathname.startsWith(`/${BUCKET}/`)) return 'cdn'
  if (pathname === '/__emulator' || pathname.startsWith('/__emulator/')) return 'control'
  if (pathname === '/' || pathname === '/story' || pathname.startsWith('/__editor/'))
    return 'editor'
  return undefined
}

/** The most files the CDN's CORS memory keeps (the oldest is forgotten first). */
const CDN_MEMORY_LIMIT = 10_000

/**
 * Whether the CDN answers a file with CORS headers. Storyblok's asset CDN keeps a file's answer
 * with the headers of the first request for it, so a file first loaded by a plain `<img>` (no
 * `Origin`) is served without them to a later `fetch` from the plugin, and one first fetched
 * with an `Origin` keeps them (storyblok/storyblok#380, #580; emulator/README.md, reading 26).
 * Per path, so each image-service size is a file of its own. The S3 object URL keeps the
 * bucket's rule.
 */
export class CdnCorsMemory {
  private readonly firstHadOrigin = new Map<string, boolean>()

  /** Whether the answer to this request carries CORS headers; the first request decides. */
  allows(pathname: string, origin: string | undefined): boolean {
    let decided = this.firstHadOrigin.get(pathname)
    if (decided === undefined) {
      decided = !!origin
      if (this.firstHadOrigin.size >= CDN_MEMORY_LIMIT) {
        const oldest = this.firstHadOrigin.keys().next().value
        if (oldest !== undefined) this.firstHadOrigin.delete(oldest)
      }
      this.firstHadOrigin.set(pathname, decided)
    }
    return decided && !!origin
  }

  clear(): void {
    this.firstHadOrigin.clear()
  }
}

/** Headers every (non-preflight) response of `area` carries, errors included. */
export function addCorsHeaders(
  area: Area,
  req: IncomingMessage,
  res: ServerResponse,
  cdn: { memory: CdnCorsMemory; pathname: string },
): void {
  switch (area) {
    case 'mapi':
    case 'delivery':
      for (const [name, value] of Object.entries(API_HEADERS)) res.setHeader(name, value)
      return
    case 'control':
      res.setHeader('Access-Control-Allow-Origin', '*')
      return
    case 's3':
    case 'cdn': {
      res.setHeader('Vary', BUCKET_VARY)
      const origin = req.headers.origin
      const allowed = area === 's3' || cdn.memory.allows(cdn.pathname, origin)
      if (origin && allowed) {
        res.setHeader('Access-Control-Allow-Origin', origin)
        res.setHeader('Access-Control-Allow-Methods', BUCKET_RULES[area].methods.join(', '))
      }
      return
    }
    case 'editor':
      return
  }
}

const corsForbidden = (): S3Error =>
  new S3Error(
    403,
    'AccessForbidden',
    "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
  )

/** Answers an OPTIONS request for `area`. */
export function answerPreflight(area: Area, req: IncomingMessage, res: ServerResponse): void {
  switch (area) {
    case 'mapi':
    case 'delivery':
      res.writeHead(204, API_PREFLIGHT)
      res.end()
      return
    case 'control':
      res.writeHead(204, CONTROL_PREFLIGHT)
      res.end()
      return
    case 'editor':
      res.writeHead(204, { Allow: 'GET, HEAD' })
      res.end()
      return
    case 's3':
    case 'cdn': {
      res.setHeader('Vary', BUCKET_VARY)
      const origin = req.headers.origin
      const method = req.headers['access-control-request-method']
      if (!origin) {
        sendS3Error(
          res,
          new S3Error(400, 'BadRequest', 'Insufficient information. Origin request header needed.'),
        )
        return
      }
      if (!method) {
        sendS3Error(
          res,
          new S3Error(400, 'BadRequest', 'Invalid Access-Control-Request-Method: null'),
        )
        return
      }
      const rule = BUCKET_RULES[area]
      const requested = (req.headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter((name) => name !== '')
      if (
        !rule.methods.includes(method.toUpperCase()) ||
        !requested.every((name) => rule.headers.includes(name))
      ) {
        sendS3Error(res, corsForbidden())
        return
      }
      const headers: Record<string, string> = {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': rule.methods.join(', '),
        'Access-Control-Max-Age': '3000',
        'Content-Length': '0',
      }
      if (requested.length > 0) headers['Access-Control-Allow-Headers'] = requested.join(', ')
      res.writeHead(200, headers)
      res.end()
      return
    }
  }
}
