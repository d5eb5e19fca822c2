import {
  getCurrentScope,
  onScopeDispose,
  readonly,
  ref,
  shallowReadonly,
  shallowRef,
  type Ref,
  type ShallowRef,
} from 'vue'
import { AbortError, isAbortError } from '../api/errors'
import type { Asset, ManagementClient } from '../api/types'
import { finishAndRead, verifyUpload } from '../api/upload'

export type FinishStatus = 'idle' | 'finishing' | 'reading' | 'done' | 'error'

export interface UseFinishUploadOptions {
  /** Called with the verified asset when a `finish` succeeds. @default none */
  onDone?: (asset: Asset) => void
}

export interface FinishCallOptions {
  /** Cancels this call (the composable also cancels it on `reset`, a newer `finish` and disposal). */
  signal?: AbortSignal
}

export interface UseFinishUploadReturn {
  // state
  status: Readonly<Ref<FinishStatus>>
  error: Readonly<ShallowRef<unknown>>
  /** The full asset, read after finish_upload and checked against the file. */
  asset: Readonly<ShallowRef<Asset | null>>
  // actions
  /**
   * finish_upload (wrapped or unwrapped answer), then the full asset, then `verifyUpload`
   * against `file` when given. Resolves with the asset, or `null` on failure (see `error`) or
   * when superseded. Never rejects.
   */
  finish: (
    client: ManagementClient,
    assetId: number,
    file?: Blob,
    options?: FinishCallOptions,
  ) => Promise<Asset | null>
  reset: () => void
}

/** Completes an upload whose file is already stored: finish_upload, read, verify. */
export function useFinishUpload(options: UseFinishUploadOptions = {}): UseFinishUploadReturn {
  const { onDone } = options

  const status = ref<FinishStatus>('idle')
  const error = shallowRef<unknown>(null)
  const asset = shallowRef<Asset | null>(null)

  /** Counts calls: a result is applied only by the newest one. */
  let execution = 0
  let controller: AbortController | null = null

  function cancelRunning(): void {
    controller?.abort(new AbortError())
    controller = null
  }

  async function finish(
    client: ManagementClient,
    assetId: number,
    file?: Blob,
    { signal }: FinishCallOptions = {},
  ): Promise<Asset | null> {
    cancelRunning()
    const id = ++execution
    const own = new AbortController()
    controller = own
    const onOuterAbort = (): void => own.abort(signal?.reason)
    if (signal?.aborted) own.abort(signal.reason)
    signal?.addEventListener('abort', onOuterAbort, { once: true })

    status.value = 'finishing'
    error.value = null
    asset.value = null
    try {
      const read = await finishAndRead(client, assetId, own.signal, {
        onPhase: (phase) => {
          if (id === execution) status.value = phase
        },
      })
      if (file) verifyUpload(read, file)
      if (id !== execution) return null
      asset.value = read
      status.value = 'done'
      onDone?.(read)
      return read
    } catch (caught) {
      if (id !== execution) return null
      error.value =
        own.signal.aborted && !isAbortError(caught) ? new AbortError({ cause: caught }) : caught
      status.value = 'error'
      return null
    } finally {
      signal?.removeEventListener('abort', onOuterAbort)
      if (controller === own) controller = null
    }
  }

  function reset(): void {
    cancelRunning()
    execution++
    status.value = 'idle'
    error.value = null
    asset.value = null
  }

  if (getCurrentScope()) onScopeDispose(() => cancelRunning())

  return {
    status: readonly(status),
    error: shallowReadonly(error),
    asset: shallowReadonly(asset),
    finish,
    reset,
  }
}
