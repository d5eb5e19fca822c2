// Shapes of the Management API's asset endpoints, as this plugin relies on them
// (docs/reference/management-api-assets.md). Values arriving from the network are `unknown`
// until the guards in `./parse.ts` accept them; the asset itself is a domain fact
// (`domain/asset.ts`).
import type { Asset, AssetUpdate } from '../domain/asset'
import type { FolderList } from '../domain/folders'
import type { InternalTag } from '../domain/tags'

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

/** The asset list's filters besides the search. */
export interface ListOptions extends RequestOptions {
  /** Only the assets of this folder (Storyblok's `in_folder`). */
  inFolder?: number
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
  /** The first 100 assets whose name contains `search` (in one folder, with `inFolder`). */
  listAssets(search: string, options?: ListOptions): Promise<Asset[]>
  /**
   * The space's asset folders (`GET …/asset_folders`); through the upload gateway only those
   * uploads may go to, and whether the root is one of them.
   */
  listFolders(options?: RequestOptions): Promise<FolderList>
  /**
   * Storyblok's AI alt text for an uploaded image, in `language` (a story language code such as
   * `de`); refused with 403/404/422 where AI is not available.
   */
  generateAltText(assetId: number, language: string, options?: RequestOptions): Promise<string>
  /** The space's asset tags (`GET …/internal_tags?by_object_type=asset`), for their names. */
  listTags(options?: RequestOptions): Promise<InternalTag[]>
}
