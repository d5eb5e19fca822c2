// The asset as the Management API describes it, and the facts its id, URL or type tell.
// The API's answers are read into this shape by `api/parse.ts`.
import { isImageType, storyblokTypeOf } from './fileRules/contentTypes'

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
  /** When the asset expires (ISO), `null` for never. */
  expire_at?: string | null
  /** The asset's internal tags: ids of the space's asset tags, as numbers. */
  internal_tag_ids?: number[]
  /** The folder the asset is in; `null` for the library's root. */
  asset_folder_id?: number | null
}

/** The writable part of an asset (`PUT /v1/spaces/:space_id/assets/:id`, and the sign call). */
export interface AssetUpdate {
  alt?: string
  title?: string
  copyright?: string
  source?: string
  focus?: string
  is_private?: boolean
  meta_data?: Record<string, unknown>
  /** `null` removes the expiry. */
  expire_at?: string | null
  /** Replaces the asset's tags as a whole. */
  internal_tag_ids?: number[]
}

/**
 * An asset id: a positive safe integer, from a number or a digit string; `null` for anything
 * else. Every id from outside (the field's value, the picker, sessionStorage) passes here before
 * it goes into a URL: an id such as `../../__emulator/state` would aim the token elsewhere.
 */
export function parseAssetId(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null
  return typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(+value)
    ? Number(value)
    : null
}

/**
 * Whether an asset is an image: by the type the library reports, else by its URL's extension
 * (the one type table, `fileRules/contentTypes.ts`).
 */
export function isImageAsset(url: string, contentType?: string | null): boolean {
  if (contentType) return isImageType(contentType)
  return isImageType(storyblokTypeOf(url.split(/[?#]/)[0] ?? ''))
}

/** SVGs can hold scripts: never opened as a page, only shown in `<img>` or downloaded. */
export function isSvgAsset(url: string, contentType?: string | null): boolean {
  if (contentType) return contentType.startsWith('image/svg')
  return /\.svg$/i.test(url.split(/[?#]/)[0] ?? '')
}
