// The local Storyblok: Management API (assets, asset folders, internal tags, AI alt text),
// S3-style upload target, asset CDN with its image service, the Delivery API's private-asset
// endpoint, the editor page, and `/__emulator` controls, on one node:http server
// bound to 127.0.0.1. See README.md for every route and the readings it had to choose.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { join } from 'node:path'
import { altTextRoutes } from './altText.ts'
import { cdnRoutes } from './cdn.ts'
import type { RuntimeConfig } from './config.ts'
import { controlRoutes } from './control.ts'
import { DEFAULT_RATE_LIMIT } from '../src/domain/limits.ts'
import { addCorsHeaders, answerPreflight, areaForPath } from './cors.ts'
import { deliveryRoutes } from './delivery.ts'
import { editorRoutes } from './editor/page.ts'
import { FaultRegistry, applyFault } from './faults.ts'
import { folderRoutes } from './folders.ts'
import { drain, readBody, sendJson, sendText, sleep } from './http.ts'
import { ImageCache } from './imageCache.ts'
import { tagRoutes } from './internalTags.ts'
import { mapiRoutes } from './mapi.ts'
import { STORYBLOK_MAX_UPLOAD_BYTES } from './policy.ts'
import { RateLimiter } from './rateLimit.ts'
import { Router, logName, type Area } from './router.ts'
import { s3Routes } from './s3.ts'
import { S3Error, sendS3Error } from './s3Error.ts'
import { RequestStats } from './stats.ts'
import { AssetStore } from './store.ts'
import { UrlLayout } from './urls.ts'

export interface EmulatorOptions {
  /** @default 7070; 0 picks a free port (tests) */
  port?: number
  /**
   * Where assets.json and the uploaded files live; `null` keeps metadata in memory and files in
   * a temp folder removed on close.
   * @default process.env.STORYBLOK_EMULATOR_DATA ?? '<cwd>/.storyblok-local'
   */
  dataDir?: string | null
  /** @default 288868932106293 */
  spaceId?: number
  /** Management API token. @default 'local-dev-token' */
  token?: string
  /** Delivery API asset token (private assets). @default 'local-asset-token' */
  assetToken?: string
  /** The delivery token the editor passes to the plugin in `state.token`. @default 'local-preview-token' */
  previewToken?: string
  /** The editor page's iframe src unless `?plugin=` overrides it. @default 'http://localhost:8080/' */
  pluginUrl?: string
  /** Management API requests per second per token; `null` disables. @default 3 (Starter plan) */
  rateLimit?: number | null
  /** Upload policy lifetime. @default 600 */
  policyTtlSeconds?: number
  /** Private-asset signed URL lifetime. @default 300 */
  signedUrlTtlSeconds?: number
  /** The space's upload limit, checked by finish_upload. @default 5242879999 */
  uploadLimitBytes?: number
  /** The maximum of the content-length-range in signed policies. @default 5242879999 */
  maxUploadBytes?: number
  /**
   * The upload gateway in front of this emulator, for the editor page's `via=gateway` (asked on
   * every page load: it may start after the emulator). @default none: the page uses the token
   */
  gatewayUrl?: () => string | undefined
}

export interface Emulator {
  /** `http://localhost:<port>`, no trailing slash. */
  url: string
  /** `url + '/v1'` */
  apiBaseUrl: string
  port: number
  spaceId: number
  token: string
  assetToken: string
  /** Closes the server and every socket; removes the temp folder in memory mode. */
  close(): Promise<void>
  /** Same as `POST /__emulator/reset`. */
  reset(): Promise<void>
}

export const DEFAULT_PORT = 7070
export const DEFAULT_SPACE_ID = 288868932106293

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

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const port = options.port ?? DEFAULT_PORT
  const spaceId = options.spaceId ?? DEFAULT_SPACE_ID
  const token = options.token ?? 'local-dev-token'
  const assetToken = options.assetToken ?? 'local-asset-token'
  const previewToken = options.previewToken ?? 'local-preview-token'
  const pluginUrl = options.pluginUrl ?? 'http://localhost:8080/'
  const dataDir =
    options.dataDir === undefined
      ? (process.env['STORYBLOK_EMULATOR_DATA'] ?? join(process.cwd(), '.storyblok-local'))
      : options.dataDir
  const initialConfig: RuntimeConfig = {
    rateLimit: options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit,
    policyTtlSeconds: options.policyTtlSeconds ?? 600,
    signedUrlTtlSeconds: options.signedUrlTtlSeconds ?? 300,
    uploadLimitBytes: options.uploadLimitBytes ?? STORYBLOK_MAX_UPLOAD_BYTES,
    maxUploadBytes: options.maxUploadBytes ?? STORYBLOK_MAX_UPLOAD_BYTES,
  }
  const config: RuntimeConfig = { ...initialConfig }

  const store = await AssetStore.open(dataDir)
  const stats = new RequestStats([token, assetToken])
  const faults = new FaultRegistry()
  const rateLimiter = new RateLimiter()
  const images = new ImageCache()
  const timers = new Set<NodeJS.Timeout>()
  const sockets = new Set<Socket>()
  const router = new Router()

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // A client that goes away must not turn into an unhandled 'error' event.
    req.on('error', () => undefined)
    res.on('error', () => undefined)
    const url = parseRequestUrl(req.url)
    const pathname =
      url.pathname.length > 1 && url.pathname.endsWith('/')
        ? url.pathname.slice(0, -1)
        : url.pathname
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
    if (area) addCorsHeaders(area, req, res)
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

  const server = createServer({ requestTimeout: 0 }, (req, res) => void handle(req, res))
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    await store.close()
    throw error
  }
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const urls = new UrlLayout(`http://localhost:${actualPort}`)

  const reset = async (): Promise<void> => {
    await store.reset()
    stats.reset()
    faults.clear()
    rateLimiter.reset()
    images.clear()
    Object.assign(config, initialConfig)
  }

  const mapiDeps = { store, config, urls, spaceId, token, rateLimiter }
  router.add(
    ...mapiRoutes(mapiDeps),
    ...folderRoutes(mapiDeps),
    ...tagRoutes(mapiDeps),
    ...altTextRoutes(mapiDeps),
    ...s3Routes({ store, urls }),
    ...cdnRoutes({ store, images }),
    ...deliveryRoutes({ store, config, urls, assetToken }),
    ...controlRoutes({ spaceId, store, urls, stats, faults, config, reset }),
    ...editorRoutes({
      spaceId,
      token,
      assetToken,
      previewToken,
      pluginUrl,
      apiBaseUrl: urls.apiBaseUrl,
      gatewayUrl: options.gatewayUrl ?? (() => undefined),
    }),
  )

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= (async () => {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      for (const socket of sockets) socket.destroy()
      await closed
      await store.close()
    })()
    return closing
  }

  return {
    url: urls.origin,
    apiBaseUrl: urls.apiBaseUrl,
    port: actualPort,
    spaceId,
    token,
    assetToken,
    close,
    reset,
  }
}
