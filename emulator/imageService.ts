// The image service behind `<CDN url>/m/…`: really resizes, crops and converts raster images
// with sharp (libvips), and keeps the results in a bounded in-memory cache per URL. What it does
// and does not emulate is in README.md ("Image service").
import { createHash } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type sharpModule from 'sharp'
import type { Sharp } from 'sharp'
import {
  cappedBox,
  parseImageOperations,
  type ImageOperations,
  type OutputFormat,
} from './imageOperations.ts'
import { sendText } from './http.ts'
import type { ImageCache, RenderedImage } from './imageCache.ts'
import type { RequestContext } from './router.ts'
import type { StoredObject } from './store.ts'

type SharpFactory = typeof sharpModule

let loading: Promise<SharpFactory> | undefined
/**
 * sharp, loaded on first use: vite.config.ts imports the emulator (for the dev server), and a
 * build or a test run that never asks for an image should not load a native library for it.
 */
export function loadSharp(): Promise<SharpFactory> {
  loading ??= import('sharp').then((module) => module.default)
  return loading
}

/** The stored types the service transforms; any other file (SVG included) is served as it is. */
export const RASTER_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/tiff',
]

const CONTENT_TYPES: Record<OutputFormat | 'gif', string> = {
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
  avif: 'image/avif',
  gif: 'image/gif',
}

/** The format of the answer: the one asked for, else WebP when accepted, else the original's. */
function outputFormat(
  operations: ImageOperations,
  webp: boolean,
  original: string,
): OutputFormat | 'gif' {
  if (operations.format) return operations.format
  if (webp) return 'webp'
  if (original === 'heif') return 'avif'
  return original === 'png' || original === 'gif' || original === 'webp' ? original : 'jpeg'
}

/** Resizes or crops `image` (oriented size `width`×`height`) as `operations` ask. */
function applyGeometry(
  sharp: SharpFactory,
  image: Sharp,
  operations: ImageOperations,
  width: number,
  height: number,
): Sharp {
  const box = cappedBox(operations.width, operations.height)
  if (box.width === 0 && box.height === 0) return image
  const limit = (scale: number): number => (operations.noUpscale ? Math.min(scale, 1) : scale)
  if (box.width === 0 || box.height === 0 || operations.fitIn) {
    // One side given keeps the ratio; fit-in keeps it inside the box.
    const scale = limit(
      box.width === 0
        ? box.height / height
        : box.height === 0
          ? box.width / width
          : Math.min(box.width / width, box.height / height),
    )
    const size = cappedBox(Math.round(width * scale), Math.round(height * scale))
    const resized = image.resize(Math.max(1, size.width), Math.max(1, size.height), { fit: 'fill' })
    const { fill } = operations
    if (!operations.fitIn || !fill) return resized
    const padX = Math.max(0, box.width - size.width)
    const padY = Math.max(0, box.height - size.height)
    return resized.extend({
      left: Math.floor(padX / 2),
      right: Math.ceil(padX / 2),
      top: Math.floor(padY / 2),
      bottom: Math.ceil(padY / 2),
      background: fill,
    })
  }
  // Both sides: fill the box, then crop around the focal point (or the centre).
  const scale = limit(Math.max(box.width / width, box.height / height))
  const cropWidth = Math.min(box.width, Math.round(width * scale))
  const cropHeight = Math.min(box.height, Math.round(height * scale))
  if (operations.smart && !operations.focal) {
    return image.resize(cropWidth, cropHeight, { fit: 'cover', position: sharp.strategy.attention })
  }
  const scaledWidth = Math.max(cropWidth, Math.round(width * scale))
  const scaledHeight = Math.max(cropHeight, Math.round(height * scale))
  const { focal } = operations
  // A flip happens before the resize, so the focal point flips with the picture.
  let centreX = focal ? (focal.x1 + focal.x2) / 2 : width / 2
  let centreY = focal ? (focal.y1 + focal.y2) / 2 : height / 2
  if (operations.flipX) centreX = width - centreX
  if (operations.flipY) centreY = height - centreY
  const clamp = (value: number, max: number): number => Math.min(Math.max(0, value), max)
  return image.resize(scaledWidth, scaledHeight, { fit: 'fill' }).extract({
    left: clamp(Math.round(centreX * scale - cropWidth / 2), scaledWidth - cropWidth),
    top: clamp(Math.round(centreY * scale - cropHeight / 2), scaledHeight - cropHeight),
    width: cropWidth,
    height: cropHeight,
  })
}

