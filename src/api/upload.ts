// The upload pipeline: sign → S3 POST (→ re-sign when the policy runs out) and, separately,
// finish_upload → read → verify. Framework-free; every effect (client, XHR, clock, sleep,
// online state) is injected, so the composables and the tests drive it the same way.
//
// Rules (from the issue):
// - One user upload creates at most one asset. A failed S3 POST is retried with the same signed
//   response while its policy is valid (minus `safetyMarginMs`); after that the pipeline signs
//   again *with the asset's id*, which replaces the file of the same asset instead of creating
//   a second one. Re-signing is not a retry of the sign: it is a new signature for the same
//   asset, needed because the old one expired.
// - finish_upload is retried on its own (the client retries the GET), never by uploading again.
// - Cancel aborts at once and removes the asset entry this upload created (best effort; a
//   failure is reported as `cleanupError`). A replaced asset is never removed.
// - Going offline pauses the upload ('waiting-online') and restarts the POST once online.
// - After finish_upload, the stored asset must match the file (`verifyUpload`).

import {
  AbortError,
  IntegrityError,
  ResponseShapeError,
  isAbortError,
  isApiError,
  isExpiredPolicyError,
  isHttpError,
  isNetworkError,
  isTimeoutError,
} from './errors'
import { isRecord } from './parse'
import { DEFAULT_MAX_ATTEMPTS, retryDecision } from './retry'
import { postToS3, type XhrLike } from './s3'
import { abortable, defaultSleep, sleepFor, throwIfAborted, type Sleep } from './sleep'
import type { Asset, ManagementClient, RetryEvent, SignedUpload, UploadProgress } from './types'

export type TransferPhase = 'signing' | 'uploading' | 'waiting-online' | 'cancelling'

/** What happened to the asset entry an upload created, once it failed or was cancelled. */
export interface CleanupReport {
  /** The asset this upload created (`null`: none was created, or it was a replace). */
  assetId: number | null
  /** Whether it was removed. */
  removed: boolean
  /** Why the removal failed, when it did. */
  error?: unknown
  /** Never-finished duplicates of this upload found and removed by the sweep (see `sweepOrphans`). */
  orphansRemoved: number[]
  /** Duplicates the sweep could not remove (or the list failed). */
  orphanErrors: unknown[]
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
  /** Told what the cleanup after a failure or cancel did. */
  onCleanup?: (report: CleanupReport) => void
  /** @default () => true */
  isOnline?: () => boolean
  /** Resolves when the browser is online again. @default resolves at once */
  waitForOnline?: (signal: AbortSignal | undefined) => Promise<void>
  /** Calls the listener when the browser goes offline; returns the unsubscribe. @default never calls */
  subscribeOffline?: (listener: () => void) => () => void
  /** @default () => new XMLHttpRequest() */
  createXhr?: () => XhrLike
  /** @default Date.now */
  now?: () => number
  /** @default setTimeout-based, abortable */
  sleep?: Sleep
  /** @default Math.random */
  random?: () => number
  /** Re-sign when the policy expires within this many ms. @default 60000 */
  safetyMarginMs?: number
  /** S3 POST attempts per signature, the first included. @default 4 */
  maxAttempts?: number
  /** Signatures after the first one (policy expiry). @default 2 */
  maxResigns?: number
  /** Restarts after going offline before giving up. @default 20 */
  maxOfflinePauses?: number
  /** The S3 POST fails after this long without progress. @default 60000 */
  stallTimeoutMs?: number
  /**
   * After a sign that timed out or was cancelled in flight, the server may still be creating
   * the asset: wait this long before looking for duplicates. @default 2000
   */
  orphanSweepDelayMs?: number
}

export interface TransferResult {
  assetId: number
  signed: SignedUpload
}

/** Used when a policy cannot be read: Storyblok's policies last about 10 minutes. */
export const FALLBACK_POLICY_TTL_MS = 10 * 60_000

/**
 * When the signed policy expires: `expiration` from the base64 policy JSON, else
 * `signedAt + 10 min`.
 */
export function policyExpiresAt(signed: SignedUpload, signedAt: number): number {
  const encoded = signed.fields.policy
  if (encoded !== undefined) {
    try {
      const policy: unknown = JSON.parse(atob(encoded))
      if (isRecord(policy) && typeof policy.expiration === 'string') {
        const at = Date.parse(policy.expiration)
        if (!Number.isNaN(at)) return at
      }
    } catch {
      // Not base64 JSON: fall back to the documented lifetime.
    }
  }
  return signedAt + FALLBACK_POLICY_TTL_MS
}

