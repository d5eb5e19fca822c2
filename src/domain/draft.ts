// The editor's draft of an asset's description, how it is read from the library or from the
// field's value, and how the field's value is built from it.
import type { Asset } from './asset'
import type { AssetFieldValue } from './fieldValue'
import { sameExpiry } from './expiry'
import { text } from './record'
import { sameTags, tagSet } from './tags'
import { basename, cdnUrl } from './urls'

export const TRANSLATABLE_FIELDS = ['alt', 'title', 'copyright', 'source'] as const
export type TranslatableField = (typeof TRANSLATABLE_FIELDS)[number]

export interface AssetDraft {
  alt: string
  title: string
  copyright: string
  source: string
  focus: string
  is_private: boolean
  /**
   * When Storyblok stops delivering the asset: the API's ISO date-time, `''` for never. The
   * library's alone: the native asset field stores no expiry, so neither does this field.
   */
  expire_at: string
  /** The asset's internal tags (ids of the space's asset tags), ascending, each once. Library only, like `expire_at`. */
  internal_tag_ids: readonly number[]
  /**
   * "Decorative image": the empty alt is intentional. Kept in the field's value
   * (`meta_data.decorative`), not in the library: whether an image is decorative depends on
   * where it is used.
   */
  decorative: boolean
}

export type DraftField = keyof AssetDraft

/** The fields "Save to asset library" writes (and that make the form dirty). */
export const LIBRARY_FIELDS = [
  'alt',
  'title',
  'copyright',
  'source',
  'focus',
  'is_private',
  'expire_at',
  'internal_tag_ids',
] as const
export type LibraryField = (typeof LIBRARY_FIELDS)[number]

/**
 * The library fields the field's value does not carry (the native asset field has no such keys,
 * docs/reference/field-plugin.md): an item opened from the field learns them when the library
 * is read.
 */
export const LIBRARY_ONLY_FIELDS = ['expire_at', 'internal_tag_ids'] as const
export type LibraryOnlyField = (typeof LIBRARY_ONLY_FIELDS)[number]

/** The library fields the field's value carries too. */
export const FIELD_VALUE_FIELDS = LIBRARY_FIELDS.filter(
  (field): field is Exclude<LibraryField, LibraryOnlyField> =>
    !LIBRARY_ONLY_FIELDS.some((only) => only === field),
)

/**
 * Whether two drafts hold the same value for `field`: tags are a set (order and repeats do not
 * count), an expiry is an instant (the API may write it with another offset or precision).
 */
export function sameValue(field: LibraryField, a: AssetDraft, b: AssetDraft): boolean {
  if (field === 'internal_tag_ids') return sameTags(a.internal_tag_ids, b.internal_tag_ids)
  if (field === 'expire_at') return sameExpiry(a.expire_at, b.expire_at)
  return a[field] === b[field]
}

/** `'default'` is the story's default language; other values are language codes. */
export function i18nKey(field: TranslatableField, language: string): string {
  return language === 'default' ? field : `${field}__i18n__${language}`
}

export function emptyDraft(): AssetDraft {
  return {
    alt: '',
    title: '',
    copyright: '',
    source: '',
    focus: '',
    is_private: false,
    expire_at: '',
    internal_tag_ids: [],
    decorative: false,
  }
}

/** The library's values for one language (translations live in `meta_data`). */
export function draftFromAsset(asset: Asset, language: string): AssetDraft {
  const translated = (field: TranslatableField): string =>
    language === 'default' ? text(asset[field]) : text(asset.meta_data[i18nKey(field, language)])
  return {
    alt: translated('alt'),
    title: translated('title'),
    copyright: translated('copyright'),
    source: translated('source'),
    focus: text(asset.focus),
    is_private: asset.is_private,
    expire_at: text(asset.expire_at),
    internal_tag_ids: tagSet(asset.internal_tag_ids ?? []),
    decorative: false,
  }
}

/** The library-only fields of `from` (see `LIBRARY_ONLY_FIELDS`). */
export function libraryOnly(from: AssetDraft): Pick<AssetDraft, LibraryOnlyField> {
  return { expire_at: from.expire_at, internal_tag_ids: from.internal_tag_ids }
}

export function draftFromFieldValue(value: AssetFieldValue): AssetDraft {
  return {
    alt: value.alt,
    title: value.title,
    copyright: value.copyright,
    source: value.source,
    focus: value.focus,
    is_private: value.is_private,
    // Not in the field's value: the library's, once it is read (assetList.markRead).
    expire_at: '',
    internal_tag_ids: [],
    decorative: value.meta_data.decorative === true && value.alt === '',
  }
}

/** The library fields whose values differ between two drafts. */
export function changedFields(
  a: AssetDraft,
  b: AssetDraft,
  fields: readonly LibraryField[] = LIBRARY_FIELDS,
): LibraryField[] {
  return fields.filter((field) => !sameValue(field, a, b))
}

export interface FieldValueSource {
  /** The asset as the library last returned it, once read. */
  asset: Asset | null
  /** The field's value the item was opened from, until the library has been read. */
  fromField: AssetFieldValue | null
  draft: AssetDraft
  language: string
}

/**
 * The field's value in the native asset-field shape, or `null` when there is no asset. The
 * texts are the draft's (the story language's). `meta_data` is the library's, as the native
 * field stores it, with the draft's texts under the story language's keys (`alt`, or
 * `alt__i18n__de`), so it never disagrees with the top-level texts.
 */
export function fieldValueOf({
  asset,
  fromField,
  draft,
  language,
}: FieldValueSource): AssetFieldValue | null {
  const base = asset ?? fromField
  if (!base) return null
  const filename = asset ? cdnUrl(asset.filename) : (fromField?.filename ?? '')
  const { alt, title, copyright, source, focus, is_private, decorative } = draft
  const meta_data: Record<string, unknown> = { ...base.meta_data }
  delete meta_data.decorative
  for (const field of TRANSLATABLE_FIELDS) meta_data[i18nKey(field, language)] = draft[field]
  if (decorative) meta_data.decorative = true
  return {
    fieldtype: 'asset',
    id: base.id,
    filename,
    name: fromField?.id === base.id && fromField.name ? fromField.name : basename(filename),
    // Exactly the native field's keys: the expiry and the tags stay in the library.
    alt,
    title,
    copyright,
    source,
    focus,
    is_private,
    meta_data,
    is_external_url: false,
  }
}
