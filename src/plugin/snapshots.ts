// The form's state that must outlive a re-created iframe (./tabStorage.ts says when): per asset,
// the undo history and the library values the form compares against (the draft itself is
// already in the field's value), so two assets never mix; with the `multiple` option, the item
// described and the names of the files still to upload.
import { parseAssetId, type Asset } from '../domain/asset'
import { FIELD_VALUE_FIELDS, changedFields, emptyDraft, type AssetDraft } from '../domain/draft'
import { assetIdOf, type AssetItem } from '../domain/item'
import { isRecord } from '../domain/record'
import { readTab, tabKey, tabStorage, writeTab, type StorageLike } from './tabStorage'

export interface FormSnapshot {
  assetId: number
  language: string
  draft: AssetDraft
  undo: AssetDraft[]
  redo: AssetDraft[]
  /** The asset as the library last returned it (the baseline for "unsaved changes"). */
  asset: Asset | null
}

/** The snapshot of an item that has an asset; `null` for a new file still uploading. */
export function snapshotOf(item: AssetItem, language: string): FormSnapshot | null {
  const assetId = assetIdOf(item)
  if (assetId === undefined) return null
  const { asset, draft, history } = item
  return { assetId, language, draft, undo: [...history.undo], redo: [...history.redo], asset }
}

/**
 * Whether a snapshot still applies to the form on screen: the same asset and language, and the
 * draft the field holds (otherwise the value changed elsewhere and the old history no longer
 * applies). Only what the field's value carries is compared: the expiry and tags on screen are
 * not known before the library is read, and the snapshot's are the editor's.
 */
export function fitsSnapshot(
  saved: FormSnapshot,
  screen: { assetId: number | undefined; language: string; draft: AssetDraft },
): boolean {
  return (
    saved.assetId === screen.assetId &&
    saved.language === screen.language &&
    !changedFields(saved.draft, screen.draft, FIELD_VALUE_FIELDS).length
  )
}

export const snapshotKey = (uid: string, assetId: number) => tabKey(uid, `snapshot:${assetId}`)

/**
 * A kept draft, or `null`. A snapshot from before expiry and tags has neither: they read as
 * none, as in a draft opened from the field.
 */
function parseDraft(value: unknown): AssetDraft | null {
  if (!isRecord(value)) return null
  const texts = ['alt', 'title', 'copyright', 'source', 'focus'] as const
  const flags = ['is_private', 'decorative'] as const
  const { expire_at: expiry = '', internal_tag_ids: tags = [] } = value
  if (!texts.every((key) => typeof value[key] === 'string')) return null
  if (!flags.every((key) => typeof value[key] === 'boolean')) return null
  if (typeof expiry !== 'string' || !Array.isArray(tags)) return null
  if (!tags.every((id) => Number.isSafeInteger(id) && id > 0)) return null
  const draft = { ...emptyDraft(), expire_at: expiry, internal_tag_ids: [...tags] }
  for (const key of texts) draft[key] = String(value[key])
  for (const key of flags) draft[key] = value[key] === true
  return draft
}

/** Kept drafts, or `null` when one of them is not a draft. */
function parseDrafts(value: unknown): AssetDraft[] | null {
  if (!Array.isArray(value)) return null
  const drafts = value.map(parseDraft)
  return drafts.every((draft) => draft !== null) ? drafts : null
}

/** Enough of an asset to serve as the "unsaved changes" baseline; the form re-reads it anyway. */
const isAsset = (value: unknown, id: number): value is Asset =>
  isRecord(value) &&
  value.id === id &&
  typeof value.filename === 'string' &&
  typeof value.is_private === 'boolean' &&
  isRecord(value.meta_data)

export function saveSnapshot(
  uid: string,
  snapshot: FormSnapshot,
  storage: StorageLike | null = tabStorage(),
): void {
  writeTab(storage, snapshotKey(uid, snapshot.assetId), snapshot)
}

/** The snapshot for this field and asset, if one was kept and has the expected shape. */
export function loadSnapshot(
  uid: string,
  assetId: number,
  storage: StorageLike | null = tabStorage(),
): FormSnapshot | null {
  const value = readTab(storage, snapshotKey(uid, assetId))
  if (!isRecord(value)) return null
  const { language, asset } = value
  const draft = parseDraft(value.draft)
  const undo = parseDrafts(value.undo)
  const redo = parseDrafts(value.redo)
  if (typeof language !== 'string' || !draft || !undo || !redo) return null
  return { assetId, language, draft, undo, redo, asset: isAsset(asset, assetId) ? asset : null }
}

/** With the `multiple` option: the item described when the iframe went, to describe it again. */
export interface OpenItem {
  index: number
  assetId: number
}

const openItemKey = (uid: string) => tabKey(uid, 'open')

/** Notes the item being described (`null`: the list is shown). */
export function saveOpenItem(
  uid: string,
  item: OpenItem | null,
  storage: StorageLike | null = tabStorage(),
): void {
  writeTab(storage, openItemKey(uid), item)
}

export function loadOpenItem(uid: string, storage = tabStorage()): OpenItem | null {
  const value = readTab(storage, openItemKey(uid))
  if (!isRecord(value) || !Number.isInteger(value.index)) return null
  const assetId = parseAssetId(value.assetId)
  return assetId === null ? null : { index: Number(value.index), assetId }
}

const queueKey = (uid: string) => tabKey(uid, 'queue')

/** With the `multiple` option: the names of the files still to upload (`[]`: none). */
export function saveQueuedNames(uid: string, names: readonly string[], storage = tabStorage()) {
  writeTab(storage, queueKey(uid), names.length ? names : null)
}

/** The names an earlier iframe of this field left unuploaded; read once, then forgotten. */
export function takeQueuedNames(uid: string, storage = tabStorage()): string[] {
  const value = readTab(storage, queueKey(uid))
  writeTab(storage, queueKey(uid), null)
  return Array.isArray(value) ? value.filter((name) => typeof name === 'string') : []
}
