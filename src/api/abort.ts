// Cancelling: every wait and every request of the client and the upload pipeline takes an
// `AbortSignal`, and these helpers tie effects that do not watch one (a test's `sleep`, the wait
// for the network) to it.
import { AbortError } from './errors'

/** Waits `ms` milliseconds; rejects with `AbortError` as soon as `signal` aborts. Injected everywhere so tests skip real waits. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

/** Calls `listener` when `signal` aborts (at once if it has already); returns the unsubscribe. */
export function onAbort(signal: AbortSignal | undefined, listener: () => void): () => void {
  if (signal?.aborted) listener()
  signal?.addEventListener('abort', listener)
  return () => signal?.removeEventListener('abort', listener)
}

/**
 * Settles like `promise`, or rejects with `AbortError` as soon as `signal` aborts. Used around
 * injected effects (a test's `sleep`, the wait for the network) that may not watch the signal.
 */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = onAbort(signal, () => reject(new AbortError(signal?.reason)))
    void promise.then(resolve, reject).finally(unsubscribe)
  })
}

export const defaultSleep: Sleep = (ms, signal) =>
  abortable(new Promise((resolve) => setTimeout(resolve, ms)), signal)
