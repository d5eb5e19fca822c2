import {
  computed,
  onScopeDispose,
  readonly,
  ref,
  shallowRef,
  type ComputedRef,
  type Ref,
} from 'vue'
import { ApiError, isAbortError, isIntegrityError } from '../api/errors'
import type { Asset, ManagementClient, UploadProgress } from '../api/types'
import { transferFile, type TransferOptions } from '../api/upload/transfer'
import type { UploadJournal } from '../plugin/session'
import { useFinishUpload } from './useFinishUpload'

export type UploadStatus =
  | 'idle'
  | 'signing'
  | 'uploading'
  | 'waiting-online'
  | 'finishing'
  | 'cancelling'
  | 'done'
  | 'error'
  | 'cancelled'

export interface UseUploadOptions extends Pick<
  TransferOptions,
  'online' | 'createXhr' | 'now' | 'sleep' | 'random' | 'stallTimeoutMs' | 'sweepDelaysMs'
> {
  /** Notes what an upload may leave behind, for the next start to clean up. @default none */
  journal?: UploadJournal
}

/** One file to upload, and where (see `TransferOptions` for each). */
export type UploadRequest = Pick<
  TransferOptions,
  'client' | 'file' | 'filename' | 'metadata' | 'size' | 'assetFolderId' | 'replaceAssetId'
>

export interface UseUploadReturn {
  // state
  /** 'finishing' covers finish_upload, reading the asset back and checking it. */
  status: Readonly<Ref<UploadStatus>>
  /** Bytes of the S3 POST; `null` before it starts. */
  progress: Readonly<Ref<UploadProgress | null>>
  percent: ComputedRef<number | null>
  error: Readonly<Ref<unknown>>
  /** Set when the asset entry of a cancelled or failed upload could not be removed. */
  cleanupError: Readonly<Ref<unknown>>
  /** Something runs: signing, uploading, waiting for the network, finishing or cancelling. */
  running: ComputedRef<boolean>
  canAbort: ComputedRef<boolean>
  // actions
  /** Uploads, finishes and verifies. Resolves with the asset, or `null` when cancelled or failed (see `error`). Never rejects. */
  upload: (request: UploadRequest) => Promise<Asset | null>
  abort: () => void
  /**
   * Repeats the last upload after an error or a cancel. If the file was already stored and only
   * finishing failed, only finish_upload runs again; an asset created by the last attempt is
   * reused (signed again with its id), never doubled.
   */
  retry: () => Promise<Asset | null>
  /** Forgets the upload; an unfinished asset entry it created is removed (the editor gave up on it). */
  reset: () => void
}

const ACTIVE: readonly UploadStatus[] = ['signing', 'uploading', 'waiting-online', 'finishing']

