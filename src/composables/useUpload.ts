import {
  computed,
  getCurrentScope,
  onScopeDispose,
  readonly,
  ref,
  shallowReadonly,
  shallowRef,
  watch,
  type ComputedRef,
  type Ref,
  type ShallowRef,
} from 'vue'
import { AbortError, isAbortError, isApiError, isIntegrityError } from '../api/errors'
import type { XhrLike } from '../api/s3'
import { abortable, defaultSleep, type Sleep } from '../api/sleep'
import type { Asset, ManagementClient, UploadProgress } from '../api/types'
import { transferFile, type CleanupReport } from '../api/upload'
import { useFinishUpload } from './useFinishUpload'

export type UploadStatus =
  | 'idle'
  | 'signing'
  | 'uploading'
  | 'waiting-online'
  | 'finishing'
  | 'verifying'
  | 'cancelling'
  | 'done'
  | 'error'
  | 'cancelled'

/** Where the browser's online state comes from. */
export interface OnlineSource {
  isOnline: () => boolean
  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe: (listener: (online: boolean) => void) => () => void
}

export interface UseUploadOptions {
  /** @default () => new XMLHttpRequest() */
  createXhr?: () => XhrLike
  /** @default `navigator.onLine` and the window's `online`/`offline` events (always online without a window) */
  online?: OnlineSource
  /** @default Date.now */
  now?: () => number
  /** @default setTimeout-based, abortable */
  sleep?: Sleep
  /** @default Math.random */
  random?: () => number
  /** Re-sign when the upload policy expires within this many ms. @default 60000 */
  safetyMarginMs?: number
  /** The S3 POST fails after this long without progress. @default 60000 */
  stallTimeoutMs?: number
}

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

export interface UseUploadReturn {
  // state
  status: Readonly<Ref<UploadStatus>>
  /** Bytes of the S3 POST; `null` before it starts. */
  progress: Readonly<ShallowRef<UploadProgress | null>>
  percent: ComputedRef<number | null>
  error: Readonly<ShallowRef<unknown>>
  /** Set when the asset entry of a cancelled or failed upload could not be removed. */
  cleanupError: Readonly<ShallowRef<unknown>>
  /** The finished, verified asset. */
  asset: Readonly<ShallowRef<Asset | null>>
  /** The file of the current (or last) upload. */
  file: Readonly<ShallowRef<Blob | null>>
  canAbort: ComputedRef<boolean>
  canRetry: ComputedRef<boolean>
  // actions
  /** Uploads, finishes and verifies. Resolves with the asset, or `null` when cancelled or failed (see `error`). Never rejects. */
  upload: (request: UploadRequest) => Promise<Asset | null>
  abort: () => void
  /**
   * Repeats the last upload. If the file was already stored and only finishing failed, only
   * finish_upload runs again; an asset created by the last attempt is reused (signed again with
   * its id), never doubled.
   */
  retry: () => Promise<Asset | null>
  reset: () => void
}

const ACTIVE: readonly UploadStatus[] = [
  'signing',
  'uploading',
  'waiting-online',
  'finishing',
  'verifying',
]

function browserOnlineSource(): OnlineSource {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') {
    return { isOnline: () => true, subscribe: () => () => {} }
  }
  return {
    isOnline: () => navigator.onLine,
    subscribe(listener) {
      const onOnline = (): void => listener(true)
      const onOffline = (): void => listener(false)
      window.addEventListener('online', onOnline)
      window.addEventListener('offline', onOffline)
      return () => {
        window.removeEventListener('online', onOnline)
        window.removeEventListener('offline', onOffline)
      }
    },
  }
}

