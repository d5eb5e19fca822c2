// Whether the browser is online, watched once for every upload of the queue: going offline cuts
// every attempt under way (a pause, not a failure), and no attempt starts until the browser is
// back online.
import { AbortError } from '../errors'
import { browserOnline, type OnlineSource } from './online'

export interface Connectivity {
  isOnline(): boolean
  /** Aborted when the browser goes offline: an attempt started now ends with it. */
  period(): AbortSignal
  /** Resolves once online (at once when online); rejects with `AbortError` when `signal` aborts. */
  whenOnline(signal?: AbortSignal): Promise<void>
  /**
   * Watches the browser while at least one caller holds it (an upload under way); returns the
   * release. Nothing listens to the window while nothing is held.
   */
  hold(): () => void
}

export function createConnectivity(source: OnlineSource = browserOnline): Connectivity {
  let controller = new AbortController()
  let waiters: (() => void)[] = []
  let holders = 0
  let unsubscribe: (() => void) | null = null

  function change(online: boolean) {
    if (!online) {
      controller.abort(new AbortError('Offline'))
      return
    }
    controller = new AbortController()
    const ready = waiters
    waiters = []
    ready.forEach((resolve) => resolve())
  }

  function whenOnline(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AbortError(signal.reason))
    if (source.isOnline()) {
      // Back online without an event seen (none was held then): a fresh period.
      if (controller.signal.aborted) controller = new AbortController()
      return Promise.resolve()
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        waiters = waiters.filter((waiter) => waiter !== ready)
        reject(new AbortError(signal?.reason))
      }
      const ready = () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      waiters.push(ready)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  return {
    isOnline: () => source.isOnline(),
    period: () => controller.signal,
    whenOnline,
    hold() {
      if (holders++ === 0) unsubscribe = source.subscribe(change)
      let held = true
      return () => {
        if (!held) return
        held = false
        if (--holders === 0) {
          unsubscribe?.()
          unsubscribe = null
        }
      }
    },
  }
}

/** A signal that aborts when any of `signals` does (`AbortSignal.any`, which happy-dom lacks). */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  const controller = new AbortController()
  for (const signal of signals) {
    if (!signal) continue
    if (signal.aborted) {
      controller.abort(signal.reason)
      break
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), {
      once: true,
      signal: controller.signal,
    })
  }
  return controller.signal
}
