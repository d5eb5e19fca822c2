// Going offline is a pause, not a failure: the step waits for the network and starts again.
import type { StepContext, UploadJob } from './job'

/** Going offline may cut an upload short this many times; then the failure stands. */
export const MAX_PAUSES = 20

/** Waits while the browser is offline (saying so); rejects with `AbortError` once cancelled. */
export async function waitOnline({ env, hooks, signal }: StepContext): Promise<void> {
  if (!env.connectivity.isOnline()) hooks.onStep?.('waiting-online')
  await env.connectivity.whenOnline(signal)
}

/**
 * Whether going offline cut the attempt that failed with `error` (begun in `period`) short: a
 * pause. Rethrows `error` on a cancel, and after `MAX_PAUSES` pauses.
 */
export function isPause(
  error: unknown,
  job: UploadJob,
  { env, signal }: StepContext,
  period: AbortSignal,
): boolean {
  if (signal.aborted) throw error
  if (!period.aborted && env.connectivity.isOnline()) return false
  if (++job.pauses > MAX_PAUSES) throw error
  return true
}
