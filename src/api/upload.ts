// The upload pipeline: sign → S3 POST (→ re-sign when the policy runs out) and, separately,
// finish_upload → read → verify. Framework-free; every effect (client, XHR, clock, sleep,
// online state) is injected, so the composables and the tests drive it the same way.
//
// Rules (from the issue):
// - One user upload creates at most one asset. A failed S3 POST is retried with the same signed
//   response while its policy is valid (with a minute of safety margin); after that the
//   pipeline signs again *with the asset's id*, which replaces the file of the same asset
//   instead of creating a second one. Re-signing is not a retry of the sign: it is a new signature for the same
//   asset, needed because the old one expired.
// - finish_upload is retried on its own (the client retries the GET), never by uploading again.
// - Cancel aborts at once and removes the asset entry this upload created (best effort; a
//   failure is set as `cleanupError` on the error). A replaced asset is never removed.
// - Going offline pauses the upload ('waiting-online') and, once online, signs again (when it was
//   signing) or restarts the POST.
// - After finish_upload, the stored asset must match the file (`verifyUpload`).

import {
  AbortError,
  ApiError,
  IntegrityError,
  isAbortError,
  isExpiredPolicyError,
  isHttpError,
  isNetworkError,
} from './errors'
import { isRecord } from './parse'
import { abortable, defaultSleep, onAbort, retryDelay, type Sleep } from './retry'
import { postToS3, type XhrLike } from './s3'
import type { Asset, ManagementClient, SignedUpload, UploadProgress } from './types'

export type TransferPhase = 'signing' | 'uploading' | 'waiting-online'

/** Where the browser's online state comes from. */
export interface OnlineSource {
  isOnline: () => boolean
  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe: (listener: (online: boolean) => void) => () => void
}

/** `navigator.onLine` and the window's `online`/`offline` events; always online without them (Node). */
const browserOnline: OnlineSource = {
  isOnline: () => globalThis.navigator?.onLine ?? true,
  subscribe(listener) {
    const onChange = (event: Event): void => listener(event.type === 'online')
    const types = ['online', 'offline']
    types.forEach((type) => globalThis.addEventListener?.(type, onChange))
    return () => types.forEach((type) => globalThis.removeEventListener?.(type, onChange))
  },
}

export interface TransferOptions {
  client: ManagementClient
  file: Blob
  /** The name to store (the asset's file name cannot change after upload). */
  filename: string
  /** `"WxH"` for images. */
  size?: string
  assetFolderId?: number
  /** Upload a new file under this existing asset ("Replace file"). */
  replaceAssetId?: number
  /**
   * Remove the asset entry when the transfer fails or is cancelled.
   * @default true when not replacing (the entry was created by this upload), else false
   */
  deleteOnFailure?: boolean
  signal?: AbortSignal
  onPhase?: (phase: TransferPhase) => void
  onProgress?: (progress: UploadProgress) => void
  /** Told the id as soon as the asset entry exists (before the S3 POST). */
  onAssetCreated?: (assetId: number) => void
  /** @default the browser's (`navigator.onLine` and the window's events) */
  online?: OnlineSource
  /** @default () => new XMLHttpRequest() */
  createXhr?: () => XhrLike
  /** @default Date.now */
  now?: () => number
  /** @default setTimeout-based, abortable */
  sleep?: Sleep
  /** S3 POST attempts, the first included. @default 4 */
  maxAttempts?: number
  /** The S3 POST fails after this long without progress. @default 60000 */
  stallTimeoutMs?: number
  /**
   * After a sign that failed without a clear refusal (it may still run on the server), wait
   * this long before looking for duplicates. @default 2000
   */
  orphanSweepDelayMs?: number
}

/**
 * When the signed policy expires: `expiration` from the base64 policy JSON, else
 * `signedAt + 10 min` (Storyblok's policies last about 10 minutes).
 */
function policyExpiresAt({ fields }: SignedUpload, signedAt: number): number {
  let policy: unknown
  try {
    policy = JSON.parse(atob(fields.policy ?? ''))
  } catch {
    // Not base64 JSON: fall back to the documented lifetime.
  }
  return Date.parse(String(isRecord(policy) && policy.expiration)) || signedAt + 600_000
}

