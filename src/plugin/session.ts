// What must outlive the plugin's iframe. The editor re-creates it when its modal opens or closes
// (`enablePortalModal`), and when the editor closes the block; the plugin's memory goes with it.
// Kept in sessionStorage (this tab only), keyed by the field instance (`uid`):
// - the form's snapshot: the undo history and the library values the form compares against
//   (the draft itself is already in the field's value), per asset, so two assets never mix;
// - the upload journal: asset entries an upload created that the field does not hold yet, and
//   sign calls that may have created one without an answer, so the next start removes them.
// Storage can be missing, disabled or full (private mode, quota): then nothing survives and
// nothing breaks. Everything read back is checked like any value from outside.
import { parseAssetId, type Asset } from '../domain/asset'
import { changedFields, type AssetDraft } from '../domain/draft'
import type { AssetFieldValue } from '../domain/fieldValue'
import type { History } from '../domain/history'
import { isRecord } from '../domain/record'

export interface FormSnapshot {
  assetId: number
  language: string
  draft: AssetDraft
  undo: AssetDraft[]
  redo: AssetDraft[]
  /** The asset as the library last returned it (the baseline for "unsaved changes"). */
  asset: Asset | null
}

/** What the form holds of one asset (stores/assetForm.ts), and an item of the list keeps. */
export interface FormItem {
  asset: Asset | null
  stored: AssetFieldValue | null
  draft: AssetDraft
  history: History<AssetDraft>
}

/** The form's state a snapshot is made of. */
export interface FormState extends FormItem {
  language: string
}

/** The snapshot of a form that shows an asset; `null` for an empty form. */
export function snapshotOf({
  asset,
  stored,
  language,
  draft,
  history,
}: FormState): FormSnapshot | null {
  const assetId = asset?.id ?? stored?.id
  if (assetId === undefined) return null
  return { assetId, language, draft, undo: [...history.undo], redo: [...history.redo], asset }
}

/**
 * Whether a snapshot still applies to the form on screen: the same asset and language, and the
 * draft the field holds (otherwise the value changed elsewhere and the old history no longer
 * applies).
 */
export function fitsSnapshot(
  saved: FormSnapshot,
  screen: { assetId: number | undefined; language: string; draft: AssetDraft },
): boolean {
  return (
    saved.assetId === screen.assetId &&
    saved.language === screen.language &&
    !changedFields(saved.draft, screen.draft).length
  )
}

/** The part of `Storage` used here; tests pass their own. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const PREFIX = 'sb-asset-uploader:1'
export const snapshotKey = (uid: string, assetId: number) => `${PREFIX}:${uid}:${assetId}`
const journalKey = (uid: string) => `${PREFIX}:uploads:${uid}`

/** sessionStorage, or `null` where even reading it throws (sandboxed frames). */
function sessionStore(): StorageLike | null {
  try {
    return globalThis.sessionStorage ?? null
  } catch {
    return null
  }
}

function read(storage: StorageLike | null, key: string): unknown {
  try {
    return JSON.parse(storage?.getItem(key) ?? 'null')
  } catch {
    return null
  }
}

/** Stores `value`, or removes the key for `null`. */
function write(storage: StorageLike | null, key: string, value: unknown): void {
  try {
    if (value === null) storage?.removeItem(key)
    else storage?.setItem(key, JSON.stringify(value))
  } catch {
    // Full or disabled: see the top of this file.
  }
}

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
  isRecord(value.meta_data)

export function saveSnapshot(
  uid: string,
  snapshot: FormSnapshot,
  storage: StorageLike | null = sessionStore(),
): void {
  write(storage, snapshotKey(uid, snapshot.assetId), snapshot)
}

/** The snapshot for this field and asset, if one was kept and has the expected shape. */
export function loadSnapshot(
  uid: string,
  assetId: number,
  storage: StorageLike | null = sessionStore(),
): FormSnapshot | null {
  const value = read(storage, snapshotKey(uid, assetId))
  if (!isRecord(value)) return null
  const { language, draft, undo, redo, asset } = value
  if (typeof language !== 'string' || !isDraft(draft) || !isDrafts(undo) || !isDrafts(redo)) {
    return null
  }
  return { assetId, language, draft, undo, redo, asset: isAsset(asset, assetId) ? asset : null }
}

