// Shapes of the Management API's asset endpoints, as this plugin relies on them.
// See ../shared/reference/management-api-assets.md. Values arriving from the network are
// `unknown` until the guards in `./parse.ts` accept them.

/** The "signed response object" of `POST /v1/spaces/:space_id/assets`. */
export interface SignedUpload {
  id: number
  post_url: string
  pretty_url: string
  public_url: string
  /** Every entry goes into the S3 POST unchanged, before `file`. */
  fields: Record<string, string>
}

/** What `finish_upload` returns (wrapped in `{ asset }` by the docs, unwrapped by the OpenAPI types). */
export interface FinishedAsset {
  id: number
  filename: string
  alt: string | null
  copyright: string | null
  title: string | null
  focus: string | null
  is_private: boolean
}

/** The full asset from `GET /v1/spaces/:space_id/assets/:id`. */
export interface Asset extends FinishedAsset {
  space_id?: number
  created_at?: string
  updated_at?: string
  short_filename?: string
  content_type?: string | null
  content_length?: number | null
  asset_folder_id?: number | null
  source?: string | null
  meta_data: Record<string, unknown>
  expire_at?: string | null
  publish_at?: string | null
  locked?: boolean
}

export interface SignParams {
  filename: string
  /** `"WxH"` for images: Storyblok adds that folder to the URL only when given. */
  size?: string
  asset_folder_id?: number
  /** Sign again for an existing asset: replaces its file instead of creating a second asset. */
  id?: number
}

/** The writable part of an asset (`PUT`/`PATCH /v1/spaces/:space_id/assets/:id`). */
export interface AssetUpdate {
  alt?: string
  title?: string
  copyright?: string
  source?: string
  focus?: string
  is_private?: boolean
  asset_folder_id?: number | null
  meta_data?: Record<string, unknown>
}

export interface RequestOptions {
  signal?: AbortSignal
  /** Told before each retry of this request, after the failed attempt. */
  onRetry?: (event: RetryEvent) => void
}

/** One failed attempt that the client is about to retry. */
export interface RetryEvent {
  /** Attempts made so far, from 1. */
  attempt: number
  error: unknown
  delayMs: number
}

/** Byte progress of the S3 POST. */
export interface UploadProgress {
  loaded: number
  total: number
}

export interface S3UploadOptions extends RequestOptions {
  onProgress?: (progress: UploadProgress) => void
}

/** The Management API client the composables and the store use (see `./client.ts`). */
export interface ManagementClient {
  readonly spaceId: number
  signAsset(params: SignParams, options?: RequestOptions): Promise<SignedUpload>
  finishUpload(assetId: number, options?: RequestOptions): Promise<FinishedAsset>
  getAsset(assetId: number, options?: RequestOptions): Promise<Asset>
  updateAsset(assetId: number, update: AssetUpdate, options?: RequestOptions): Promise<void>
  deleteAsset(assetId: number, options?: RequestOptions): Promise<void>
  listAssets(
    query?: { search?: string; page?: number; per_page?: number },
    options?: RequestOptions,
  ): Promise<Asset[]>
}
