// The field's stored value: the same shape as Storyblok's native asset field, so that a
// frontend can treat this field exactly like an `asset` field.
// The editor hands us whatever the story holds (`""`, `undefined`, `null`, another plugin's
// value, an older shape); it stays `unknown` until `parseFieldValue` says what it is.
import { parseAssetId } from './asset'
import { isRecord, isTooDeep, text } from './record'

export interface AssetFieldValue {
  fieldtype: 'asset'
  id: number
  /** The asset's CDN URL (never the S3 URL). */
  filename: string
  name: string
  alt: string
  title: string
  copyright: string
  /** Storyblok's focus format `"<x1>x<y1>:<x2>x<y2>"` in pixels of the original, or `""`. */
  focus: string
  source: string
  is_private: boolean
  meta_data: Record<string, unknown>
  is_external_url: false
}

/** What the native asset field stores once its asset is removed. */
export interface EmptyAssetFieldValue {
  fieldtype: 'asset'
  id: null
  filename: ''
  name: ''
  alt: null
  title: null
  copyright: null
  focus: null
  source: null
  meta_data: Record<string, never>
  is_external_url: false
}

export type FieldValue =
  | { kind: 'empty' }
  | { kind: 'asset'; value: AssetFieldValue }
  /** Something this plugin does not understand: shown, never overwritten until the editor acts. */
  | { kind: 'unknown'; raw: unknown }

export function emptyFieldValue(): EmptyAssetFieldValue {
  return {
    fieldtype: 'asset',
    id: null,
    filename: '',
    name: '',
    alt: null,
    title: null,
    copyright: null,
    focus: null,
    source: null,
    meta_data: {},
    is_external_url: false,
  }
}

/**
 * Storyblok has stored `is_private` as a boolean, as `""` and as a string, and older plugins or
 * hand edits leave `"yes"` or `1`; read them all. The form takes the library's flag once it has
 * read the asset, so a misread here can never make a private asset public.
 */
function privateFlag(value: unknown): boolean {
  return value === true || value === 1 || /^(true|yes|1|on)$/i.test(text(value).trim())
}

/** Deeper `meta_data` than any asset has is not an asset value (and could overflow the stack). */
const MAX_META_DEPTH = 16

export function parseFieldValue(content: unknown): FieldValue {
  if (content === undefined || content === null || content === '') return { kind: 'empty' }
  if (!isRecord(content) || isTooDeep(content.meta_data, MAX_META_DEPTH)) {
    return { kind: 'unknown', raw: content }
  }
  if (content.fieldtype !== undefined && content.fieldtype !== 'asset') {
    return { kind: 'unknown', raw: content }
  }
  const id = parseAssetId(content.id)
  const filename = text(content.filename)
  // The native field's "no asset" value: `id: null` and an empty filename.
  if (id === null && filename === '' && (content.id === null || content.id === undefined)) {
    return content.fieldtype === 'asset' ? { kind: 'empty' } : { kind: 'unknown', raw: content }
  }
  if (id === null || filename === '' || content.is_external_url === true) {
    return { kind: 'unknown', raw: content }
  }
  return {
    kind: 'asset',
    value: {
      fieldtype: 'asset',
      id,
      filename,
      name: text(content.name),
      alt: text(content.alt),
      title: text(content.title),
      copyright: text(content.copyright),
      focus: text(content.focus),
      source: text(content.source),
      is_private: privateFlag(content.is_private),
      meta_data: isRecord(content.meta_data) ? { ...content.meta_data } : {},
      is_external_url: false,
    },
  }
}
