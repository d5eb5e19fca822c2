// Removing asset entries that a sign call may have created without the plugin seeing its answer.
//
// A sign whose connection broke, timed out, was cancelled in flight or was cut by going offline
// may still run on the server and create an entry that nobody will upload to. The sweep removes
// the never-finished entries with the same stored name, created since the upload started (two
// minutes of tolerance for the difference between the client's and the server's clocks), that
// are not the upload's own (`isStrayOf`, domain/uploadJournal.ts). Residual risk: another editor's unfinished upload of the same name in
// the same minutes would match too; the sweep only runs after such an ambiguous sign, which is
// rare.
import { predictStoryblokFilename } from '../../domain/fileRules/filenames'
import { isStrayOf } from '../../domain/uploadJournal'
import type { Sleep } from '../abort'
import type { ManagementClient } from '../types'

/**
 * When to look, in ms after the previous look: a cut sign may still be running on the server (a
 * slow one for many seconds), so the sweep looks again until it has found what it expects.
 */
export const SWEEP_DELAYS_MS = [2000, 5000, 10_000, 20_000] as const

export interface SweepOptions {
  client: ManagementClient
  /** The name the upload signed with (Storyblok's dot rule is applied here). */
  filename: string
  /** When the upload started, ms since the epoch. */
  startedAt: number
  /** Whether an entry is someone's own upload (never removed); asked at every look. */
  keep: (assetId: number) => boolean
  /** How many stray entries the upload may have left: the sweep stops once it removed that many. */
  expected: number
  sleep: Sleep
  delays?: readonly number[]
  /** @default Date.now */
  now?: () => number
}

/** Best effort, never throws: a failed list or removal leaves the entry in the space. Resolves with how many were removed. */
export async function sweepOrphans({
  client,
  filename,
  startedAt,
  keep,
  expected,
  sleep,
  delays = SWEEP_DELAYS_MS,
  now = Date.now,
}: SweepOptions): Promise<number> {
  const name = predictStoryblokFilename(filename)
  let removed = 0
  for (const delay of delays) {
    if (removed >= expected) break
    try {
      await sleep(delay)
      for (const asset of await client.listAssets(name.replace(/\.[^.]*$/, ''))) {
        if (!keep(asset.id) && isStrayOf({ filename, startedAt }, asset, now())) {
          await client.deleteAsset(asset.id)
          removed++
        }
      }
    } catch {
      // See above: best effort; the next look may succeed.
    }
  }
  return removed
}
