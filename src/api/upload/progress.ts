// How an upload stands, as the editor sees it, and the progress of a batch of them.
import type { UploadProgress } from '../types'
import type { UploadStep } from './job'

export interface UploadState {
  step: UploadStep
  /** Bytes of the S3 POST; `null` before it starts. */
  progress: UploadProgress | null
  /** Why it failed (`AbortError` once cancelled). */
  error: unknown
  /** The asset entry of a cancelled or failed upload could not be removed. */
  cleanupError: unknown
  /** The texts written during the upload could not be saved after it (the item shows them unsaved). */
  textsError: unknown
}

/** A queued upload: nothing sent yet. */
export const queuedState = (): UploadState => ({
  step: 'queued',
  progress: null,
  error: null,
  cleanupError: null,
  textsError: null,
})

/** Steps during which the upload waits or runs (and Cancel applies). */
const ACTIVE: readonly UploadStep[] = [
  'queued',
  'signing',
  'uploading',
  'waiting-online',
  'finishing',
  'cancelling',
]

export const isActiveStep = (step: UploadStep | undefined): boolean =>
  !!step && ACTIVE.includes(step)

export interface BatchProgress {
  files: number
  /** How many of them ended in the library. */
  done: number
  bytes: number
  loaded: number
}

/** The progress of a batch: its files' sizes by key, and how each upload stands. */
export function batchProgress(
  sizes: ReadonlyMap<number, number>,
  states: ReadonlyMap<number, UploadState>,
): BatchProgress {
  const progress = { files: sizes.size, done: 0, bytes: 0, loaded: 0 }
  for (const [key, size] of sizes) {
    const state = states.get(key)
    progress.bytes += size
    if (state?.step === 'done') progress.done++
    progress.loaded += state?.step === 'done' ? size : (state?.progress?.loaded ?? 0)
  }
  return progress
}
