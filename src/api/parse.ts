// Guards for the Management API's answers: `unknown` in, a typed value or an `ApiError` out.
// Tolerant where readings differ (wrapped or not, absent optional fields, which read as `null`),
// strict on what the code relies on (ids, the file URL, the S3 fields).

import { isRecord } from '../domain/record'
import { tagSet, type InternalTag } from '../domain/tags'
import { ApiError } from './errors'
import type { Asset } from '../domain/asset'
import type { AssetFolder, FolderList } from '../domain/folders'
import type { SignedUpload } from './types'

type Json = Record<string, unknown>

function fail(field: string): never {
  throw new ApiError(`Unexpected response: ${field}`)
}

/** `{ asset: {...} }` (the docs) or the asset itself (the OpenAPI types). */
function unwrap(value: unknown): Json {
  const record = isRecord(value) && isRecord(value.asset) ? value.asset : value
  return isRecord(record) ? record : fail('asset')
}

function readId({ id }: Json): number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : fail('id')
}

/** The signed response object of `POST /v1/spaces/:space_id/assets`. */
export function parseSignedUpload(value: unknown): SignedUpload {
  const record = unwrap(value)
  const fields: Record<string, string> = {}
  // Kept in the server's order: the S3 POST sends them as they came, then `file`.
  for (const [key, field] of Object.entries(
    isRecord(record.fields) ? record.fields : fail('fields'),
  ))
    fields[key] = typeof field === 'string' ? field : fail(key)
  const postUrl = String(record.post_url)
  if (!/^https?:\/\//.test(postUrl)) fail('post_url')
  const { ticket } = isRecord(value) && typeof value.ticket === 'string' ? value : record
  return {
    id: readId(record),
    post_url: postUrl,
    fields,
    ...(typeof ticket === 'string' && ticket ? { ticket } : {}),
  }
}

/** An asset (`GET /v1/spaces/:space_id/assets/:id`, `finish_upload`), wrapped in `{ asset }` or not. */
export function parseAsset(value: unknown): Asset {
  const record = unwrap(value)
  const text = (field: string): string | null => {
    const item = record[field]
    return typeof item === 'string' ? item : null
  }
  const { filename, content_length: length, meta_data: meta } = record
  const { internal_tag_ids: tags, asset_folder_id: folder } = record
  return {
    id: readId(record),
    filename: typeof filename === 'string' ? filename : fail('filename'),
    alt: text('alt'),
    title: text('title'),
    copyright: text('copyright'),
    source: text('source'),
    focus: text('focus'),
    is_private: record.is_private === true,
    meta_data: isRecord(meta) ? meta : {},
    content_type: text('content_type'),
    content_length: typeof length === 'number' ? length : null,
    created_at: text('created_at'),
    updated_at: text('updated_at'),
    // A date Storyblok cannot have written reads as none rather than failing the whole asset.
    expire_at: Number.isNaN(Date.parse(text('expire_at') ?? '')) ? null : text('expire_at'),
    // Strings in the answers seen (`["3"]`), numbers in the OpenAPI types: both read.
    internal_tag_ids: Array.isArray(tags) ? tagSet(tags) : [],
    asset_folder_id: typeof folder === 'number' && Number.isSafeInteger(folder) ? folder : null,
  }
}

/** `GET /v1/spaces/:space_id/assets`: `{ assets: [...] }`. */
export function parseAssetList(value: unknown): Asset[] {
  const list = isRecord(value) && value.assets
  return Array.isArray(list) ? list.map(parseAsset) : fail('assets')
}

/** `GET …/assets/:id/generate_image_alt_text`: `{ response: "<alt text>" }`, trimmed, not empty. */
export function parseAltText(value: unknown): string {
  const text = isRecord(value) && typeof value.response === 'string' ? value.response.trim() : ''
  return text || fail('response')
}

/**
 * `GET …/internal_tags`: `{ internal_tags: [{ id, name, object_type }] }`. A tag without a
 * readable id or name is left out; the list itself must be there.
 */
export function parseTags(value: unknown): InternalTag[] {
  const list = isRecord(value) && value.internal_tags
  if (!Array.isArray(list)) return fail('internal_tags')
  return list.flatMap((tag: unknown) => {
    if (!isRecord(tag) || typeof tag.name !== 'string' || !tag.name.trim()) return []
    const [id] = tagSet([tag.id])
    return id === undefined ? [] : [{ id, name: tag.name.trim() }]
  })
}

/** A folder of the list; `null` for an entry without a usable id or name (left out). */
function parseFolder(value: unknown): AssetFolder | null {
  if (!isRecord(value)) return null
  const { id, name, parent_id: parent, path } = value
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return null
  if (typeof name !== 'string') return null
  return {
    id,
    name,
    parentId:
      typeof parent === 'number' && Number.isSafeInteger(parent) && parent > 0 ? parent : null,
    ...(typeof path === 'string' && path ? { path } : {}),
  }
}

/**
 * `GET /v1/spaces/:space_id/asset_folders`: `{ asset_folders: [...] }`. The upload gateway adds
 * `root_allowed` (whether uploads may go to the library's root) and each folder's `path`.
 */
export function parseFolders(value: unknown): FolderList {
  const list = isRecord(value) && value.asset_folders
  if (!Array.isArray(list)) fail('asset_folders')
  return {
    folders: list.flatMap((entry) => parseFolder(entry) ?? []),
    rootAllowed: !(isRecord(value) && value.root_allowed === false),
  }
}