/** The last segment of a key or URL, e.g. `f/1/abc/x.png` → `x.png`. */
function lastSegment(value: string): string {
  const path = value.split(/[?#]/)[0] ?? ''
  return decodeURIComponentSafe(path.slice(path.lastIndexOf('/') + 1))
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The name Storyblok stores: every dot but the last becomes `_` (the reference). */
export function storedFilename(filename: string): string {
  const base = filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1)
  const lastDot = base.lastIndexOf('.')
  return lastDot < 0 ? base : base.slice(0, lastDot).replace(/\./g, '_') + base.slice(lastDot)
}

/** An entry whose upload was never finished: finish_upload is what records type and length. */
function isUnfinished(asset: Asset): boolean {
  return (asset.content_length ?? null) === null && (asset.content_type ?? null) === null
}

export interface SweepOptions {
  /** Searched for with `search` and compared with each entry's stored name. */
  filename: string
  /** The stored name to match (our signed key's last segment), when known. */
  storedName?: string
  /** Our own asset: never removed. */
  keepId: number | null
  /** When this upload started (client clock). */
  since: number
  /** Tolerance for the difference between the client's and the server's clocks. @default 120000 */
  clockSkewMs?: number
  now?: () => number
}

/**
 * Removes the never-finished duplicates a retried sign may have created: a sign whose
 * connection broke *after* the server created the asset is retried (see `retryDecision`) and
 * leaves an entry nobody will finish. Matches entries with the same stored name, created since
 * this upload started (with a clock-skew tolerance), not finished, and not ours. Best effort:
 * never throws. Residual risk: another editor's unfinished upload of the same name in the same
 * minutes would also match; it is only run after an ambiguous sign, which is rare.
 */
export async function sweepOrphans(
  client: ManagementClient,
  { filename, storedName, keepId, since, clockSkewMs = 120_000, now = Date.now }: SweepOptions,
): Promise<{ removed: number[]; errors: unknown[] }> {
  const removed: number[] = []
  const errors: unknown[] = []
  const name = storedName ?? storedFilename(filename)
  let candidates: Asset[]
  try {
    candidates = await client.listAssets({ search: name.replace(/\.[^.]*$/, ''), per_page: 100 })
  } catch (error) {
    return { removed, errors: [error] }
  }
  const until = now() + clockSkewMs
  for (const asset of candidates) {
    if (asset.id === keepId || !isUnfinished(asset)) continue
    if (
      (asset.short_filename ?? lastSegment(asset.filename)) !== name &&
      lastSegment(asset.filename) !== name
    )
      continue
    const createdAt = asset.created_at === undefined ? Number.NaN : Date.parse(asset.created_at)
    if (Number.isNaN(createdAt) || createdAt < since - clockSkewMs || createdAt > until) continue
    try {
      await client.deleteAsset(asset.id)
      removed.push(asset.id)
    } catch (error) {
      errors.push(error)
    }
  }
  return { removed, errors }
}

/**
 * Signs and uploads `file`. Resolves with the asset id and the signature used; the asset is
 * not finished yet (see `finishAndRead`). Rejects with a typed error; on a cancel or a final
 * failure the asset entry it created is removed first (`cleanupError` set on the error when
 * that failed).
 */
export async function transferFile(options: TransferOptions): Promise<TransferResult> {
  const {
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
    onCleanup,
    isOnline = () => true,
    waitForOnline = () => Promise.resolve(),
    subscribeOffline,
    createXhr,
    now = Date.now,
    sleep = defaultSleep,
    random = Math.random,
    safetyMarginMs = 60_000,
    maxAttempts = DEFAULT_MAX_ATTEMPTS,
    maxResigns = 2,
    maxOfflinePauses = 20,
    stallTimeoutMs,
    orphanSweepDelayMs = 2000,
  } = options

  const startedAt = now()
  /** A sign may have been processed without us seeing the answer: sweep duplicates at the end. */
  let ambiguousSign = false
  /** ...and may still be running on the server (timed out or cancelled in flight). */
  let signMayStillRun = false
  /** The asset this call created (or resumed) and must remove when it fails. */
  let owned: number | null = replaceAssetId !== undefined && deleteOnFailure ? replaceAssetId : null
  /** Ids removed outside the normal flow (a sign that answered with another asset's id). */
  const strays: { removed: number[]; errors: unknown[] } = { removed: [], errors: [] }
  /** The signature in use; `fresh` until a POST has used it. */
  let current: { signed: SignedUpload; expiresAt: number; fresh: boolean } | null = null

  const onSignRetry = (event: RetryEvent): void => {
    if (isNetworkError(event.error)) ambiguousSign = true
  }

  async function sign(
    id: number | undefined,
  ): Promise<{ signed: SignedUpload; expiresAt: number; fresh: boolean }> {
    onPhase?.('signing')
    const signedAt = now()
    let signed: SignedUpload
    try {
      signed = await client.signAsset(
        { filename, size, asset_folder_id: assetFolderId, id },
        { signal, onRetry: id === undefined ? onSignRetry : undefined },
      )
    } catch (error) {
      // Creating failed in a way that does not prove nothing was created: no answer, a cut
      // answer, a timeout, a cancel in flight, a 5xx, or a 2xx we could not read.
      if (id === undefined && !(isHttpError(error) && error.status < 500)) {
        ambiguousSign = true
        signMayStillRun = isTimeoutError(error) || isAbortError(error)
      }
      throw error
    }
    if (id === undefined) {
      if (deleteOnFailure) owned = signed.id
      onAssetCreated?.(signed.id)
    } else if (signed.id !== id) {
      // Signing with an id must keep it; another id is a second asset, which is never wanted.
      try {
        await client.deleteAsset(signed.id)
        strays.removed.push(signed.id)
      } catch (error) {
        strays.errors.push(error)
      }
      throw new ResponseShapeError({ expected: `SignedUpload for asset ${id}`, field: 'id' })
    }
    return { signed, expiresAt: policyExpiresAt(signed, signedAt), fresh: true }
  }

  /** One S3 POST, cancelled by the caller's signal or by going offline. */
  async function postOnce(
    signed: SignedUpload,
  ): Promise<{ offline: false } | { offline: true; error: unknown }> {
    const attempt = new AbortController()
    let wentOffline = false
    const onAbort = (): void => attempt.abort(signal?.reason)
    signal?.addEventListener('abort', onAbort, { once: true })
    const unsubscribe = subscribeOffline?.(() => {
      wentOffline = true
      attempt.abort()
    })
    try {
      await postToS3(signed, file, {
        signal: attempt.signal,
        onProgress,
        createXhr,
        timeoutMs: stallTimeoutMs,
      })
      return { offline: false }
    } catch (error) {
      if (signal?.aborted) throw new AbortError({ cause: error })
      // Offline: a pause, not a failure. The POST restarts from the first byte when back.
      if (wentOffline || (!isOnline() && (isNetworkError(error) || isTimeoutError(error))))
        return { offline: true, error }
      throw error
    } finally {
      signal?.removeEventListener('abort', onAbort)
      unsubscribe?.()
    }
  }

  /**
   * Bounded: every turn either waits for the network (bounded by `maxOfflinePauses`), or POSTs
   * (failures bounded by `maxAttempts`, expiry re-signs by `maxResigns`). A signature is always
   * used at least once, so a short-lived policy cannot make it re-sign forever.
   */
  async function upload(
    assetId: number,
    first: { signed: SignedUpload; expiresAt: number; fresh: boolean },
  ): Promise<SignedUpload> {
    let signature = first
    let failures = 0
    let resigns = 0
    let pauses = 0
    for (;;) {
      throwIfAborted(signal)
      if (!isOnline()) {
        onPhase?.('waiting-online')
        await abortable(waitForOnline(signal), signal)
      }
      if (!signature.fresh && now() >= signature.expiresAt - safetyMarginMs) {
        // Re-signing is not a retry of the sign: the asset exists, and signing with its id
        // gives a new policy for the same asset (no second asset).
        signature = current = await sign(assetId)
      }
      signature.fresh = false
      onPhase?.('uploading')
      let result: Awaited<ReturnType<typeof postOnce>>
      try {
        result = await postOnce(signature.signed)
      } catch (error) {
        if (isAbortError(error)) throw error
        if (isExpiredPolicyError(error)) {
          // The storage says the policy expired (clocks differ, or a long stall): sign again
          // with the asset's id instead of counting a failure.
          if (++resigns > maxResigns) throw error
          signature.expiresAt = Number.NEGATIVE_INFINITY
          continue
        }
        failures++
        const decision = retryDecision({
          kind: 'idempotent',
          error,
          attempt: failures,
          maxAttempts,
          random,
        })
        if (!decision.retry) throw error
        await sleepFor(sleep, decision.delayMs, signal)
        continue
      }
      if (!result.offline) return signature.signed
      // Back to the top: it waits for the network, then restarts the POST.
      if (++pauses > maxOfflinePauses) throw result.error
    }
  }

  async function cleanUp(error: unknown): Promise<void> {
    const report: CleanupReport = {
      assetId: null,
      removed: false,
      orphansRemoved: [...strays.removed],
      orphanErrors: [...strays.errors],
    }
    if (error !== undefined) {
      if (isAbortError(error)) onPhase?.('cancelling')
      if (owned !== null) {
        report.assetId = owned
        try {
          // Not with the caller's signal: it is aborted when the user cancelled.
          await client.deleteAsset(owned)
          report.removed = true
        } catch (cleanupError) {
          report.error = cleanupError
          if (isApiError(error)) error.cleanupError = cleanupError
        }
      }
    }
    if (ambiguousSign) {
      if (signMayStillRun && orphanSweepDelayMs > 0) await sleep(orphanSweepDelayMs).catch(() => {})
      const storedName = current
        ? lastSegment(current.signed.fields.key ?? current.signed.post_url)
        : undefined
      const keepId = current?.signed.id ?? owned
      const swept = await sweepOrphans(client, {
        filename,
        storedName,
        keepId,
        since: startedAt,
        now,
      })
      report.orphansRemoved.push(...swept.removed)
      report.orphanErrors.push(...swept.errors)
    }
    if (error !== undefined || ambiguousSign) onCleanup?.(report)
  }

  let failure: { error: unknown } | null = null
  try {
    current = await sign(replaceAssetId)
    const assetId = current.signed.id
    const signed = await upload(assetId, current)
    return { assetId, signed }
  } catch (error) {
    // Whatever broke while the caller was cancelling, the caller sees a cancel.
    failure = {
      error: signal?.aborted && !isAbortError(error) ? new AbortError({ cause: error }) : error,
    }
    throw failure.error
  } finally {
    if (failure !== null || ambiguousSign) await cleanUp(failure?.error)
  }
}

/** Replaces `image/jpg` and the like by the registered type, lower-cased, without parameters. */
function normalizeType(type: string | null | undefined): string | null {
  const base = (type ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (base === '') return null
  const aliases: Record<string, string> = {
    'image/jpg': 'image/jpeg',
    'image/pjpeg': 'image/jpeg',
    'image/x-png': 'image/png',
  }
  return aliases[base] ?? base
}

const GENERIC_TYPES: readonly string[] = ['application/octet-stream', 'binary/octet-stream']

/**
 * Checks the finished asset against the file that was sent: `content_length` must equal the
 * file's size; `content_type` must be the file's type when both are known (a generic
 * octet-stream on either side is accepted). A field the API did not report cannot be checked
 * and passes: refusing every upload because a field is absent would be worse than missing a
 * check. Throws `IntegrityError`.
 */
export function verifyUpload(asset: Asset, file: Blob): void {
  const storedLength = asset.content_length ?? null
  const storedType = normalizeType(asset.content_type)
  const fileType = normalizeType(file.type)
  const lengthOk = storedLength === null || storedLength === file.size
  const typeOk =
    storedType === null ||
    fileType === null ||
    storedType === fileType ||
    GENERIC_TYPES.includes(storedType) ||
    GENERIC_TYPES.includes(fileType)
  if (lengthOk && typeOk) return
  throw new IntegrityError({
    assetId: asset.id,
    expected: { contentLength: file.size, contentType: fileType },
    actual: { contentLength: storedLength, contentType: storedType },
  })
}

export type FinishPhase = 'finishing' | 'reading'

export interface FinishAndReadOptions {
  onPhase?: (phase: FinishPhase) => void
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
  { onPhase }: FinishAndReadOptions = {},
): Promise<Asset> {
  onPhase?.('finishing')
  await client.finishUpload(assetId, { signal })
  onPhase?.('reading')
  return client.getAsset(assetId, { signal })
}
