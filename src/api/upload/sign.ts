// The first step: a signature for the S3 POST. Without an asset yet, the sign call creates one;
// with one (a replace, a retry, an expired policy), it signs that asset again, which replaces its
// file and creates nothing. Re-signing is not a retry of the sign: it is a new signature for the
// same asset, needed because the old one ran out.
import { isHttpError, isNetworkError } from '../errors'
import type { SignParams } from '../types'
import { anySignal } from './connectivity'
import type { Signature, StepContext, UploadJob } from './job'
import { isPause, waitOnline } from './pause'
import { policyExpiresAt } from './policy'

function signParams({ request, assetId }: UploadJob): SignParams {
  const { metadata } = request
  return {
    ...(typeof metadata === 'function' ? metadata() : metadata),
    filename: request.filename,
    size: request.size,
    asset_folder_id: request.assetFolderId,
    id: assetId,
    content_length: request.file.size,
  }
}

/** Signs `job` (waiting while offline); records the asset, its ticket and the signature. */
export async function signJob(job: UploadJob, context: StepContext): Promise<Signature> {
  const { env, hooks } = context
  const creating = job.assetId === undefined
  for (;;) {
    await waitOnline(context)
    hooks.onStep?.('signing')
    const period = env.connectivity.period()
    const startedAt = env.now()
    try {
      const signed = await job.request.client.signAsset(signParams(job), {
        signal: anySignal(context.signal, period),
        ticket: job.ticket,
        // A retry after a network error: the first attempt may have created an asset.
        onRetry: (error) => {
          job.strays += Number(creating && isNetworkError(error))
          hooks.onRetry?.(error)
        },
      })
      const signature = { signed, expiresAt: policyExpiresAt(signed, startedAt) }
      job.signature = signature
      job.ticket = signed.ticket ?? job.ticket
      if (creating) {
        job.assetId = signed.id
        job.signStartedAt = startedAt
        env.journal?.track({
          id: signed.id,
          filename: job.request.filename,
          startedAt,
          ...(job.ticket ? { ticket: job.ticket } : {}),
        })
      }
      return signature
    } catch (error) {
      // Creating failed in a way that does not prove nothing was created: no answer, a cut
      // answer, a timeout, a cancel in flight, a 5xx, or a 2xx that could not be read. Going
      // offline signs again once back (the sweep removes what the cut one created).
      if (creating && !(isHttpError(error) && error.status < 500)) job.strays++
      if (!isPause(error, job, context, period)) throw error
    }
  }
}
