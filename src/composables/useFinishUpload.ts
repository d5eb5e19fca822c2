import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { AbortError } from '../api/errors'
import type { Asset, ManagementClient } from '../api/types'
import { finishAndRead, verifyUpload } from '../api/upload'

export type FinishStatus = 'idle' | 'finishing' | 'done' | 'error'

// The refs are read-only by type only: `readonly()` would cost bundle bytes for no check
// TypeScript does not already make.
export interface UseFinishUploadReturn {
  // state
  status: Readonly<Ref<FinishStatus>>
  error: Readonly<ShallowRef<unknown>>
  // actions
  /**
   * finish_upload (wrapped or unwrapped answer), then the full asset, then `verifyUpload`
   * against `file` when given. Resolves with the asset, or `null` on failure (see `error`) or
   * when superseded. Never rejects. `signal` cancels it; without one, a newer `finish` and
   * disposal do.
   */
  finish: (
    client: ManagementClient,
    assetId: number,
    file?: Blob,
    signal?: AbortSignal,
  ) => Promise<Asset | null>
}

/** Completes an upload whose file is already stored: finish_upload, read, verify. */
export function useFinishUpload(): UseFinishUploadReturn {
  const status = ref<FinishStatus>('idle')
  const error = shallowRef<unknown>(null)

  /** The newest call's: only that call writes state (an older one finds it replaced). */
  let controller: AbortController | undefined

  async function finish(
    client: ManagementClient,
    assetId: number,
    file?: Blob,
    signal?: AbortSignal,
  ): Promise<Asset | null> {
    controller?.abort()
    const own = (controller = new AbortController())
    // A caller's signal is the caller's to abort (useUpload aborts it on a newer run, on reset and
    // on disposal); a superseded call's result is ignored either way.
    const active = signal ?? own.signal
    status.value = 'finishing'
    error.value = null
    try {
      const asset = await finishAndRead(client, assetId, active)
      if (file) verifyUpload(asset, file)
      if (controller !== own) return null
      status.value = 'done'
      return asset
    } catch (caught) {
      if (controller === own) {
        error.value = active.aborted ? new AbortError(caught) : caught
        status.value = 'error'
      }
      return null
    }
  }

  onScopeDispose(() => controller?.abort(), true)

  return { status, error, finish }
}
