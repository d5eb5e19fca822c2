// Shapes of the Management API's asset endpoints, as this plugin relies on them.
// See ../shared/reference/management-api-assets.md. Values arriving from the network are
// `unknown` until the guards in `./parse.ts` accept them.

/** The "signed response object" of `POST /v1/spaces/:space_id/assets`. */
export interface SignedUpload {
  id: number
  post_url: string
  /** Every entry goes into the S3 POST unchanged, before `file`. */
  fields: Record<string, string>
}

/**
 * An asset as `GET /v1/spaces/:space_id/assets/:id` (and `finish_upload`) return it.
 * `parseAsset` always sets every field (`null` when absent); the optional ones may be left out
 * of an asset built by hand.
 */
export interface Asset {
  id: number
  filename: string
  alt: string | null
  title: string | null
  copyright: string | null
  source?: string | null
  focus: string | null
  is_private: boolean
  meta_data: Record<string, unknown>
  /** `null` until finish_upload has recorded the stored file. */
  content_type?: string | null
  content_length?: number | null
  created_at?: string | null
  updated_at?: string | null
}

export interface SignParams {
  filename: string
  /** `"WxH"` for images: Storyblok adds that folder to the URL only when given. */
  size?: string
  asset_folder_id?: number
  /** Sign again for an existing asset: replaces its file instead of creating a second asset. */
  id?: number
}

/** The writable part of an asset (`PUT /v1/spaces/:space_id/assets/:id`). */
export interface AssetUpdate {
  alt?: string
  title?: string
  copyright?: string
  source?: string
  focus?: string
  is_private?: boolean
  meta_data?: Record<string, unknown>
}

export interface RequestOptions {
  signal?: AbortSignal
  /** Told before each retry of this request, with the failed attempt's error. */
  onRetry?: (error: unknown) => void
}

/** Byte progress of the S3 POST. */
export interface UploadProgress {
  loaded: number
  total: number
}

/** The Management API client the composables and the store use (see `./client.ts`). */
export interface ManagementClient {
  signAsset(params: SignParams, options?: RequestOptions): Promise<SignedUpload>
  /** Wrapped (`{ asset }`, the docs) or unwrapped (the OpenAPI types) answers are both read. */
  finishUpload(assetId: number, options?: RequestOptions): Promise<Asset>
  getAsset(assetId: number, options?: RequestOptions): Promise<Asset>
  updateAsset(assetId: number, update: AssetUpdate, options?: RequestOptions): Promise<void>
  deleteAsset(assetId: number, options?: RequestOptions): Promise<void>
  /** The first 100 assets whose name contains `search`. */
  listAssets(search: string, options?: RequestOptions): Promise<Asset[]>
}