/** Renders the file at `path`; rejects when sharp cannot read it as an image. */
export async function renderImage(
  path: string,
  operations: ImageOperations,
  acceptsWebp: boolean,
): Promise<RenderedImage> {
  const sharp = await loadSharp()
  // Animated images keep their first frame (README.md): frames would multiply the work.
  const source = sharp(path, { autoOrient: true, failOn: 'error' })
  const metadata = await source.metadata()
  const { width, height } = metadata.autoOrient
  let image = applyGeometry(
    sharp,
    source.flop(operations.flipX).flip(operations.flipY),
    operations,
    width,
    height,
  )
  const format = outputFormat(operations, acceptsWebp, metadata.format)
  const quality = operations.quality
  if (format === 'jpeg') image = image.flatten({ background: '#ffffff' }).jpeg({ quality })
  else if (format === 'webp') image = image.webp({ quality })
  else if (format === 'avif') image = image.avif({ quality, effort: 2 })
  else if (format === 'gif') image = image.gif()
  else image = image.png()
  const body = await image.toBuffer()
  const etag = `"${createHash('md5').update(body).digest('hex')}"`
  return { body, contentType: CONTENT_TYPES[format], etag }
}

function badRequest(res: ServerResponse, message: string): void {
  sendText(res, 400, `${message}\n`, 'text/plain; charset=utf-8')
}

/**
 * Answers an image-service URL for `object` (stored at `path`), `segments` being what follows
 * `/m/`. The headers are the object's, with the result's type, length and ETag.
 */
export async function serveImage(
  ctx: RequestContext,
  cache: ImageCache,
  object: StoredObject,
  path: string,
  segments: string[],
): Promise<void> {
  const { req, res } = ctx
  const operations = parseImageOperations(segments)
  if ('error' in operations)
    return badRequest(res, `Invalid image service URL: ${operations.error}`)
  // Browsers that take WebP say so; `*/*` alone (fetch, curl) is not taken as a yes.
  const webp = !operations.format && /\bimage\/webp\b/.test(req.headers.accept ?? '')
  const key = [object.key, object.etag, segments.join('/'), webp ? 'webp' : ''].join('\n')
  // Loaded before the try: a missing native library is the emulator's fault (a 500), not the file's.
  await loadSharp()
  let image: RenderedImage
  try {
    image = await cache.get(key, () => renderImage(path, operations, webp))
  } catch {
    return badRequest(res, 'The image service could not read this file as an image')
  }
  const headers: Record<string, string> = {
    'Content-Type': image.contentType,
    'Content-Length': String(image.body.length),
    ETag: image.etag,
    'Last-Modified': new Date(object.lastModified).toUTCString(),
  }
  if (object.cacheControl) headers['Cache-Control'] = object.cacheControl
  if (object.expires) headers['Expires'] = object.expires
  if (!operations.format) {
    const vary = res.getHeader('Vary')
    headers['Vary'] = typeof vary === 'string' && vary !== '' ? `${vary}, Accept` : 'Accept'
  }
  const etags = (req.headers['if-none-match'] ?? '').split(',').map((value) => value.trim())
  if (etags.includes(image.etag) || etags.includes('*')) {
    delete headers['Content-Length']
    res.writeHead(304, headers)
    res.end()
    return
  }
  res.writeHead(200, headers)
  res.end(req.method === 'HEAD' ? undefined : image.body)
}