/** An upload of one file to Storyblok: sign, S3 POST with progress, finish, verify. */
export function useUpload(options: UseUploadOptions = {}): UseUploadReturn {
  const {
    createXhr,
    online = browserOnlineSource(),
    now = Date.now,
    sleep = defaultSleep,
    random,
    safetyMarginMs,
    stallTimeoutMs,
  } = options

  const status = ref<UploadStatus>('idle')
  const progress = shallowRef<UploadProgress | null>(null)
  const error = shallowRef<unknown>(null)
  const cleanupError = shallowRef<unknown>(null)
  const asset = shallowRef<Asset | null>(null)
  const file = shallowRef<Blob | null>(null)

  const finisher = useFinishUpload()
  // finish_upload → 'finishing', reading the asset back → 'verifying'.
  watch(
    finisher.status,
    (next) => {
      if (next === 'reading' && status.value === 'finishing') status.value = 'verifying'
    },
    { flush: 'sync' },
  )

  const percent = computed(() => {
    const current = progress.value
    if (!current || current.total <= 0) return null
    return Math.min(100, Math.round((current.loaded / current.total) * 100))
  })
  const canAbort = computed(() => ACTIVE.includes(status.value))
  const canRetry = computed(
    () => last.value !== null && (status.value === 'error' || status.value === 'cancelled'),
  )

  /** Counts runs: only the newest one writes state. */
  let execution = 0
  let controller: AbortController | null = null
  /** The last request, for `retry`. */
  const last = shallowRef<UploadRequest | null>(null)
  /**
   * The asset of the last request that still exists in the space: created by it and not
   * removed (`created`), and whether its file is stored (`transferred`: only finish is left).
   */
  let pending: { assetId: number; created: boolean; transferred: boolean } | null = null

  /** Online/offline events feed the pipeline while a transfer runs. */
  function onlineHooks(): {
    isOnline: () => boolean
    waitForOnline: (signal: AbortSignal | undefined) => Promise<void>
    subscribeOffline: (listener: () => void) => () => void
  } {
    return {
      isOnline: online.isOnline,
      waitForOnline: (signal) =>
        abortable(
          new Promise<void>((resolve) => {
            if (online.isOnline()) {
              resolve()
              return
            }
            const stop = online.subscribe((isOnline) => {
              if (!isOnline) return
              stop()
              resolve()
            })
            signal?.addEventListener('abort', stop, { once: true })
          }),
          signal,
        ),
      subscribeOffline: (listener) => online.subscribe((isOnline) => !isOnline && listener()),
    }
  }

  async function run(request: UploadRequest, resume: typeof pending): Promise<Asset | null> {
    controller?.abort(new AbortError())
    const id = ++execution
    const own = new AbortController()
    controller = own
    const current = (): boolean => id === execution

    last.value = request
    file.value = request.file
    error.value = null
    cleanupError.value = null
    asset.value = null
    finisher.reset()

    let assetId: number
    let created: boolean
    if (resume?.transferred) {
      // Only finish_upload failed: the file is stored, do not upload it again.
      assetId = resume.assetId
      created = resume.created
    } else {
      status.value = 'signing'
      progress.value = null
      const replaceAssetId = resume?.assetId ?? request.replaceAssetId
      let report: CleanupReport | null = null
      try {
        const result = await transferFile({
          client: request.client,
          file: request.file,
          filename: request.filename,
          size: request.size,
          assetFolderId: request.assetFolderId,
          replaceAssetId,
          // Resuming our own asset: still ours to remove. Replacing the user's: never.
          deleteOnFailure: resume ? resume.created : request.replaceAssetId === undefined,
          signal: own.signal,
          onPhase: (phase) => {
            if (current()) status.value = phase
          },
          onProgress: (next) => {
            if (current()) progress.value = next
          },
          onAssetCreated: (createdId) => {
            if (current()) pending = { assetId: createdId, created: true, transferred: false }
          },
          onCleanup: (cleanup) => {
            report = cleanup
          },
          ...onlineHooks(),
          createXhr,
          now,
          sleep,
          random,
          safetyMarginMs,
          stallTimeoutMs,
        })
        assetId = result.assetId
        created = resume ? resume.created : replaceAssetId === undefined
      } catch (caught) {
        if (!current()) return null
        settleFailure(caught, report, resume)
        return null
      }
    }
    if (!current()) return null
    pending = { assetId, created, transferred: true }

    status.value = 'finishing'
    const finished = await finisher.finish(request.client, assetId, request.file, {
      signal: own.signal,
    })
    if (!current()) return null
    if (finished) {
      pending = null
      asset.value = finished
      status.value = 'done'
      controller = null
      return finished
    }
    const failure = finisher.error.value
    if (own.signal.aborted || isAbortError(failure)) {
      // Cancelled after the file was stored: remove the entry this upload created.
      status.value = 'cancelling'
      if (created) {
        try {
          await request.client.deleteAsset(assetId)
          pending = null
        } catch (deleteError) {
          if (current()) cleanupError.value = deleteError
        }
      }
      if (current()) {
        error.value = failure
        status.value = 'cancelled'
      }
      return null
    }
    // A stored file that does not match is uploaded again under the same id on retry.
    if (isIntegrityError(failure)) pending = { assetId, created, transferred: false }
    error.value = failure
    status.value = 'error'
    controller = null
    return null
  }

  function settleFailure(
    caught: unknown,
    report: CleanupReport | null,
    resume: typeof pending,
  ): void {
    const removed = report?.removed === true
    const failedCleanup = report?.error ?? (isApiError(caught) ? caught.cleanupError : undefined)
    if (report && report.assetId !== null)
      pending = removed ? null : { assetId: report.assetId, created: true, transferred: false }
    else if (!resume) pending = null
    cleanupError.value = failedCleanup ?? null
    error.value = caught
    status.value = isAbortError(caught) ? 'cancelled' : 'error'
    controller = null
  }

  function upload(request: UploadRequest): Promise<Asset | null> {
    pending = null
    return run(request, null)
  }

  function retry(): Promise<Asset | null> {
    if (!last.value || !canRetry.value) return Promise.resolve(null)
    return run(last.value, pending)
  }

  function abort(): void {
    if (!canAbort.value || !controller) return
    status.value = 'cancelling'
    controller.abort(new AbortError())
  }

  function reset(): void {
    controller?.abort(new AbortError())
    controller = null
    execution++
    finisher.reset()
    pending = null
    last.value = null
    status.value = 'idle'
    progress.value = null
    error.value = null
    cleanupError.value = null
    asset.value = null
    file.value = null
  }

  // Leaving the component cancels the upload; the pipeline removes the entry it created.
  if (getCurrentScope()) onScopeDispose(() => controller?.abort(new AbortError()))

  return {
    status: readonly(status),
    progress: shallowReadonly(progress),
    percent,
    error: shallowReadonly(error),
    cleanupError: shallowReadonly(cleanupError),
    asset: shallowReadonly(asset),
    file: shallowReadonly(file),
    canAbort,
    canRetry,
    upload,
    abort,
    retry,
    reset,
  }
}
