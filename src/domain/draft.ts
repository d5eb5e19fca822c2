// The editor's draft of an asset's description, how it is read from the library or from the
// field's value, and how the field's value is built from it.
import type { Asset } from './asset'
import type { AssetFieldValue } from './fieldValue'
import { text } from './record'
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
] as const
export type LibraryField = (typeof LIBRARY_FIELDS)[number]

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
    decorative: false,
  }
}

export function draftFromFieldValue(value: AssetFieldValue): AssetDraft {
  return {
    alt: value.alt,
    title: value.title,
    copyright: value.copyright,
    source: value.source,
    focus: value.focus,
    is_private: value.is_private,
    decorative: value.meta_data.decorative === true && value.alt === '',
  }
}

/** The library fields whose values differ between two drafts. */
export function changedFields(a: AssetDraft, b: AssetDraft): LibraryField[] {
  return LIBRARY_FIELDS.filter((key) => a[key] !== b[key])
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
  const { decorative, ...texts } = draft
  const meta_data: Record<string, unknown> = { ...base.meta_data }
  delete meta_data.decorative
  for (const field of TRANSLATABLE_FIELDS) meta_data[i18nKey(field, language)] = draft[field]
  if (decorative) meta_data.decorative = true
  return {
    fieldtype: 'asset',
    id: base.id,
    filename,
    name: fromField?.id === base.id && fromField.name ? fromField.name : basename(filename),
    ...texts,
    meta_data,
    is_external_url: false,
  }
}