/** With the `multiple` option: the item described when the iframe went, to describe it again. */
export interface OpenItem {
  index: number
  assetId: number
}

const openItemKey = (uid: string) => `${PREFIX}:${uid}:open`

/** Notes the item being described (`null`: the list is shown). */
export function saveOpenItem(
  uid: string,
  item: OpenItem | null,
  storage: StorageLike | null = sessionStore(),
): void {
  write(storage, openItemKey(uid), item)
}

export function loadOpenItem(uid: string, storage = sessionStore()): OpenItem | null {
  const value = read(storage, openItemKey(uid))
  if (!isRecord(value) || !Number.isInteger(value.index)) return null
  const assetId = parseAssetId(value.assetId)
  return assetId === null ? null : { index: Number(value.index), assetId }
}

const queueKey = (uid: string) => `${PREFIX}:${uid}:queue`

/** With the `multiple` option: the names of the files still to upload (`[]`: none). */
export function saveQueuedNames(uid: string, names: readonly string[], storage = sessionStore()) {
  write(storage, queueKey(uid), names.length ? names : null)
}

/** The names an earlier iframe of this field left unuploaded; read once, then forgotten. */
export function takeQueuedNames(uid: string, storage = sessionStore()): string[] {
  const value = read(storage, queueKey(uid))
  write(storage, queueKey(uid), null)
  return Array.isArray(value) ? value.filter((name) => typeof name === 'string') : []
}

/** A sign call that may have created an entry: what a sweep needs to find it. */
export interface PendingSign {
  filename: string
  /** ms since the epoch. */
  startedAt: number
}

/** What an upload may leave behind, for the next start of the plugin in this field. */
export interface JournalEntries {
  /** Asset entries uploads created that the field does not hold yet. */
  assets: number[]
  signs: PendingSign[]
}

export interface UploadJournal {
  /** An upload created this asset entry. */
  track(assetId: number): void
  /** The entry is the field's now, or was removed. */
  forget(assetId: number): void
  /** A creating sign call starts; call the returned function once it answered or was swept for. */
  signing(sign: PendingSign): () => void
  /** The sign answered, or the sweep for it is over. */
  settled(sign: PendingSign): void
}

const isPendingSign = (value: unknown): value is PendingSign =>
  isRecord(value) && typeof value.filename === 'string' && Number.isFinite(value.startedAt)

/** What the journal of this field holds (checked entry by entry; anything else is dropped). */
export function readJournal(
  uid: string,
  storage: StorageLike | null = sessionStore(),
): JournalEntries {
  const value = read(storage, journalKey(uid))
  const assets = isRecord(value) && Array.isArray(value.assets) ? value.assets : []
  const signs = isRecord(value) && Array.isArray(value.signs) ? value.signs : []
  return {
    assets: assets.map(parseAssetId).filter((id) => id !== null),
    signs: signs.filter(isPendingSign),
  }
}

/** The journal of one field, in sessionStorage. */
export function createUploadJournal(
  uid: string,
  storage: StorageLike | null = sessionStore(),
): UploadJournal {
  const change = (edit: (entries: JournalEntries) => JournalEntries) => {
    const next = edit(readJournal(uid, storage))
    write(storage, journalKey(uid), next.assets.length || next.signs.length ? next : null)
  }
  const journal: UploadJournal = {
    track: (id) => change(({ assets, signs }) => ({ assets: [...assets, id], signs })),
    forget: (id) =>
      change(({ assets, signs }) => ({ assets: assets.filter((known) => known !== id), signs })),
    signing(sign) {
      change(({ assets, signs }) => ({ assets, signs: [...signs, sign] }))
      return () => journal.settled(sign)
    },
    settled: (sign) =>
      change(({ assets, signs }) => ({
        assets,
        signs: signs.filter(
          (known) => known.startedAt !== sign.startedAt || known.filename !== sign.filename,
        ),
      })),
  }
  return journal
}
