// What must survive the editor re-creating the iframe (opening or closing its modal with
// `enablePortalModal` destroys the plugin's memory): the undo history and the library values
// the form compares against. The draft itself is already in the field's value. Kept in
// sessionStorage, keyed by the field instance (`uid`) and the asset id, so two fields, or two
// assets in one field, never mix.
import { isRecord } from '../api/parse'
import type { Asset } from '../api/types'
import type { AssetDraft } from '../stores/assetForm'

export interface FormSnapshot {
  assetId: number
  language: string
  draft: AssetDraft
  undo: AssetDraft[]
  redo: AssetDraft[]
  /** The asset as the library last returned it (the baseline for "unsaved changes"). */
  asset: Asset | null
}

export const snapshotKey = (uid: string, assetId: number) => `sb-asset-uploader:1:${uid}:${assetId}`

const isDraft = (value: unknown): value is AssetDraft =>
  isRecord(value) &&
  ['alt', 'title', 'copyright', 'source', 'focus'].every((key) => typeof value[key] === 'string') &&
  ['is_private', 'decorative'].every((key) => typeof value[key] === 'boolean')

const isDrafts = (value: unknown): value is AssetDraft[] =>
  Array.isArray(value) && value.every(isDraft)

/** Enough of an asset to serve as the "unsaved changes" baseline; the form re-reads it anyway. */
const isAsset = (value: unknown, id: number): value is Asset =>
  isRecord(value) &&
  value.id === id &&
  typeof value.filename === 'string' &&
  typeof value.is_private === 'boolean' &&
  typeof value.meta_data === 'object'

/** Storage can be missing, disabled or full (private mode, quota): then nothing survives, nothing breaks. */
export function saveSnapshot(uid: string, snapshot: FormSnapshot): void {
  try {
    sessionStorage.setItem(snapshotKey(uid, snapshot.assetId), JSON.stringify(snapshot))
  } catch {
    // The field's value still holds the draft.
  }
}

/** The snapshot for this field and asset, if one was kept and has the expected shape. */
export function loadSnapshot(uid: string, assetId: number): FormSnapshot | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(snapshotKey(uid, assetId)) ?? 'null')
    if (!isRecord(value)) return null
    const { language, draft, undo, redo, asset } = value
    if (typeof language !== 'string' || !isDraft(draft) || !isDrafts(undo) || !isDrafts(redo)) {
      return null
    }
    return { assetId, language, draft, undo, redo, asset: isAsset(asset, assetId) ? asset : null }
  } catch {
    return null
  }
}
