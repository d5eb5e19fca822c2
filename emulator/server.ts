// The local Storyblok: Management API (assets, asset folders, internal tags, AI alt text),
// S3-style upload target, asset CDN with its image service, the Delivery API's private-asset
// endpoint, the editor page, and `/__emulator` controls, on one node:http server
// bound to 127.0.0.1 (how each request is answered: dispatch.ts). See README.md for every route
// and the readings it had to choose.
import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { join } from 'node:path'
import { altTextRoutes } from './altText.ts'
import { cdnRoutes } from './cdn.ts'
import type { RuntimeConfig } from './config.ts'
import { controlRoutes } from './control.ts'
import { CdnCorsMemory } from './cors.ts'
import { DEFAULT_RATE_LIMIT } from '../src/domain/limits.ts'
import { deliveryRoutes } from './delivery.ts'
import { handleRequest, type Dispatch } from './dispatch.ts'
import { editorRoutes } from './editor/page.ts'
import { FaultRegistry } from './faults.ts'
import { folderRoutes } from './folders.ts'
import { ImageCache } from './imageCache.ts'
import { tagRoutes } from './internalTags.ts'
import { mapiRoutes } from './mapi.ts'
import { STORYBLOK_MAX_UPLOAD_BYTES } from './policy.ts'
import { RateLimiter } from './rateLimit.ts'
import { Router, type Route } from './router.ts'
import { s3Routes } from './s3.ts'
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
  /** Management API personal access token, sent bare. @default 'local-dev-token' */
  token?: string
  /** Management API OAuth token, sent as `Bearer <token>`. @default 'local-oauth-token' */
  oauthToken?: string
  /** Delivery API asset token (private assets). @default 'local-asset-token' */
  assetToken?: string
  /** The delivery token the editor passes to the plugin in `state.token`. @default 'local-preview-token' */
  previewToken?: string
  /** The space's public Delivery API token (published content only). @default 'local-public-token' */
  publicToken?: string
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
  /** The personal access token: `Authorization: <token>`. */
  token: string
  /** The OAuth token: `Authorization: Bearer <oauthToken>`. */
  oauthToken: string
  assetToken: string
  /** The delivery token the editor page hands the plugin (`state.token`). */
  previewToken: string
  /** The space's public Delivery API token (published content only). */
  publicToken: string
  /** `url + '/v2/cdn'`: the Delivery API (private assets, `spaces/me`, `stories`). */
  deliveryBaseUrl: string
  /** Closes the server and every socket; removes the temp folder in memory mode. */
  close(): Promise<void>
  /** Same as `POST /__emulator/reset`. */
  reset(): Promise<void>
}

export const DEFAULT_PORT = 7070
export const DEFAULT_SPACE_ID = 288868932106293
/** The delivery token the editor page hands the plugin, unless `previewToken` says otherwise. */
export const DEFAULT_PREVIEW_TOKEN = 'local-preview-token'
/** The space's public token, unless `publicToken` says otherwise. */
export const DEFAULT_PUBLIC_TOKEN = 'local-public-token'

type Settings = ReturnType<typeof withDefaults>

/** The options with their defaults filled in. */
function withDefaults(options: EmulatorOptions) {
  const initialConfig: RuntimeConfig = {
    rateLimit: options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit,
    policyTtlSeconds: options.policyTtlSeconds ?? 600,
    signedUrlTtlSeconds: options.signedUrlTtlSeconds ?? 300,
    uploadLimitBytes: options.uploadLimitBytes ?? STORYBLOK_MAX_UPLOAD_BYTES,
    maxUploadBytes: options.maxUploadBytes ?? STORYBLOK_MAX_UPLOAD_BYTES,
  }
  return {
    port: options.port ?? DEFAULT_PORT,
    spaceId: options.spaceId ?? DEFAULT_SPACE_ID,
    token: options.token ?? 'local-dev-token',
    oauthToken: options.oauthToken ?? 'local-oauth-token',
    assetToken: options.assetToken ?? 'local-asset-token',
    previewToken: options.previewToken ?? DEFAULT_PREVIEW_TOKEN,
    publicToken: options.publicToken ?? DEFAULT_PUBLIC_TOKEN,
    pluginUrl: options.pluginUrl ?? 'http://localhost:8080/',
    gatewayUrl: options.gatewayUrl ?? (() => undefined),
    dataDir:
      options.dataDir === undefined
        ? (process.env['STORYBLOK_EMULATOR_DATA'] ?? join(process.cwd(), '.storyblok-local'))
        : options.dataDir,
    initialConfig,
  }
}

