// The second step: the S3 POST of the file, with its retries. A failed POST is retried with the
// same signature while its policy is valid (with a minute of safety margin); after that, and
// when the storage says the policy expired, the asset is signed again with its id.
import { abortable } from '../abort'
import { isExpiredPolicyError } from '../errors'
import { retryDelay } from '../retry'
import { postToS3 } from '../s3'
import { anySignal } from './connectivity'
import type { StepContext, UploadJob } from './job'
import { isPause, waitOnline } from './pause'
import { signJob } from './sign'

/** Re-signs after the storage said "expired" at most this often: clocks may differ, not forever. */
const MAX_RESIGNS = 2
/** A signature whose policy runs out within this long is not used for a new attempt. */
const EXPIRY_MARGIN_MS = 60_000

/** Signs, then POSTs the file until it is stored (or the failure is final). */
export async function sendFile(job: UploadJob, context: StepContext): Promise<void> {
  const { env, hooks, signal } = context
  const { file, filename } = job.request
  let signature = await signJob(job, context)
  // Bounded: every turn either waits for the network (MAX_PAUSES times at most), or POSTs
  // (failures bounded by `maxAttempts`, re-signs after "expired" by MAX_RESIGNS).
  for (let turn = 0, failures = 0, resigns = 0; ; turn++) {
    await waitOnline(context)
    // Every signature is used at least once, so a short-lived policy cannot re-sign forever.
    if (turn && env.now() >= signature.expiresAt - EXPIRY_MARGIN_MS) {
      signature = await signJob(job, context)
    }
    hooks.onStep?.('uploading')
    const period = env.connectivity.period()
    try {
      await postToS3(signature.signed, file, {
        filename,
        signal: anySignal(signal, period),
        onProgress: hooks.onProgress,
        createXhr: env.createXhr,
        timeoutMs: env.stallTimeoutMs,
      })
      job.fileStored = true
      job.contentType = signature.signed.fields['Content-Type']
      return
    } catch (error) {
      // Offline: back to the top, which waits for the network and restarts from the first byte.
      if (isPause(error, job, context, period)) continue
      if (isExpiredPolicyError(error)) {
        if (++resigns > MAX_RESIGNS) throw error
        signature.expiresAt = -Infinity
        continue
      }
      const delay = retryDelay(error, {
        attempt: ++failures,
        maxAttempts: env.maxAttempts,
        random: env.random,
      })
      if (delay === null) throw error
      await abortable(env.sleep(delay, signal), signal)
    }
  }
}