/**
 * Signs and uploads `file`. Resolves with the asset id; the asset is not finished yet (see
 * `finishAndRead`). Rejects with a typed error; on a cancel or a final failure the asset entry
 * it created is removed first (`cleanupError` set on the error when that failed).
 */
export async function transferFile({
  client,
  file,
  filename,
  size,
  assetFolderId,
  replaceAssetId,
  deleteOnFailure = replaceAssetId === undefined,
  signal,
  onPhase,
  onProgress,
  onAssetCreated,
  online = browserOnline,
  createXhr,
  now = Date.now,
  sleep = defaultSleep,
  maxAttempts = 4,
  stallTimeoutMs,
  orphanSweepDelayMs = 2000,
}: TransferOptions): Promise<{ assetId: number }> {
  const startedAt = now()
  /** A sign may have been processed without us seeing the answer: sweep duplicates at the end. */
  let ambiguous = false
  /** The asset being uploaded: `replaceAssetId`, or the one this call created. */
  let assetId = replaceAssetId
  /** The running S3 POST: cancelled by the caller's signal or by going offline. */
  let attempt = new AbortController()
  const abort = (): void => attempt.abort()
  /** Ends the wait for the network. */
  let resume = (): void => {}
  const unwatchSignal = onAbort(signal, abort)
  const unwatchOnline = online.subscribe((up) => (up ? resume() : abort()))

  let pauses = 0
  /**
   * Whether going offline cut the running step short: a pause, not a failure. Rethrows `error`
   * on a cancel, and after 20 pauses.
   */
  function offline(error: unknown): boolean {
    if (signal?.aborted) throw error
    if (!attempt.signal.aborted && online.isOnline()) return false
    if (++pauses > 20) throw error
    return true
  }

  /**
   * Waits while the browser is offline, then starts an attempt that going offline cancels.
   * Rejects with `AbortError` once cancelled.
   */
  async function whenOnline(): Promise<void> {
    const up = online.isOnline()
    if (!up) onPhase?.('waiting-online')
    await abortable(new Promise<void>((resolve) => (up ? resolve() : (resume = resolve))), signal)
    attempt = new AbortController()
    if (signal?.aborted) abort()
  }

  /** A signature for a new asset (no `assetId` yet) or for `assetId`, and when it expires. */
  async function sign(): Promise<{ signed: SignedUpload; expiresAt: number }> {
    const creating = assetId === undefined
    for (;;) {
      await whenOnline()
      onPhase?.('signing')
      const signedAt = now()
      try {
        const signed = await client.signAsset(
          { filename, size, asset_folder_id: assetFolderId, id: assetId },
          // A retry after a network error: the first attempt may have created an asset.
          {
            signal: attempt.signal,
            onRetry: (error) => (ambiguous ||= creating && isNetworkError(error)),
          },
        )
        if (creating) {
          assetId = signed.id
          onAssetCreated?.(assetId)
        }
        return { signed, expiresAt: policyExpiresAt(signed, signedAt) }
      } catch (error) {
        // Creating failed in a way that does not prove nothing was created: no answer, a cut
        // answer, a timeout, a cancel in flight, a 5xx, or a 2xx we could not read. Going
        // offline signs again once back (the sweep below removes what the cut one created).
        if (!(isHttpError(error) && error.status < 500)) ambiguous ||= creating
        if (!offline(error)) throw error
      }
    }
  }

  try {
    let { signed, expiresAt } = await sign()
    // Bounded: every turn either waits for the network (20 times at most), or POSTs (failures
    // bounded by `maxAttempts`, re-signs after the storage said "expired" by 2).
    for (let turn = 0, failures = 0, resigns = 0; ; turn++) {
      await whenOnline()
      // Re-signing is not a retry of the sign: the asset exists, and signing with its id gives a
      // new policy for the same asset (no second asset). Every signature is used at least once,
      // so a short-lived policy cannot make it re-sign forever.
      if (turn && now() >= expiresAt - 60_000) ({ signed, expiresAt } = await sign())
      onPhase?.('uploading')
      try {
        await postToS3(signed, file, {
          signal: attempt.signal,
          onProgress,
          createXhr,
          timeoutMs: stallTimeoutMs,
        })
        return { assetId: signed.id }
      } catch (error) {
        if (offline(error)) {
          // Back to the top, which waits for the network, then restarts the POST from the
          // first byte.
        } else if (isExpiredPolicyError(error)) {
          // The storage says the policy expired (clocks differ, or a long stall): sign again
          // with the asset's id instead of counting a failure.
          if (++resigns > 2) throw error
          expiresAt = -Infinity
        } else {
          const delay = retryDelay(error, ++failures, false, Math.random, maxAttempts)
          if (delay === null) throw error
          await abortable(sleep(delay, signal), signal)
        }
      }
    }
  } catch (caught) {
    // Whatever broke while the caller was cancelling, the caller sees a cancel.
    const error = signal?.aborted && !isAbortError(caught) ? new AbortError(caught) : caught
    if (deleteOnFailure && assetId !== undefined) {
      try {
        // Not with the caller's signal: it is aborted when the user cancelled.
        await client.deleteAsset(assetId)
      } catch (cleanupError) {
        if (error instanceof ApiError) error.cleanupError = cleanupError
      }
    }
    throw error
  } finally {
    unwatchSignal()
    unwatchOnline()
    if (ambiguous) {
      // The sign's connection broke (or it timed out, or was cancelled or cut by going offline
      // in flight): the server may have created an entry nobody will finish, possibly still
      // creating it. Remove the never-finished entries with the same stored name (every dot but
      // the last becomes `_`), created since this upload started (two minutes of tolerance for
      // the difference between the client's and the server's clocks), that are not ours. Best
      // effort, never throws: a failed list or removal leaves the duplicate in the space,
      // unreported (the upload's own outcome stands).
      // Residual risk: another editor's unfinished upload of the same name in the same minutes
      // would also match; it is only run after an ambiguous sign, which is rare.
      try {
        // The cut sign may still be running on the server, even when a later one succeeded:
        // give it time to finish.
        await sleep(orphanSweepDelayMs)
        const name = filename.replace(/\.(?=.*\.)/g, '_')
        for (const asset of await client.listAssets(name.replace(/\.[^.]*$/, ''))) {
          const stored = decodeURIComponent(asset.filename.replace(/.*\//, ''))
          if (
            asset.id !== assetId &&
            stored === name &&
            asset.content_length === null &&
            asset.content_type === null &&
            Date.parse(asset.created_at ?? '') > startedAt - 120_000
          )
            await client.deleteAsset(asset.id).catch(() => {})
        }
      } catch {
        // See above: best effort.
      }
    }
  }
}

/** The registered type, lower-cased, without parameters; unknown reads as the generic type. */
const mediaType = (type?: string | null): string =>
  type?.replace(/;.*/s, '').trim().toLowerCase().replace('/jpg', '/jpeg') ||
  'application/octet-stream'

/**
 * Checks the finished asset against the file that was sent: `content_length` must equal the
 * file's size; `content_type` must be the file's type (`image/jpg` read as `image/jpeg`), where
 * a generic octet-stream on either side is accepted. A field the API did not report cannot be
 * checked and passes: refusing every upload because a field is absent would be worse than
 * missing a check. Throws `IntegrityError`.
 */
export function verifyUpload(asset: Asset, file: Blob): void {
  const stored = mediaType(asset.content_type)
  const sent = mediaType(file.type)
  if (
    (asset.content_length ?? file.size) !== file.size ||
    (stored !== sent && !/octet-stream/.test(stored + sent))
  )
    throw new IntegrityError(
      `Asset ${asset.id} holds ${asset.content_length} bytes of ${stored}, not ${file.size} of ${sent}`,
    )
}

/**
 * finish_upload, then the full asset. Both are GETs, which the client retries on its own
 * (network errors, timeouts, 408/429/5xx, `Retry-After` first) without touching the upload;
 * calling this again after a failure finishes the same asset again, never uploads again.
 */
export async function finishAndRead(
  client: ManagementClient,
  assetId: number,
  signal?: AbortSignal,
): Promise<Asset> {
  await client.finishUpload(assetId, { signal })
  return client.getAsset(assetId, { signal })
}
