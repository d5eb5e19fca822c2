// One upload, top to bottom: sign and send the file (./send.ts), finish and verify
// (./finish.ts), and, when it does not end in the field, clean up (./cleanUp.ts). Every effect
// (client, XHR, clock, sleep, network state) comes from the job and its environment, so the
// queue and the tests drive it the same way.
//
// Rules:
// - One upload creates at most one asset: a retry signs the asset it created again with its id.
// - A failure before the file is stored, or a cancel, removes the entry the upload created
//   (best effort: a failed removal is the outcome's `cleanupError`, and the entry is reused).
// - Once the file is stored, a failure of finishing keeps it: a retry only finishes again.
//   A cancel then, or a stored file that is not the one sent, removes the entry as above (a
//   retry uploads anew).
import type { Asset } from '../../domain/asset'
import { defaultSleep } from '../abort'
import { AbortError, isAbortError, isIntegrityError } from '../errors'
import { removeCreated, sweepStrays } from './cleanUp'
import { createConnectivity } from './connectivity'
import { finishJob } from './finish'
import {
  createJob,
  type StepContext,
  type UploadEnvironment,
  type UploadHooks,
  type UploadJob,
  type UploadRequest,
} from './job'
import { sendFile } from './send'
import { SWEEP_DELAYS_MS } from './sweep'

/** How an upload ended. Built once, never changed after. */
export type UploadOutcome =
  | { ok: true; asset: Asset }
  /** `error` as the step raised it (`AbortError` once cancelled); `cleanupError`: the entry could not be removed. */
  | { ok: false; error: unknown; cleanupError?: unknown }

/** Runs (or, after a failure, resumes) `job`. Never rejects. */
export async function runUpload(job: UploadJob, context: StepContext): Promise<UploadOutcome> {
  const { env, signal } = context
  const release = env.connectivity.hold()
  // A sign that creates may leave an entry even when its answer never arrives: noted until it
  // answered, or until the sweep for it is over.
  const creating = job.creates && job.assetId === undefined
  const endNote = creating
    ? env.journal?.signing({ filename: job.request.filename, startedAt: env.now() })
    : undefined
  try {
    if (!job.fileStored) {
      job.startedAt = env.now()
      try {
        await sendFile(job, context)
      } catch (caught) {
        // Whatever broke while the editor was cancelling, the editor sees a cancel.
        const error = signal.aborted && !isAbortError(caught) ? new AbortError(caught) : caught
        return { ok: false, error, cleanupError: await removeCreated(job, context) }
      }
    }
    return await finish(job, context)
  } finally {
    release()
    const sweep = sweepStrays(job, context)
    void sweep.finally(() => endNote?.())
  }
}

/** Finishes a stored file; a cancel or a file that is not the one sent removes the entry. */
async function finish(job: UploadJob, context: StepContext): Promise<UploadOutcome> {
  const { env, hooks, signal } = context
  try {
    const asset = await finishJob(job, context)
    // Handed to the field by the caller at once: nothing is left behind.
    if (job.creates) env.journal?.forget(asset.id)
    return { ok: true, asset }
  } catch (caught) {
    const error = signal.aborted && !isAbortError(caught) ? new AbortError(caught) : caught
    if (!isAbortError(error) && !isIntegrityError(error)) return { ok: false, error }
    // A replaced asset whose stored file does not match gets the file again on retry.
    job.fileStored = false
    if (!job.creates) return { ok: false, error }
    hooks.onStep?.('cancelling')
    return { ok: false, error, cleanupError: await removeCreated(job, context) }
  }
}

/** The browser's runtime for an upload, with `overrides` (tests, scripts, Node). */
export function uploadEnvironment(overrides: Partial<UploadEnvironment> = {}): UploadEnvironment {
  return {
    connectivity: createConnectivity(),
    now: Date.now,
    sleep: defaultSleep,
    random: Math.random,
    maxAttempts: 4,
    sweepDelaysMs: SWEEP_DELAYS_MS,
    ...overrides,
  }
}

/**
 * One upload from start to end, for scripts and tests: resolves with the finished, verified
 * asset, or rejects with the failure.
 */
export async function uploadOnce(
  request: UploadRequest,
  {
    env,
    hooks = {},
    signal = new AbortController().signal,
  }: { env?: Partial<UploadEnvironment>; hooks?: UploadHooks; signal?: AbortSignal } = {},
): Promise<Asset> {
  const outcome = await runUpload(createJob(request), {
    env: uploadEnvironment(env),
    hooks,
    signal,
  })
  if (!outcome.ok) throw outcome.error
  return outcome.asset
}
