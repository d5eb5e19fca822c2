import { onScopeDispose, readonly, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { AbortError } from '../api/errors'
import type { Asset, ManagementClient } from '../api/types'
import { finishAndRead } from '../api/upload/finish'
import { verifyUpload, type SentFile } from '../api/upload/verify'

export type FinishStatus = 'idle' | 'finishing' | 'done' | 'error'

/** What a finish ended with: the asset, or why not (`AbortError` when cancelled or superseded). */
export type FinishResult = { ok: true; asset: Asset } | { ok: false; error: unknown }

export interface FinishOptions {
  /** What was sent, checked against the finished asset (`verifyUpload`). */
  sent?: SentFile
  /** Cancels it; without one, a newer `finish` and disposal do. */
  signal?: AbortSignal
}

export interface UseFinishUploadReturn {
  // state
  status: Readonly<Ref<FinishStatus>>
  error: Readonly<ShallowRef<unknown>>
  // actions
  /**
   * finish_upload (wrapped or unwrapped answer), then the full asset, then `verifyUpload`
   * against what was sent. Never rejects.
   */
  finish: (
    client: ManagementClient,
    assetId: number,
    options?: FinishOptions,
  ) => Promise<FinishResult>
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
    { sent, signal }: FinishOptions = {},
  ): Promise<FinishResult> {
    controller?.abort()
    const own = (controller = new AbortController())
    // A caller's signal is the caller's to abort (useUpload aborts it on a newer run, on reset and
    // on disposal); a superseded call's result is ignored either way.
    const active = signal ?? own.signal
    status.value = 'finishing'
    error.value = null
    try {
      const asset = await finishAndRead(client, assetId, { signal: active })
      if (sent) verifyUpload(asset, sent)
      if (controller !== own) return { ok: false, error: new AbortError() }
      status.value = 'done'
      return { ok: true, asset }
    } catch (caught) {
      const failure = active.aborted ? new AbortError(caught) : caught
      if (controller === own) {
        error.value = failure
        status.value = 'error'
      }
      return { ok: false, error: failure }
    }
  }

  onScopeDispose(() => controller?.abort(), true)

  return { status: readonly(status), error: readonly(error), finish }
}
