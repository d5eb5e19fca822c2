// The upload journal of one field instance, in sessionStorage (./tabStorage.ts): what uploads of
// this field may have left in the library, for the next start of the plugin in it to clean up.
// Its rules (what it notes, its bounds, what it may remove) are in domain/uploadJournal.ts.
import { parseAssetId } from '../domain/asset'
import { isRecord } from '../domain/record'
import {
  boundJournal,
  type JournalAsset,
  type JournalEntries,
  type PendingSign,
  type UploadJournal,
} from '../domain/uploadJournal'
import { readTab, tabKey, tabStorage, writeTab, type StorageLike } from './tabStorage'

const journalKey = (uid: string) => tabKey(uid, 'uploads')

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

function parseJournalAsset(value: unknown): JournalAsset | null {
  if (!isRecord(value)) return null
  const id = parseAssetId(value.id)
  const { filename, startedAt, ticket } = value
  if (id === null || typeof filename !== 'string' || !isTime(startedAt)) return null
  return { id, filename, startedAt, ...(typeof ticket === 'string' && ticket ? { ticket } : {}) }
}

const isPendingSign = (value: unknown): value is PendingSign =>
  isRecord(value) && typeof value.filename === 'string' && isTime(value.startedAt)

/**
 * What the journal of this field holds: checked entry by entry (anything else is dropped), and
 * within its bounds (`boundJournal`); `dropped` counts what was left out.
 */
export function readJournal(
  uid: string,
  { storage = tabStorage(), now = Date.now() }: { storage?: StorageLike | null; now?: number } = {},
): JournalEntries & { dropped: number } {
  const value = readTab(storage, journalKey(uid))
  const list = (key: string): unknown[] =>
    isRecord(value) && Array.isArray(value[key]) ? value[key] : []
  const assets = list('assets')
  const signs = list('signs')
  const checked = {
    assets: assets.map(parseJournalAsset).filter((entry) => entry !== null),
    signs: signs.filter(isPendingSign),
  }
  const { entries, dropped } = boundJournal(checked, now)
  return {
    ...entries,
    dropped: dropped + assets.length + signs.length - checked.assets.length - checked.signs.length,
  }
}

export interface FieldJournal extends UploadJournal {
  /** The sign answered, or the sweep for it is over. */
  settled(sign: PendingSign): void
}

/** The journal of one field, in sessionStorage. */
export function createUploadJournal(
  uid: string,
  {
    storage = tabStorage(),
    now = Date.now,
  }: { storage?: StorageLike | null; now?: () => number } = {},
): FieldJournal {
  const change = (edit: (entries: JournalEntries) => JournalEntries) => {
    const { assets, signs } = readJournal(uid, { storage, now: now() })
    const next = boundJournal(edit({ assets, signs }), now()).entries
    writeTab(storage, journalKey(uid), next.assets.length || next.signs.length ? next : null)
  }
  const journal: FieldJournal = {
    track: (entry) =>
      change(({ assets, signs }) => ({
        assets: [...assets.filter((known) => known.id !== entry.id), entry],
        signs,
      })),
    forget: (id) =>
      change(({ assets, signs }) => ({ assets: assets.filter((known) => known.id !== id), signs })),
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
