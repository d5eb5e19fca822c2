// What "Save to asset library" writes: only what the editor changed since the form read the
// asset, so a field the editor never touched (the privacy flag above all) is never written from
// a stale or misread value; and whether someone changed the same fields in the library meanwhile.
import type { Asset, AssetUpdate } from './asset'
import {
  FIELD_VALUE_FIELDS,
  changedFields,
  draftFromAsset,
  i18nKey,
  sameValue,
  type AssetDraft,
  type LibraryField,
} from './draft'

export type SavePlan =
  /** The library changed some of the fields the editor changed, to other values. */
  | { kind: 'conflict'; fields: LibraryField[] }
  /** `update` holds exactly `fields` (nothing to send when it is empty). */
  | { kind: 'write'; fields: LibraryField[]; update: AssetUpdate }

export interface SaveInput {
  /** The asset as the library held it when the form read it. */
  baseline: Asset
  /** The asset as the library holds it now. */
  latest: Asset
  draft: AssetDraft
  language: string
  /** "Save mine anyway": the editor's values win a conflict. */
  overwrite?: boolean
}

export function planSave({ baseline, latest, draft, language, overwrite }: SaveInput): SavePlan {
  const read = draftFromAsset(baseline, language)
  const now = draftFromAsset(latest, language)
  const fields = changedFields(read, draft)
  const theirs = changedFields(read, now)
  const clashing = fields.filter((field) => theirs.includes(field) && !sameValue(field, now, draft))
  if (clashing.length && !overwrite) return { kind: 'conflict', fields: clashing }
  return { kind: 'write', fields, update: updateFor(latest, draft, fields, language) }
}

/**
 * The update that writes `fields` of `draft` for one language. The default language's texts go
 * both at the top level and into `meta_data`, which Storyblok's docs name as their place (either
 * reading of the API then stores them); another language's go into `meta_data` as translations.
 * `meta_data` is merged into `latest`'s, since the API replaces it as a whole.
 */
export function updateFor(
  latest: Pick<Asset, 'meta_data'>,
  draft: AssetDraft,
  fields: readonly LibraryField[],
  language: string,
): AssetUpdate {
  const update: AssetUpdate = {}
  const translations: Record<string, string> = {}
  for (const field of fields) {
    if (field === 'focus') update.focus = draft.focus
    else if (field === 'is_private') update.is_private = draft.is_private
    // The API takes `null` for "no expiry" (the emulator's reading 9 takes `""` too).
    else if (field === 'expire_at') update.expire_at = draft.expire_at || null
    else if (field === 'internal_tag_ids') update.internal_tag_ids = [...draft.internal_tag_ids]
    else {
      if (language === 'default') update[field] = draft[field]
      translations[i18nKey(field, language)] = draft[field]
    }
  }
  if (Object.keys(translations).length) update.meta_data = { ...latest.meta_data, ...translations }
  return update
}

/** The draft with the library's values for `fields` (the rest of the editor's edits kept). */
export function takeFromLibrary(
  draft: AssetDraft,
  latest: Asset,
  fields: readonly LibraryField[],
  language: string,
): AssetDraft {
  const library = draftFromAsset(latest, language)
  const next = { ...draft }
  const copy = <K extends LibraryField>(field: K) => (next[field] = library[field])
  fields.forEach(copy)
  return next
}

/**
 * The draft once the library has saved `edited` and answered with `saved`: a field the editor
 * did not touch since the library was last read (`baseline`) follows the library (someone may
 * have changed it meanwhile); one the editor changed, in this save or while it was under way,
 * stays the editor's. `null` when nothing changes.
 */
export function draftAfterSave(
  draft: AssetDraft,
  baseline: Asset | null,
  saved: Asset,
  edited: readonly LibraryField[],
  language: string,
): AssetDraft | null {
  const before = baseline && draftFromAsset(baseline, language)
  const untouched = changedFields(draftFromAsset(saved, language), draft).filter(
    (field) => !edited.includes(field) && (!before || before[field] === draft[field]),
  )
  return untouched.length ? takeFromLibrary(draft, saved, untouched, language) : null
}

/**
 * What a sign call carries of the item's description, so the new file arrives described and a
 * private one is never public: the texts, focus and privacy of a replaced asset (the form's
 * values), or the privacy and the texts written so far for a new one. Expiry and tags never go
 * with a sign (the upload gateway's sign does not take them): the save that follows the upload
 * (stores/uploads.ts) writes them, under the same rules as Save.
 */
export function signMetadata(
  draft: AssetDraft,
  language: string,
  replaced: Asset | null,
): AssetUpdate {
  const fields = replaced
    ? FIELD_VALUE_FIELDS
    : FIELD_VALUE_FIELDS.filter((field) => field === 'is_private' || draft[field] !== '')
  return updateFor(replaced ?? { meta_data: {} }, draft, fields, language)
}