/** Listens on 127.0.0.1; resolves with the port (a free one for port 0). */
async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  return typeof address === 'object' && address ? address.port : port
}

/** The parts of a running emulator that its routes share. */
interface Parts extends Dispatch {
  store: AssetStore
  config: RuntimeConfig
  rateLimiter: RateLimiter
  images: ImageCache
}

function routes(
  settings: Settings,
  parts: Parts,
  urls: UrlLayout,
  reset: () => Promise<void>,
): Route[] {
  const { spaceId, token, oauthToken, assetToken, previewToken, publicToken } = settings
  const { store, config, stats, faults, rateLimiter, images } = parts
  const mapiDeps = { store, config, urls, spaceId, token, oauthToken, rateLimiter }
  return [
    ...mapiRoutes(mapiDeps),
    ...folderRoutes(mapiDeps),
    ...tagRoutes(mapiDeps),
    ...altTextRoutes(mapiDeps),
    ...s3Routes({ store, urls }),
    ...cdnRoutes({ store, images }),
    ...deliveryRoutes({ store, config, urls, assetToken, spaceId, previewToken, publicToken }),
    ...controlRoutes({ spaceId, store, urls, stats, faults, config, reset }),
    ...editorRoutes({
      spaceId,
      token,
      oauthToken,
      assetToken,
      previewToken,
      pluginUrl: settings.pluginUrl,
      apiBaseUrl: urls.apiBaseUrl,
      gatewayUrl: settings.gatewayUrl,
    }),
  ]
}

/** Closes the server and every socket once, however often it is called. */
function closer(server: Server, sockets: Set<Socket>, parts: Parts): () => Promise<void> {
  let closing: Promise<void> | undefined
  return () => {
    closing ??= (async () => {
      for (const timer of parts.timers) clearTimeout(timer)
      parts.timers.clear()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      for (const socket of sockets) socket.destroy()
      await closed
      await parts.store.close()
    })()
    return closing
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const settings = withDefaults(options)
  const { spaceId, token, oauthToken, assetToken, initialConfig } = settings
  const parts: Parts = {
    store: await AssetStore.open(settings.dataDir),
    config: { ...initialConfig },
    stats: new RequestStats([token, oauthToken, assetToken]),
    faults: new FaultRegistry(),
    rateLimiter: new RateLimiter(),
    images: new ImageCache(),
    timers: new Set<NodeJS.Timeout>(),
    router: new Router(),
    cdnCors: new CdnCorsMemory(),
  }
  const sockets = new Set<Socket>()
  const server = createServer(
    { requestTimeout: 0 },
    (req, res) => void handleRequest(parts, req, res),
  )
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  let port: number
  try {
    port = await listen(server, settings.port)
  } catch (error) {
    await parts.store.close()
    throw error
  }
  const urls = new UrlLayout(`http://localhost:${port}`)

  const reset = async (): Promise<void> => {
    await parts.store.reset()
    parts.stats.reset()
    parts.faults.clear()
    parts.rateLimiter.reset()
    parts.images.clear()
    parts.cdnCors.clear()
    Object.assign(parts.config, initialConfig)
  }
  parts.router.add(...routes(settings, parts, urls, reset))

  return {
    url: urls.origin,
    apiBaseUrl: urls.apiBaseUrl,
    port,
    spaceId,
    token,
    oauthToken,
    assetToken,
    previewToken: settings.previewToken,
    publicToken: settings.publicToken,
    deliveryBaseUrl: `${urls.origin}/v2/cdn`,
    close: closer(server, sockets, parts),
    reset,
  }
}
