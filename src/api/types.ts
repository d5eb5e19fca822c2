// Shapes of the Management API's asset endpoints, as this plugin relies on them
// (docs/reference/management-api-assets.md). Values arriving from the network are `unknown`
// until the guards in `./parse.ts` accept them; the asset itself is a domain fact
// (`domain/asset.ts`).
import type { Asset, AssetUpdate } from '../domain/asset'
import type { Sleep } from './abort'
import type { Ledger, Locks } from './throttle'

/** The "signed response object" of `POST /v1/spaces/:space_id/assets`. */
export interface SignedUpload {
  id: number
  post_url: string
  /** Every entry goes into the S3 POST unchanged, before `file`. */
  fields: Record<string, string>
  /**
   * From the upload gateway only: its proof that this browser started the upload of `id`, sent
   * back (`RequestOptions.ticket`) to finish it, remove it while unfinished, or sign it again.
   */
  ticket?: string
}

/**
 * What the sign call takes. The asset's description and privacy go with it (the OpenAPI lists
 * them as sign parameters), so a private upload is private from its first byte.
 */
export interface SignParams extends AssetUpdate {
  filename: string
  /** `"WxH"` for images: Storyblok adds that folder to the URL only when given. */
  size?: string
  asset_folder_id?: number
  /** Sign again for an existing asset: replaces its file instead of creating a second asset. */
  id?: number
  /** The file's size in bytes: the upload gateway checks it against its limits (never sent to Storyblok). */
  content_length?: number
}

export interface RequestOptions {
  signal?: AbortSignal
  /** Told before each retry of this request, with the failed attempt's error. */
  onRetry?: (error: unknown) => void
  /** The upload gateway's ticket for the asset this call is about (ignored with a token). */
  ticket?: string
}

/** Byte progress of the S3 POST. */
export interface UploadProgress {
  loaded: number
  total: number
}

/** The Management API client the composables and the store use (see `./client.ts`). */
export interface ManagementClient {
  /** To Storyblok with a token, or through the upload gateway (which needs tickets, and sweeps its own leftovers). */
  readonly via: 'token' | 'gateway'
  signAsset(params: SignParams, options?: RequestOptions): Promise<SignedUpload>
  /**
   * Wrapped (`{ asset }`, the docs) or unwrapped (the OpenAPI types) answers are both read.
   * Storyblok answers a minimal asset; the gateway the full one it checked.
   */
  finishUpload(assetId: number, options?: RequestOptions): Promise<Asset>
  getAsset(assetId: number, options?: RequestOptions): Promise<Asset>
  updateAsset(assetId: number, update: AssetUpdate, options?: RequestOptions): Promise<void>
  deleteAsset(assetId: number, options?: RequestOptions): Promise<void>
  /** The first 100 assets whose name contains `search`. */
  listAssets(search: string, options?: RequestOptions): Promise<Asset[]>
  /**
   * Storyblok's AI alt text for an uploaded image, in `language` (a story language code such as
   * `de`); refused with 403/404/422 where AI is not available.
   */
  generateAltText(assetId: number, language: string, options?: RequestOptions): Promise<string>
}

/** The part of `fetch` the client uses. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/** Who calls the upload gateway: the gateway shares Storyblok's rate limit fairly among them. */
export interface GatewayCaller {
  /** A random id of this plugin instance (`[A-Za-z0-9_-]{8,64}`). */
  session: string
  /** The user id the editor reported; the gateway logs it, marked unverified. */
  userId?: number
}

export interface ManagementClientOptions {
  /**
   * The API base with its version, e.g. `https://mapi.storyblok.com/v1`, or the upload gateway's
   * `<gatewayUrl>/v1`.
   */
  baseUrl: string
  spaceId: number
  /**
   * A personal access token, or `Bearer <oauth token>`; sent as is in `Authorization`. Exactly
   * one of `token` and `gateway` is given.
   */
  token?: string
  /** Through the upload gateway: no token in the browser. */
  gateway?: GatewayCaller
  /** @default globalThis.fetch */
  fetch?: FetchLike
  /** Request starts per second; `null` turns throttling off. @default 3 (Storyblok's Starter plan) */
  rateLimit?: number | null
  /** Per attempt, including reading the answer. @default 30000 */
  timeoutMs?: number
  /** Attempts per call, the first included. @default 4 */
  maxAttempts?: number
  /** @default Date.now */
  now?: () => number
  /** @default setTimeout-based, abortable */
  sleep?: Sleep
  /** @default Math.random */
  random?: () => number
  /**
   * Where the rate limit's places are kept: shared by every client of the same space on this
   * origin (every field's iframe, every tab). @default browserLocks()
   */
  locks?: Locks
  /**
   * Where the answers of the last second are noted for a re-created iframe (whose locks were
   * released). `null`: nowhere. @default localStorage, per space
   */
  ledger?: Ledger | null
}