/** An upload of one file to Storyblok: sign, S3 POST with progress, finish, verify. */
export function useUpload(options: UseUploadOptions = {}): UseUploadReturn {
  const { journal, ...environment } = options
  const now = options.now ?? Date.now
  const status = ref<UploadStatus>('idle')
  const progress = shallowRef<UploadProgress | null>(null)
  const error = shallowRef<unknown>(null)
  const cleanupError = shallowRef<unknown>(null)
  const finisher = useFinishUpload()

  const percent = computed(() => {
    const bytes = progress.value
    return bytes?.total ? Math.round((bytes.loaded / bytes.total) * 100) : null
  })
  const canAbort = computed(() => ACTIVE.includes(status.value))
  const running = computed(() => canAbort.value || status.value === 'cancelling')

  /** The newest run's: only that run writes state (an older one finds it replaced). */
  let controller: AbortController | undefined
  let last: UploadRequest | undefined
  /** The asset the last request left in the space; `stored`: only finishing is left. */
  let pending: { id: number; stored: boolean; created: boolean } | undefined
  /** The type the last signature fixed, for the check after finish (also on a finish-only retry). */
  let contentType: string | undefined
  /** When progress was last drawn. */
  let shown = 0

  /** Removes the entry this upload created; resolves with the failure, if any. */
  async function removeCreated(client: ManagementClient): Promise<unknown> {
    const entry = pending
    if (!entry?.created) return undefined
    try {
      await client.deleteAsset(entry.id)
      if (pending === entry) pending = undefined
      journal?.forget(entry.id)
      return undefined
    } catch (failure) {
      return failure
    }
  }

  async function run(request: UploadRequest): Promise<Asset | null> {
    controller?.abort()
    const own = (controller = new AbortController())
    const current = (): boolean => controller === own
    const created = request.replaceAssetId === undefined
    last = request
    error.value = cleanupError.value = null
    // Only finish_upload failed last time: the file is stored, do not upload it again.
    if (!pending?.stored) {
      status.value = 'signing'
      progress.value = null
      // A sign that creates may leave an entry even when its answer never arrives: noted until
      // it answered, or until the sweep for it is over.
      const endSigning = created
        ? journal?.signing({ filename: request.filename, startedAt: now() })
        : undefined
      let sweep: Promise<unknown> | undefined
      try {
        const transferred = await transferFile({
          ...environment,
          ...request,
          // An asset created by the last attempt is signed again with its id, never doubled.
          replaceAssetId: pending?.id ?? request.replaceAssetId,
          // Our own asset is ours to remove; the user's (replaced) one never.
          deleteOnFailure: created,
          signal: own.signal,
          onPhase: (phase) => current() && (status.value = phase),
          // A redraw per progress event costs ~10 ms of CPU: a few per second are enough.
          onProgress: (next) => {
            const at = now()
            if (!current() || (at - shown < 100 && next.loaded < next.total)) return
            shown = at
            progress.value = next
          },
          onAssetCreated: (assetId) => {
            if (created) journal?.track(assetId)
            if (current()) pending = { id: assetId, stored: false, created }
          },
          onSweep: (started) => {
            sweep = started
          },
        })
        if (!current()) return null
        pending = { id: transferred.assetId, stored: true, created }
        contentType = transferred.contentType
      } catch (failure) {
        if (!current()) return null
        // The pipeline removed the asset it created, unless that failed: then it is reused.
        const removal = failure instanceof ApiError ? failure.cleanupError : undefined
        if (removal === undefined && pending) {
          if (pending.created) journal?.forget(pending.id)
          pending = undefined
        }
        return fail(failure, removal)
      } finally {
        if (sweep) void sweep.finally(endSigning)
        else endSigning?.()
      }
    }
    const entry = pending
    if (!entry) return null
    status.value = 'finishing'
    const result = await finisher.finish(request.client, entry.id, {
      sent: { size: request.file.size, contentType },
      signal: own.signal,
    })
    if (!current()) return null
    if (result.ok) {
      // Handed to the field by the caller at once: nothing is left behind.
      if (entry.created) journal?.forget(entry.id)
      pending = undefined
      status.value = 'done'
      return result.asset
    }
    let removal: unknown
    // Cancelled after the file was stored, or the stored file is not the one sent: the entry
    // this upload created goes, as after a cancel (a retry uploads anew).
    if (isAbortError(result.error) || isIntegrityError(result.error)) {
      if (entry.created) status.value = 'cancelling'
      removal = await removeCreated(request.client)
      if (!current()) return null
      // A replaced asset whose stored file does not match gets the file again on retry.
      if (pending === entry) pending.stored = false
    }
    return fail(result.error, removal)
  }
  function fail(failure: unknown, removal: unknown): null {
    error.value = failure
    cleanupError.value = removal ?? null
    status.value = isAbortError(failure) ? 'cancelled' : 'error'
    return null
  }

  function upload(request: UploadRequest): Promise<Asset | null> {
    reset()
    return run(request)
  }

  function retry(): Promise<Asset | null> {
    const failed = status.value === 'error' || status.value === 'cancelled'
    return last && failed ? run(last) : Promise.resolve(null)
  }

  function abort(): void {
    if (canAbort.value) {
      status.value = 'cancelling'
      controller?.abort()
    }
  }

  function reset(): void {
    controller?.abort()
    // Not awaited: the editor has moved on. A failure leaves the entry to the journal's sweep.
    if (last && pending?.created) void removeCreated(last.client)
    controller = pending = last = contentType = undefined
    status.value = 'idle'
    progress.value = error.value = cleanupError.value = null
  }

  // Leaving the component cancels the upload (the pipeline removes the entry it created) and
  // removes an unfinished one left from a failed attempt.
  onScopeDispose(reset, true)

  return {
    status: readonly(status),
    progress: readonly(progress),
    percent,
    error: readonly(error),
    cleanupError: readonly(cleanupError),
    running,
    canAbort,
    upload,
    abort,
    retry,
    reset,
  }
}
