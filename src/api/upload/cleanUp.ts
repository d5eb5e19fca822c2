// What an upload that did not end in the field leaves behind is removed: the asset entry it
// created (after a cancel or a final failure), and entries a sign call may have created without
// an answer (the sweep). A replaced asset is the editor's own and is never removed.
import type { StepContext, UploadJob } from './job'
import { sweepOrphans } from './sweep'

/**
 * Removes the asset entry `job` created, if any; resolves with the failure of that removal, or
 * `undefined`. Not with the editor's signal: it is aborted when the editor cancelled. On
 * success the job forgets the asset, so a retry creates a new one; after a failed removal it
 * keeps it, and a retry signs it again with its id.
 */
export async function removeCreated(job: UploadJob, { env }: StepContext): Promise<unknown> {
  const assetId = job.assetId
  if (!job.creates || assetId === undefined) return undefined
  try {
    await job.request.client.deleteAsset(assetId, { ticket: job.ticket })
  } catch (failure) {
    return failure
  }
  env.journal?.forget(assetId)
  if (job.assetId === assetId) {
    job.assetId = job.ticket = job.signature = undefined
    job.fileStored = false
  }
  return undefined
}

/**
 * Starts the sweep for the entries `job`'s unanswered signs may have left, if any (not awaited:
 * a cut sign may run on the server for a while, and the editor should not wait for it; it never
 * throws). Through the gateway there is nothing to sweep: the gateway removes the unfinished
 * entries of the tickets it issued once they expire. Resolves when it is over.
 */
export function sweepStrays(job: UploadJob, { env, hooks }: StepContext): Promise<unknown> {
  const expected = job.strays
  const { client, filename } = job.request
  if (!expected || client.via === 'gateway') return Promise.resolve()
  job.strays = 0
  const own = job.assetId
  const sweep = sweepOrphans({
    client,
    filename,
    startedAt: job.startedAt ?? env.now(),
    keep: (id) => id === own,
    expected,
    sleep: env.sleep,
    delays: env.sweepDelaysMs,
    now: env.now,
  })
  hooks.onSweep?.(sweep)
  return sweep
}
