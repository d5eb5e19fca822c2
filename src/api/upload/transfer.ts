// The transfer of an upload: sign → S3 POST (→ re-sign when the policy runs out). Finishing
// is its own step (./finish.ts, ./verify.ts). Framework-free; every effect (client, XHR, clock,
// sleep, online state) is injected, so the composables and the tests drive it the same way.
//
// Rules:
// - One user upload creates at most one asset. A failed S3 POST is retried with the same signed
//   response while its policy is valid (with a minute of safety margin); after that the
//   pipeline signs again *with the asset's id*, which replaces the file of the same asset
//   instead of creating a second one. Re-signing is not a retry of the sign: it is a new
//   signature for the same asset, needed because the old one expired.
// - Cancel aborts at once and removes the asset entry this upload created (best effort; a
//   failure is set as `cleanupError` on the error). A replaced asset is never removed.
// - Going offline pauses the upload ('waiting-online') and, once online, signs again (when it was
//   signing) or restarts the POST.
// - A sign that may have created an entry the pipeline never saw is swept afterwards (./sweep.ts).

import {
  AbortError,
  ApiError,
  isAbortError,
  isExpiredPolicyError,
  isHttpError,
  isNetworkError,
} from '../errors'
import { abortable, defaultSleep, onAbort, type Sleep } from '../abort'
import { retryDelay } from '../retry'
import { postToS3, type XhrLike } from '../s3'
import type { AssetUpdate, ManagementClient, SignedUpload, UploadProgress } from '../types'
import { browserOnline, type OnlineSource } from './online'
import { policyExpiresAt } from './policy'
import { SWEEP_DELAYS_MS, sweepOrphans } from './sweep'

export type TransferPhase = 'signing' | 'uploading' | 'waiting-online'

export interface TransferOptions {
  client: ManagementClient
  file: Blob
  /** The name to store (the asset's file name cannot change after upload); the file is sent under it. */
  filename: string
  /** Description and privacy, sent with the sign call: a private upload is never public. */
  metadata?: AssetUpdate
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
  /** Told when a sweep for entries an unanswered sign may have left starts; it runs on after the transfer settles. */
  onSweep?: (sweep: Promise<number>) => void
  /** @default the browser's (`navigator.onLine` and the window's events) */
  online?: OnlineSource
  /** @default () => new XMLHttpRequest() */
  createXhr?: () => XhrLike
  /** @default Date.now */
  now?: () => number
  /** @default setTimeout-based, abortable */
  sleep?: Sleep
  /** For the backoff's jitter. @default Math.random */
  random?: () => number
  /** S3 POST attempts, the first included. @default 4 */
  maxAttempts?: number
  /** The S3 POST fails after this long without progress. @default 60000 */
  stallTimeoutMs?: number
  /** When the sweep looks for stray entries (see ./sweep.ts). @default SWEEP_DELAYS_MS */
  sweepDelaysMs?: readonly number[]
}

/** What the transfer left for the finishing step. */
export interface Transferred {
  assetId: number
  /** The `Content-Type` the sign response fixed for the upload, if it gave one. */
  contentType?: string
}

/**
 * Signs and uploads `file`. Resolves with the asset id and the type the signature fixed; the
 * asset is not finished yet (see `finishAndRead`). Rejects with a typed error; on a cancel or a final failure the asset entry
 * it created is removed first (`cleanupError` set on the error when that failed).
 */
export async function transferFile({
  client,
  file,
  filename,
  metadata,
  size,
  assetFolderId,
  replaceAssetId,
  deleteOnFailure = replaceAssetId === undefined,
  signal,
  onPhase,
  onProgress,
  onAssetCreated,
  onSweep,
  online = browserOnline,
  createXhr,
  now = Date.now,
  sleep = defaultSleep,
  random = Math.random,
  maxAttempts = 4,
  stallTimeoutMs,
  sweepDelaysMs = SWEEP_DELAYS_MS,
}: TransferOptions): Promise<Transferred> {
  const startedAt = now()
  /** Signs that may have been processed without us seeing the answer: swept at the end. */
  let strays = 0
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
          { ...metadata, filename, size, asset_folder_id: assetFolderId, id: assetId },
          // A retry after a network error: the first attempt may have created an asset.
          {
            signal: attempt.signal,
            onRetry: (error) => (strays += Number(creating && isNetworkError(error))),
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
        if (creating && !(isHttpError(error) && error.status < 500)) strays++
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
          filename,
          signal: attempt.signal,
          onProgress,
          createXhr,
          timeoutMs: stallTimeoutMs,
        })
        return { assetId: signed.id, contentType: signed.fields['Content-Type'] }
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
          const delay = retryDelay(error, { attempt: ++failures, maxAttempts, random })
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
    if (strays) {
      // Not awaited: a cut sign may run on the server for a while, and the editor should not
      // wait for it. It never throws.
      onSweep?.(
        sweepOrphans({
          client,
          filename,
          startedAt,
          keep: (id) => id === assetId,
          expected: strays,
          sleep,
          delays: sweepDelaysMs,
        }),
      )
    }
  }
}
