// The upload journal's rules. An upload notes what it may leave in the library (the asset entry
// it created, a sign call that may have created one unseen) until the entry is the field's or
// removed; the next start of the plugin in that field cleans up after an iframe that went
// mid-upload. The journal lives in sessionStorage (plugin/uploadJournal.ts), where anything can
// be written, so it is bounded, and it removes only what it can prove is its own unfinished
// upload: never a finished asset, never one of another name or another time.
import type { Asset } from './asset'
import { predictStoryblokFilename } from './fileRules/filenames'

/** An asset entry an upload created that the field does not hold yet. */
export interface JournalAsset {
  id: number
  /** The name the upload signed with. */
  filename: string
  /** When the sign call that created it started, ms since the epoch. */
  startedAt: number
  /** The upload gateway's ticket for it: through the gateway, nothing is removed without one. */
  ticket?: string
}

/** A sign call that may have created an entry without an answer: what a sweep needs to find it. */
export interface PendingSign {
  filename: string
  /** ms since the epoch. */
  startedAt: number
}

export interface JournalEntries {
  assets: JournalAsset[]
  signs: PendingSign[]
}

export interface UploadJournal {
  /** An upload created this asset entry. */
  track(entry: JournalAsset): void
  /** The entry is the field's now, or was removed. */
  forget(assetId: number): void
  /** A creating sign call starts; call the returned function once it answered or was swept for. */
  signing(sign: PendingSign): () => void
}

/** The most entries kept of each kind: an upload notes at most one of each at a time. */
export const JOURNAL_MAX_ENTRIES = 50
/**
 * Entries older than this are dropped unread: an iframe that went a day ago left entries that
 * Storyblok or the gateway have long dealt with, and a journal must not keep a start busy for days.
 */
export const JOURNAL_MAX_AGE_MS = 24 * 60 * 60 * 1000
/** How far the server's clock may be from the browser's. */
const CLOCK_SKEW_MS = 2 * 60 * 1000
/** A sign that created an entry answered within this long after it started. */
const SIGN_WINDOW_MS = 10 * 60 * 1000

/** The newest entries within the bounds, and how many were dropped. */
export function boundJournal(
  entries: JournalEntries,
  now: number,
): { entries: JournalEntries; dropped: number } {
  const fresh = <T extends { startedAt: number }>(list: T[]) =>
    list
      .filter(
        (entry) =>
          entry.startedAt > now - JOURNAL_MAX_AGE_MS && entry.startedAt <= now + CLOCK_SKEW_MS,
      )
      .slice(-JOURNAL_MAX_ENTRIES)
  const bounded = { assets: fresh(entries.assets), signs: fresh(entries.signs) }
  const dropped =
    entries.assets.length + entries.signs.length - bounded.assets.length - bounded.signs.length
  return { entries: bounded, dropped }
}

/** The name an entry is stored under, from its URL. */
export function storedName(asset: Pick<Asset, 'filename'>): string {
  const last = asset.filename.replace(/[?#].*$/s, '').replace(/.*\//s, '')
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}

/** Never finished: finish_upload records the stored file's type and length. */
export const isUnfinished = (asset: Asset): boolean =>
  (asset.content_length ?? null) === null && (asset.content_type ?? null) === null

/** Whether the library's entry was created between `from` and `to` (ms), allowing for clock skew. */
function createdBetween(asset: Asset, from: number, to: number): boolean {
  const created = Date.parse(asset.created_at ?? '')
  return created > from - CLOCK_SKEW_MS && created < to + CLOCK_SKEW_MS
}

/**
 * Whether the library's `asset` is provably the entry a journal noted: the same id, never
 * finished, of the name it signed with, created while its sign call ran. Only then may the
 * journal remove it.
 */
export function isJournalled(entry: JournalAsset, asset: Asset): boolean {
  return (
    asset.id === entry.id &&
    isUnfinished(asset) &&
    storedName(asset) === predictStoryblokFilename(entry.filename) &&
    createdBetween(asset, entry.startedAt, entry.startedAt + SIGN_WINDOW_MS)
  )
}

/**
 * Whether `asset` may be what a sign call that never answered left: never finished, of its
 * name, created while it may have run.
 */
export function isStrayOf(sign: PendingSign, asset: Asset, until: number): boolean {
  return (
    isUnfinished(asset) &&
    storedName(asset) === predictStoryblokFilename(sign.filename) &&
    createdBetween(asset, sign.startedAt, until)
  )
}
