import { AbortError } from './errors'

/** Waits `ms` milliseconds; rejects with `AbortError` as soon as `signal` aborts. Injected everywhere so tests skip real waits. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError({ cause: signal.reason }))
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new AbortError({ cause: signal?.reason }))
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      },
      Math.max(0, ms),
    )
    signal?.addEventListener('abort', onAbort, { once: true })
  })

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError({ cause: signal.reason })
}

/**
 * Settles like `promise`, or rejects with `AbortError` as soon as `signal` aborts. Used around
 * injected effects (a test's `sleep`, a `waitForOnline`) that may not watch the signal themselves.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) {
    promise.catch(() => {})
    return Promise.reject(new AbortError({ cause: signal.reason }))
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortError({ cause: signal.reason }))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/** Sleeps with the injected `sleep`, abortable even if that `sleep` ignores the signal. */
export function sleepFor(sleep: Sleep, ms: number, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal)
  return abortable(sleep(ms, signal), signal)
}
