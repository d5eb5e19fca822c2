// What uploads in an earlier iframe of a field left behind (the iframe went mid-upload: the
// modal closed, the block was closed), removed at the next start of the plugin in that field,
// from what its upload journal noted (domain/uploadJournal.ts). Only what is provably the
// journal's own unfinished upload is removed (`isJournalled`); never a finished asset, never
// one the field holds. Best effort: what fails stays noted for the next start.
import type { Sleep } from '../abort'
import { isHttpError } from '../errors'
import {
  isJournalled,
  type JournalEntries,
  type PendingSign,
  type UploadJournal,
} from '../../domain/uploadJournal'
import type { ManagementClient } from '../types'
import { sweepOrphans } from './sweep'

export interface LeftoverOptions {
  client: ManagementClient
  /** What the journal holds now (bounded when read). */
  entries: JournalEntries
  journal: UploadJournal & { settled(sign: PendingSign): void }
  /** Whether the field holds the asset: never removed. */
  held: (assetId: number) => boolean
  /** The entries the journal notes now: what uploads of this iframe created meanwhile is theirs. */
  noted: () => readonly number[]
  sleep: Sleep
  now: () => number
}

/** Removes the noted entries that are provably the journal's; forgets the rest. */
async function removeNoted({ client, entries, journal, held }: LeftoverOptions): Promise<void> {
  for (const entry of entries.assets) {
    try {
      if (!held(entry.id)) {
        const asset = await client.getAsset(entry.id)
        if (isJournalled(entry, asset)) await client.deleteAsset(entry.id, { ticket: entry.ticket })
      }
      journal.forget(entry.id)
    } catch (error) {
      // Gone already; else it stays noted for the next start.
      if (isHttpError(error) && error.status === 404) journal.forget(entry.id)
    }
  }
}

/**
 * Cleans up after earlier uploads of this field: the entries they created (if still unfinished),
 * and the entries of sign calls that never answered (swept by name and time; not through the
 * gateway, which removes the unfinished entries of its expired tickets itself).
 */
export async function cleanUpLeftovers(options: LeftoverOptions): Promise<void> {
  await removeNoted(options)
  const { client, entries, journal, held, noted, sleep, now } = options
  const keep = (id: number) => held(id) || noted().includes(id)
  for (const sign of entries.signs) {
    if (client.via === 'token') {
      await sweepOrphans({ client, ...sign, keep, expected: 1, sleep, now })
    }
    journal.settled(sign)
  }
}
