import {
  computed,
  onScopeDispose,
  ref,
  shallowRef,
  type ComputedRef,
  type Ref,
  type ShallowRef,
} from 'vue'
import { ApiError, isAbortError, isIntegrityError } from '../api/errors'
import type { Asset, ManagementClient, UploadProgress } from '../api/types'
import { transferFile, type TransferOptions } from '../api/upload'
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

/** The environment of the pipeline, each with its default there (see `TransferOptions`). */
export type UseUploadOptions = Pick<
  TransferOptions,
  'online' | 'createXhr' | 'now' | 'sleep' | 'stallTimeoutMs'
>

export interface UploadRequest {
  client: ManagementClient
  file: Blob
  /** The name to store; Storyblok derives the URL and the Content-Type from it. */
  filename: string
  /** `"WxH"` for images. */
  size?: string
  assetFolderId?: number
  /** Upload a new file under this asset instead of creating one ("Replace file"). */
  replaceAssetId?: number
}

// The refs are read-only by type only: `readonly()` would cost bundle bytes for no check
// TypeScript does not already make.
export interface UseUploadReturn {
  // state
  /** 'finishing' covers finish_upload, reading the asset back and checking it. */
  status: Readonly<Ref<UploadStatus>>
  /** Bytes of the S3 POST; `null` before it starts. */
  progress: Readonly<ShallowRef<UploadProgress | null>>
  percent: ComputedRef<number | null>
  error: Readonly<ShallowRef<unknown>>
  /** Set when the asset entry of a cancelled or failed upload could not be removed. */
  cleanupError: Readonly<ShallowRef<unknown>>
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
  reset: () => void
}

const ACTIVE: readonly UploadStatus[] = ['signing', 'uploading', 'waiting-online', 'finishing']

/** An upload of one file to Storyblok: sign, S3 POST with progress, finish, verify. */
export function useUpload(options: UseUploadOptions = {}): UseUploadReturn {
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

  /** The newest run's: only that run writes state (an older one finds it replaced). */
  let controller: AbortController | undefined
  let last: UploadRequest | undefined
  /**
   * The asset the last request left in the space (created and not removed, or replaced), and
   * whether its file is stored (`stored`: only finishing is left).
   */
  let pending: { id: number; stored: boolean } | undefined
  /** When progress was last drawn. */
  let shown = 0

  async function run(request: UploadRequest): Promise<Asset | null> {
    controller?.abort()
    const own = (controller = new AbortController())
    const current = (): boolean => controller === own
    const created = request.replaceAssetId === undefined
    last = request
    error.value = cleanupError.value = null
    let resume = pending
    // Only finish_upload failed last time: the file is stored, do not upload it again.
    if (!resume?.stored) {
      status.value = 'signing'
      progress.value = null
      try {
        const { assetId } = await transferFile({
          ...options,
          ...request,
          // An asset created by the last attempt is signed again with its id, never doubled.
          replaceAssetId: resume?.id ?? request.replaceAssetId,
          // Our own asset is ours to remove; the user's (replaced) one never.
          deleteOnFailure: created,
          signal: own.signal,
          onPhase: (phase) => current() && (status.value = phase),
          // A redraw per progress event costs ~10 ms of CPU: a few per second are enough.
          onProgress: (next) => {
            const now = Date.now()
            if (!current() || (now - shown < 100 && next.loaded < next.total)) return
            shown = now
            progress.value = next
          },
          onAssetCreated: (assetId) => current() && (pending = { id: assetId, stored: false }),
        })
        if (!current()) return null
        resume = pending = { id: assetId, stored: true }
      } catch (failure) {
        if (!current()) return null
        // The pipeline removed the asset it created, unless that failed: then it is reused.
        const removal = failure instanceof ApiError ? failure.cleanupError : undefined
        if (removal === undefined) pending = undefined
        return fail(failure, removal)
      }
    }
    status.value = 'finishing'
    const asset = await finisher.finish(request.client, resume.id, request.file, own.signal)
    if (!current()) return null
    if (asset) {
      pending = undefined
      status.value = 'done'
      return asset
    }
    const failure = finisher.error.value
    let removal: unknown
    if (isAbortError(failure) && created) {
      // Cancelled after the file was stored: remove the entry this upload created.
      status.value = 'cancelling'
      removal = await request.client.deleteAsset(resume.id).then(
        () => undefined,
        (deleteError: unknown) => deleteError,
      )
      if (!current()) return null
      if (removal === undefined) pending = undefined
    }
    // A stored file that does not match is uploaded again under the same id on retry.
    if (isIntegrityError(failure)) resume.stored = false
    return fail(failure, removal)
  }

  function fail(failure: unknown, removal: unknown): null {
    error.value = failure
    cleanupError.value = removal ?? null
    status.value = isAbortError(failure) ? 'cancelled' : 'error'
    return null
  }

  function upload(request: UploadRequest): Promise<Asset | null> {
    pending = undefined
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
    controller = pending = last = undefined
    status.value = 'idle'
    progress.value = error.value = cleanupError.value = null
  }

  // Leaving the component cancels the upload; the pipeline removes the entry it created.
  onScopeDispose(() => controller?.abort(), true)

  return { status, progress, percent, error, cleanupError, canAbort, upload, abort, retry, reset }
}
