import { AbortError } from './errors'
import { abortable, type Sleep } from './retry'

export interface Throttle {
  /** Runs `fn` once a start is allowed, in call order (FIFO). Rejects with `AbortError` if `signal` aborts while waiting. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>
}

/**
 * A sliding-window limiter: never more than `perSecond` requests within any 1050 ms (the server
 * counts *arrivals* per second, plus a 50 ms margin), where a request occupies its place from
 * its start until 1050 ms after its answer.
 * The server counts *arrivals*, and an arrival can be late by a whole CORS preflight (seen:
 * 60 ms on loopback); the answer is the earliest moment we know the request has arrived, so
 * measuring from it keeps us under the limit whatever the latency, at the cost of one round trip.
 * `perSecond` is a positive integer (checked by `parseOptions`); `Infinity` turns it off.
 * `now` and `sleep` are the client's, which has their defaults.
 */
export function createThrottle(perSecond: number, now: () => number, sleep: Sleep): Throttle {
  const span = 1050
  /** When each request in the window was answered: `Infinity` while it is in flight. */
  let slots: { at: number }[] = []
  /** Wakes the caller waiting for a request in flight to answer. */
  let wake = (): void => {}
  /** Settles when the previous caller has started (or given up): the FIFO queue. */
  let queue: Promise<unknown> = Promise.resolve()

  async function acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw new AbortError(signal.reason)
    for (;;) {
      const t = now()
      slots = slots.filter((slot) => slot.at > t - span)
      if (slots.length < perSecond) {
        const slot = { at: Infinity }
        slots.push(slot)
        return () => {
          if (slot.at === Infinity) slot.at = now()
          wake()
        }
      }
      const oldest = Math.min(...slots.map((slot) => slot.at))
      // Wait until the oldest answered request leaves the window, then look again (the clock is
      // injected: never assume the sleep took exactly that long); when every place is taken by
      // a request still in flight, wait for one to answer.
      await abortable(
        oldest < Infinity
          ? sleep(oldest + span - t, signal)
          : new Promise<void>((resolve) => (wake = resolve)),
        signal,
      )
    }
  }

  return {
    run(fn, signal) {
      const turn = queue.then(() => acquire(signal))
      queue = turn.catch(() => {})
      // Reject at once on abort, even while earlier callers still hold the queue; a place this
      // caller got after all is given back as if its request had been answered now.
      const started = abortable(turn, signal)
      started.catch(() =>
        turn.then(
          (release) => release(),
          () => {},
        ),
      )
      return started.then(async (release) => {
        try {
          return await fn()
        } finally {
          release()
        }
      })
    },
  }
}
