// Guards for the Management API's answers: `unknown` in, a typed value or a
// `ResponseShapeError` out. Tolerant where the reference says readings differ (wrapped or not,
// missing optional fields), strict on what the code relies on (ids, URLs, the S3 fields).

import { ResponseShapeError } from './errors'
import type { Asset, FinishedAsset, SignedUpload } from './types'

type Json = Record<string, unknown>

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `{ asset: {...} }` (the docs) or the asset itself (the OpenAPI types). */
function unwrap(value: unknown, key: string): unknown {
  if (isRecord(value) && isRecord(value[key])) return value[key]
  return value
}

function fail(expected: string, field: string | null = null): never {
  throw new ResponseShapeError({ expected, field })
}

function readId(record: Json, field: string, expected: string): number {
  const value = record[field]
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value
  if (
    typeof value === 'string' &&
    /^\d+$/.test(value) &&
    Number.isSafeInteger(Number(value)) &&
    Number(value) > 0
  )
    return Number(value)
  return fail(expected, field)
}

function readString(record: Json, field: string, expected: string): string {
  const value = record[field]
  return typeof value === 'string' ? value : fail(expected, field)
}

function readNullableString(record: Json, field: string, expected: string): string | null {
  const value = record[field]
  if (value === undefined || value === null) return null
  return typeof value === 'string' ? value : fail(expected, field)
}

function readOptional<T>(
  record: Json,
  field: string,
  guard: (value: unknown) => value is T,
  expected: string,
): T | undefined {
  const value = record[field]
  if (value === undefined) return undefined
  return guard(value) ? value : fail(expected, field)
}

const isString = (value: unknown): value is string => typeof value === 'string'
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean'
const isNullableString = (value: unknown): value is string | null =>
  value === null || typeof value === 'string'
const isNullableNumber = (value: unknown): value is number | null =>
  value === null || isNumber(value)

/** The signed response object of `POST /v1/spaces/:space_id/assets`. */
export function parseSignedUpload(value: unknown): SignedUpload {
  const expected = 'SignedUpload'
  const record = unwrap(value, 'asset')
  if (!isRecord(record)) return fail(expected)
  const rawFields = record.fields
  if (!isRecord(rawFields)) return fail(expected, 'fields')
  // Kept in the server's order: the S3 POST sends them as they came, then `file`.
  const fields: Record<string, string> = {}
  for (const [key, field] of Object.entries(rawFields)) {
    if (typeof field === 'string') fields[key] = field
    else if (typeof field === 'number') fields[key] = String(field)
    else return fail(expected, `fields.${key}`)
  }
  if (fields.key === undefined) return fail(expected, 'fields.key')
  const postUrl = readString(record, 'post_url', expected)
  if (!/^https?:\/\//.test(postUrl)) return fail(expected, 'post_url')
  return {
    id: readId(record, 'id', expected),
    post_url: postUrl,
    pretty_url: readNullableString(record, 'pretty_url', expected) ?? '',
    public_url: readNullableString(record, 'public_url', expected) ?? '',
    fields,
  }
}

function readFinished(record: Json, expected: string): FinishedAsset {
  return {
    id: readId(record, 'id', expected),
    filename: readString(record, 'filename', expected),
    alt: readNullableString(record, 'alt', expected),
    copyright: readNullableString(record, 'copyright', expected),
    title: readNullableString(record, 'title', expected),
    focus: readNullableString(record, 'focus', expected),
    is_private: readOptional(record, 'is_private', isBoolean, expected) ?? false,
  }
}

/** The answer of `finish_upload`, wrapped in `{ asset }` or not. */
export function parseFinishedAsset(value: unknown): FinishedAsset {
  const record = unwrap(value, 'asset')
  if (!isRecord(record)) return fail('FinishedAsset')
  return readFinished(record, 'FinishedAsset')
}

/** The full asset of `GET /v1/spaces/:space_id/assets/:id`, wrapped in `{ asset }` or not. */
export function parseAsset(value: unknown): Asset {
  const expected = 'Asset'
  const record = unwrap(value, 'asset')
  if (!isRecord(record)) return fail(expected)
  const asset: Asset = { ...readFinished(record, expected), meta_data: {} }
  const metaData = record.meta_data
  if (isRecord(metaData)) asset.meta_data = { ...metaData }
  else if (metaData !== undefined && metaData !== null) return fail(expected, 'meta_data')

  const spaceId = readOptional(record, 'space_id', isNumber, expected)
  if (spaceId !== undefined) asset.space_id = spaceId
  const createdAt = readOptional(record, 'created_at', isString, expected)
  if (createdAt !== undefined) asset.created_at = createdAt
  const updatedAt = readOptional(record, 'updated_at', isString, expected)
  if (updatedAt !== undefined) asset.updated_at = updatedAt
  const shortFilename = readOptional(record, 'short_filename', isString, expected)
  if (shortFilename !== undefined) asset.short_filename = shortFilename
  const contentType = readOptional(record, 'content_type', isNullableString, expected)
  if (contentType !== undefined) asset.content_type = contentType
  const contentLength = readOptional(record, 'content_length', isNullableNumber, expected)
  if (contentLength !== undefined) asset.content_length = contentLength
  const folderId = readOptional(record, 'asset_folder_id', isNullableNumber, expected)
  if (folderId !== undefined) asset.asset_folder_id = folderId
  const source = readOptional(record, 'source', isNullableString, expected)
  if (source !== undefined) asset.source = source
  const expireAt = readOptional(record, 'expire_at', isNullableString, expected)
  if (expireAt !== undefined) asset.expire_at = expireAt
  const publishAt = readOptional(record, 'publish_at', isNullableString, expected)
  if (publishAt !== undefined) asset.publish_at = publishAt
  const locked = readOptional(record, 'locked', isBoolean, expected)
  if (locked !== undefined) asset.locked = locked
  return asset
}

/** `GET /v1/spaces/:space_id/assets`: `{ assets: [...] }` (or a bare array). */
export function parseAssetList(value: unknown): Asset[] {
  const list = isRecord(value) ? value.assets : value
  if (!Array.isArray(list)) return fail('AssetList', 'assets')
  return list.map((item: unknown) => parseAsset(item))
}
