// An item: one asset of the field as the plugin holds it, in single and in multiple mode alike.
// It may come from the field's value (until the library is read), from the library, or from an
// upload under way in this browser (a file, and no asset yet), and it always carries the
// editor's draft of its description and that draft's undo history.
import { isImageAsset, type Asset } from './asset'
import {
  changedFields,
  draftFromAsset,
  fieldValueOf,
  libraryOnly,
  type AssetDraft,
  type LibraryField,
} from './draft'
import type { AssetFieldValue } from './fieldValue'
import { isImageType, storyblokTypeOf } from './fileRules/contentTypes'
import type { FolderTarget } from './folders'
import { emptyHistory, type History } from './history'
import type { PixelSize } from './imageSize'
import { fileToSend, type LocationCheck } from './locationCheck'
import { draftAfterSave } from './save'

/** A file this browser uploads for the item. */
export interface ItemUpload {
  /** The file sent: the editor's own, or its copy without the photo's location. */
  file: File
  /** The name it is stored as. */
  filename: string
  /** The image's pixel size, read from the file (`null`: not an image, or unreadable). */
  size: PixelSize | null
  /** The file replaces the item's asset's file ("Replace file"). */
  replaces: boolean
  /** The folder a new file goes to (`null`: the library's root); absent: the `assetFolderId` option's. */
  folder?: FolderTarget
  /** What the check of the photo's location found, the editor's own file, and the choice. */
  location?: ItemLocation
}

/** A photo whose location was looked for: the file sent follows the editor's "Keep location". */
export interface ItemLocation {
  check: LocationCheck
  /** The file as the editor chose it (the local preview shows its pixels). */
  original: File
  keep: boolean
}

/** The upload of a chosen file: the copy without its location unless the editor keeps it. */
export function newUpload(
  original: File,
  filename: string,
  extra: {
    replaces?: boolean
    folder?: FolderTarget
    check?: LocationCheck | null
    keep?: boolean
  },
): ItemUpload {
  const { replaces = false, folder, check = null, keep = false } = extra
  return {
    file: fileToSend(original, check, keep),
    filename,
    size: null,
    replaces,
    ...(folder === undefined ? {} : { folder }),
    ...(check ? { location: { check, original, keep } } : {}),
  }
}

/** The upload with the location kept or removed (before it starts). */
export function keepingLocation(upload: ItemUpload, keep: boolean): ItemUpload {
  const location = upload.location
  if (!location) return upload
  return {
    ...upload,
    file: fileToSend(location.original, location.check, keep),
    location: { ...location, keep },
  }
}

export interface AssetItem {
  /** Stable while the plugin runs (the same asset may be in a list twice). */
  key: number
  /** The asset as the library last returned it; `null` until read, or while its upload runs. */
  asset: Asset | null
  /** The field's value the item was opened from, until the library has been read. */
  fromField: AssetFieldValue | null
  draft: AssetDraft
  history: History<AssetDraft>
  /** An upload in this browser, until it has ended in the library. */
  upload: ItemUpload | null
  /** The field said another privacy than the library: the library's is shown (and this says so). */
  privacyCorrected: boolean
}

/** An item with everything else at its start. */
export function newItem(
  key: number,
  from: Partial<Omit<AssetItem, 'key'>> & Pick<AssetItem, 'draft'>,
): AssetItem {
  return {
    asset: null,
    fromField: null,
    upload: null,
    privacyCorrected: false,
    history: emptyHistory(),
    ...from,
    key,
  }
}

/** The item's value in the native asset-field shape; `null` while there is no asset yet. */
export function valueOf(item: AssetItem, language: string): AssetFieldValue | null {
  return fieldValueOf({ asset: item.asset, fromField: item.fromField, draft: item.draft, language })
}

/** The asset's id: the library's, else the field's; `undefined` while uploading a new file. */
export const assetIdOf = (item: AssetItem): number | undefined =>
  item.asset?.id ?? item.fromField?.id

/** The name shown for the item: the asset's, else the one its file will be stored as. */
export function nameOf(item: AssetItem, language: string): string {
  return valueOf(item, language)?.name ?? item.upload?.filename ?? ''
}

/** Whether the item is an image: by the library's type, else by its URL, else by its file. */
export function isImageItem({ asset, fromField, upload }: AssetItem): boolean {
  const url = asset?.filename ?? fromField?.filename
  if (url) return isImageAsset(url, asset?.content_type)
  return !!upload && isImageType(storyblokTypeOf(upload.filename, upload.file.type))
}

/** `requireAlt` is on, the item is an image, and it has neither alt text nor "Decorative image". */
export function needsAlt(item: AssetItem, requireAlt: boolean): boolean {
  return requireAlt && isImageItem(item) && !item.draft.decorative && !item.draft.alt.trim()
}

/** The library fields the editor changed (only an item whose asset was read can have any). */
export function dirtyFieldsOf(item: AssetItem, language: string): LibraryField[] {
  return item.asset ? changedFields(draftFromAsset(item.asset, language), item.draft) : []
}

/**
 * The item takes an asset that is already in the library instead of uploading its file: the
 * texts the editor wrote apply to it as edits (to be saved), its privacy is the library's.
 */
export function withLibraryAsset(item: AssetItem, asset: Asset, language: string): AssetItem {
  const mine = item.draft
  const draft = draftFromAsset(asset, language)
  for (const field of ['alt', 'title', 'copyright', 'source', 'focus'] as const)
    if (mine[field]) draft[field] = mine[field]
  if (mine.decorative) Object.assign(draft, { decorative: true, alt: '' })
  return { ...item, asset, fromField: null, upload: null, draft, privacyCorrected: false }
}

/** Whether the item has changes the library does not hold yet (read or not). */
export const hasChanges = (item: AssetItem, language: string): boolean =>
  item.asset ? dirtyFieldsOf(item, language).length > 0 : item.history.undo.length > 0

/** The item with its file's pixel size, once read. */
export const withUploadSize = (item: AssetItem, size: PixelSize | null): AssetItem =>
  item.upload ? { ...item, upload: { ...item.upload, size } } : item

/**
 * The item once the library has answered for it (it was opened from the field): the asset is
 * its baseline, the library's privacy wins over the field's (a value from an older plugin or a
 * hand edit must not make a private asset look public, or be saved as such; `corrected` says
 * the field said otherwise), and on the first read the expiry and tags, which the field's value
 * does not hold, are the library's.
 */
export function readItem(
  item: AssetItem,
  asset: Asset,
  language: string,
): { item: AssetItem; corrected: boolean } {
  const corrected = item.draft.is_private !== asset.is_private
  const known = item.asset ? {} : libraryOnly(draftFromAsset(asset, language))
  const draft = { ...item.draft, ...known, is_private: asset.is_private }
  const privacyCorrected = item.privacyCorrected || corrected
  return { item: { ...item, asset, draft, privacyCorrected }, corrected }
}

/**
 * The item once the library saved `edited` and answered `saved`: the answer is its baseline, and
 * what the editor did not touch follows it (`changed`: the draft changed with it).
 */
export function savedItem(
  item: AssetItem,
  saved: Asset,
  edited: readonly LibraryField[],
  language: string,
): { item: AssetItem; changed: boolean } {
  const draft = draftAfterSave(item.draft, item.asset, saved, edited, language)
  return { item: { ...item, asset: saved, draft: draft ?? item.draft }, changed: !!draft }
}
