// Reading stored objects: the asset CDN (`<origin>/a.storyblok.com/<key>`, with the image
// service's `/m/...` suffix handed to imageService.ts) and the S3 object URL
// (`<origin>/s3.amazonaws.com/a.storyblok.com/<key>`, no image service there, as in production).
// Bytes are streamed from disk; single `Range` requests get a 206.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { pipeline } from 'node:stream/promises'
import { hasSignature, verifySignedQuery } from './delivery.ts'
import type { ImageCache } from './imageCache.ts'
import { RASTER_TYPES, serveImage } from './imageService.ts'
import type { RequestContext, Route } from './router.ts'
import { S3Error, sendS3Error } from './s3Error.ts'
import type { AssetStore, StoredObject } from './store.ts'
import { BUCKET, S3_HOST, decodeKeyPath } from './urls.ts'

export interface CdnDeps {
  store: AssetStore
  /** Image-service results per URL (cleared by a reset). */
  images: ImageCache
}

type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined

/** A single `bytes=` range; anything else (including several ranges) is ignored → full body. */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return undefined
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match) return undefined
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return undefined
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (last !== '' && Number(last) < start) return undefined
  if (start >= size) return 'unsatisfiable'
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) }
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((candidate) => {
    const value = candidate.trim()
    return value === '*' || value === etag || value === `W/${etag}`
  })
}

/**
 * Finds the stored object a CDN path names: the whole path, or (image service) the part before
 * `/m/`, then with `operations` the segments after it.
 */
function resolveObject(
  store: AssetStore,
  segments: string[],
  imageService: boolean,
): { object: StoredObject; operations?: string[] } | undefined {
  const whole = store.getObject(segments.join('/'))
  if (whole) return { object: whole }
  if (!imageService) return undefined
  // f/<space>/[<size>/]<hex>/<name>/m/...: the image service's marker comes after at least 4 segments.
  for (let at = 4; at < segments.length; at++) {
    if (segments[at] !== 'm') continue
    const object = store.getObject(segments.slice(0, at).join('/'))
    if (object) return { object, operations: segments.slice(at + 1) }
  }
  return undefined
}

const noSuchKey = (key: string): S3Error =>
  new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key })

/** Why the object may not be read: a signature that does not hold, or none on a private asset. */
function accessError(store: AssetStore, key: string, query: URLSearchParams): S3Error | undefined {
  const asset = store.assetForKey(key)
  if (hasSignature(query)) return verifySignedQuery(key, query, Date.now())
  if (asset?.is_private) return new S3Error(403, 'AccessDenied', 'Access Denied')
  return undefined
}

async function serve(deps: CdnDeps, ctx: RequestContext, imageService: boolean): Promise<void> {
  const { req, res, url } = ctx
  const method = req.method ?? 'GET'
  const segments = decodeKeyPath(ctx.params['rest'] ?? '')
  const resolved = segments ? resolveObject(deps.store, segments, imageService) : undefined
  if (!resolved) {
    sendS3Error(res, noSuchKey(segments?.join('/') ?? ''), method)
    return
  }
  const { object, operations } = resolved
  const refused = accessError(deps.store, object.key, url.searchParams)
  if (refused) {
    sendS3Error(res, refused, method)
    return
  }

  let size: number
  const path = deps.store.filePath(object.key)
  try {
    size = (await stat(path)).size
  } catch {
    sendS3Error(res, noSuchKey(object.key), method)
    return
  }
  // SVG (which the image service cannot resize) and files that are no images are served as they are.
  if (operations && RASTER_TYPES.includes(object.contentType)) {
    await serveImage(ctx, deps.images, object, path, operations)
    return
  }
  await sendObject(ctx, object, path, size)
}

/** The object's bytes as they are: whole, one range of them, or 304 when the client has them. */
async function sendObject(
  { req, res }: RequestContext,
  object: StoredObject,
  path: string,
  size: number,
): Promise<void> {
  const method = req.method ?? 'GET'
  const headers: Record<string, string> = {
    'Content-Type': object.contentType,
    ETag: object.etag,
    'Last-Modified': new Date(object.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes',
  }
  if (object.cacheControl) headers['Cache-Control'] = object.cacheControl
  if (object.expires) headers['Expires'] = object.expires

  if (etagMatches(req.headers['if-none-match'], object.etag)) {
    res.writeHead(304, headers)
    res.end()
    return
  }
  const range = parseRange(req.headers.range, size)
  if (range === 'unsatisfiable') {
    sendS3Error(
      withHeaders(res, { 'Content-Range': `bytes */${size}` }),
      new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable', {
        RangeRequested: req.headers.range ?? '',
      }),
      method,
    )
    return
  }
  const start = range?.start ?? 0
  const end = range?.end ?? size - 1
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`
  headers['Content-Length'] = String(size === 0 ? 0 : end - start + 1)
  res.writeHead(range ? 206 : 200, headers)
  if (method === 'HEAD' || size === 0) {
    res.end()
    return
  }
  try {
    await pipeline(createReadStream(path, { start, end }), res)
  } catch {
    // The client went away (or the file vanished mid-read): nothing more to send.
    res.destroy()
  }
}

function withHeaders(res: ServerResponse, headers: Record<string, string>): ServerResponse {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  return res
}

export function cdnRoutes(deps: CdnDeps): Route[] {
  return [
    {
      methods: ['GET', 'HEAD'],
      pattern: `/${BUCKET}/*rest`,
      area: 'cdn',
      name: 'cdn',
      handle: (ctx) => serve(deps, ctx, true),
    },
    {
      methods: ['GET', 'HEAD'],
      pattern: `/${S3_HOST}/${BUCKET}/*rest`,
      area: 's3',
      name: 'cdn',
      handle: (ctx) => serve(deps, ctx, false),
    },
  ]
}
