// The last step: finish_upload, then the full asset, checked against what was sent.
import type { Asset } from '../../domain/asset'
import { abortable, defaultSleep, type Sleep } from '../abort'
import { AssetNotReadyError, isHttpError } from '../errors'
import type { ManagementClient } from '../types'
import type { StepContext, UploadJob } from './job'
import { verifyUpload } from './verify'

/** Waits before reading again an asset that finish_upload confirmed but a read did not find. */
const NOT_FOUND_DELAYS_MS = [500, 1500] as const

/**
 * Whether a finish answer is the whole asset: the upload gateway answers the asset it read and
 * checked; Storyblok answers a minimal one.
 */
const isWhole = (client: ManagementClient, asset: Asset): boolean =>
  client.via === 'gateway' &&
  typeof asset.content_length === 'number' &&
  typeof asset.content_type === 'string'

export interface FinishOptions {
  signal?: AbortSignal
  /** Told before each retry of a call. */
  onRetry?: (error: unknown) => void
  /** @default setTimeout-based, abortable */
  sleep?: Sleep
  /** The upload gateway's ticket for the asset. */
  ticket?: string
}

/**
 * finish_upload, then the full asset (unless the gateway answered it whole). Both are GETs,
 * which the client retries on its own (network errors, timeouts, 408/429/5xx, `Retry-After`
 * first) without touching the upload; finishing again after a failure never uploads again.
 * A read that answers 404 right after a successful finish is read again a little later (a
 * replica may lag); if it still fails, `AssetNotReadyError` says so: the asset does exist.
 */
export async function finishAndRead(
  client: ManagementClient,
  assetId: number,
  { signal, sleep = defaultSleep, ticket, onRetry }: FinishOptions = {},
): Promise<Asset> {
  const finished = await client.finishUpload(assetId, { signal, ticket, onRetry })
  if (isWhole(client, finished)) return finished
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.getAsset(assetId, { signal, onRetry })
    } catch (error) {
      const delay = NOT_FOUND_DELAYS_MS[attempt]
      if (!(isHttpError(error) && error.status === 404)) throw error
      if (delay === undefined) throw new AssetNotReadyError(error)
      await abortable(sleep(delay, signal), signal)
    }
  }
}

/** Finishes `job`'s stored file and checks the asset against what was sent (`verifyUpload`). */
export async function finishJob(
  job: UploadJob,
  { env, hooks, signal }: StepContext,
): Promise<Asset> {
  const { client, file } = job.request
  if (job.assetId === undefined) throw new AssetNotReadyError()
  hooks.onStep?.('finishing')
  const asset = await finishAndRead(client, job.assetId, {
    signal,
    sleep: env.sleep,
    ticket: job.ticket,
    onRetry: hooks.onRetry,
  })
  verifyUpload(asset, { size: file.size, contentType: job.contentType })
  return asset
}
