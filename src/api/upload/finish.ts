// The last step of an upload: finish_upload, then the full asset.
import { abortable, defaultSleep, type Sleep } from '../abort'
import { AssetNotReadyError, isHttpError } from '../errors'
import type { Asset, ManagementClient } from '../types'

/** Waits before reading again an asset that finish_upload confirmed but a read did not find. */
const NOT_FOUND_DELAYS_MS = [500, 1500] as const

/**
 * finish_upload, then the full asset. Both are GETs, which the client retries on its own
 * (network errors, timeouts, 408/429/5xx, `Retry-After` first) without touching the upload;
 * calling this again after a failure finishes the same asset again, never uploads again.
 * A read that answers 404 right after a successful finish is read again a little later (a
 * replica may lag); if it still fails, `AssetNotReadyError` says so: the asset does exist.
 */
export async function finishAndRead(
  client: ManagementClient,
  assetId: number,
  { signal, sleep = defaultSleep }: { signal?: AbortSignal; sleep?: Sleep } = {},
): Promise<Asset> {
  await client.finishUpload(assetId, { signal })
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.getAsset(assetId, { signal })
    } catch (error) {
      const delay = NOT_FOUND_DELAYS_MS[attempt]
      if (!(isHttpError(error) && error.status === 404)) throw error
      if (delay === undefined) throw new AssetNotReadyError(error)
      await abortable(sleep(delay, signal), signal)
    }
  }
}
