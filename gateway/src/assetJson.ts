// The asset as the gateway passes it on: Storyblok's JSON, wrapped in `asset` or not (the
// reference says to accept both), cut down to the fields the plugin's form needs.
import { isRecord } from '../../src/domain/record'

/** What a read answers of an asset: what the form shows and edits, never anything more. */
export const READ_FIELDS = [
  'id',
  'filename',
  'short_filename',
  'alt',
  'title',
  'copyright',
  'source',
  'focus',
  'is_private',
  'meta_data',
  'content_type',
  'content_length',
  'created_at',
  'updated_at',
  'asset_folder_id',
  'expire_at',
  'internal_tag_ids',
] as const

/** The JSON value of an answer's text, or `undefined` when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The asset of an answer: `{ asset: {…} }` or the asset itself; `null` when neither. */
export function assetOf(value: unknown): Record<string, unknown> | null {
  const record = isRecord(value) && isRecord(value.asset) ? value.asset : value
  return isRecord(record) ? record : null
}

/** Only the read fields of an asset. */
export function pickReadFields(asset: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {}
  for (const field of READ_FIELDS) if (field in asset) picked[field] = asset[field]
  return picked
}

/** The answer with its asset cut down, in the shape it came (wrapped or not). */
export function filterAnswer(value: unknown): unknown {
  const asset = assetOf(value)
  if (!asset) return null
  const picked = pickReadFields(asset)
  return isRecord(value) && isRecord(value.asset) ? { asset: picked } : picked
}

/**
 * Whether the asset's upload was ever finished. Storyblok records the stored file's size at
 * `finish_upload`; until then `content_length` is `null` (the Management API reference,
 * "The asset object"; the local Storyblok does the same, emulator/sign.ts and mapi.ts). A
 * replaced file keeps the earlier size until its own finish, so a replaced asset counts as
 * finished throughout: the gateway never deletes it.
 */
export function isFinished(asset: Record<string, unknown>): boolean {
  // Only an explicit `null` means "never finished": an answer without the field is kept.
  return asset.content_length !== null
}
