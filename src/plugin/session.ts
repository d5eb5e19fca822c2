// What must survive the editor re-creating the iframe (opening or closing its modal with
// `enablePortalModal` destroys the plugin's memory): the undo history and the library values
// the form compares against. The draft itself is already in the field's value. Kept in
// sessionStorage, keyed by the field instance (`uid`) and the asset id, so two fields, or two
// assets in one field, never mix.
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

const PREFIX = 'sb-asset-uploader'
const VERSION = 1

export function snapshotKey(uid: string, assetId: number): string {
  return `${PREFIX}:${VERSION}:${uid}:${assetId}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isDraft(value: unknown): value is AssetDraft {
  return (
    isRecord(value) &&
    ['alt', 'title', 'copyright', 'source', 'focus'].every(
      (key) => typeof value[key] === 'string',
    ) &&
    typeof value.is_private === 'boolean' &&
    typeof value.decorative === 'boolean'
  )
}

function isAssetLike(value: unknown): value is Asset {
  return (
    isRecord(value) &&
    typeof value.id === 'number' &&
    typeof value.filename === 'string' &&
    typeof value.is_private === 'boolean' &&
    isRecord(value.meta_data)
  )
}

function parseSnapshot(value: unknown): FormSnapshot | null {
  if (!isRecord(value)) return null
  const { assetId, language, draft, undo, redo, asset } = value
  if (typeof assetId !== 'number' || typeof language !== 'string' || !isDraft(draft)) return null
  if (!Array.isArray(undo) || !undo.every(isDraft)) return null
  if (!Array.isArray(redo) || !redo.every(isDraft)) return null
  if (asset !== null && !isAssetLike(asset)) return null
  return { assetId, language, draft, undo, redo, asset }
}

/** Storage can be missing or full (private mode, quota): then nothing survives, nothing breaks. */
export function saveSnapshot(
  storage: Storage | undefined,
  uid: string,
  snapshot: FormSnapshot,
): void {
  try {
    storage?.setItem(snapshotKey(uid, snapshot.assetId), JSON.stringify(snapshot))
  } catch {
    // Quota or disabled storage: the field's value still holds the draft.
  }
}

export function loadSnapshot(
  storage: Storage | undefined,
  uid: string,
  assetId: number,
): FormSnapshot | null {
  try {
    const text = storage?.getItem(snapshotKey(uid, assetId))
    return text ? parseSnapshot(JSON.parse(text)) : null
  } catch {
    return null
  }
}

export function clearSnapshot(storage: Storage | undefined, uid: string, assetId: number): void {
  try {
    storage?.removeItem(snapshotKey(uid, assetId))
  } catch {
    // See saveSnapshot.
  }
}
