import { abortable, defaultSleep, sleepFor, throwIfAborted, type Sleep } from './sleep'

export interface ThrottleOptions {
  /** Request starts allowed per window (Storyblok: 3/s on Starter, 6/s on higher plans). */
  perSecond: number
  /** @default 1000 */
  windowMs?: number
  /**
   * Added to the window: the server counts *arrivals*, and two starts exactly 1000 ms apart can
   * arrive closer together. @default 50
   */
  marginMs?: number
  /** @default Date.now */
  now?: () => number
  /** @default setTimeout-based, abortable */
  sleep?: Sleep
}

export interface Throttle {
  /** Runs `fn` once a start is allowed, in call order (FIFO). Rejects with `AbortError` if `signal` aborts while waiting. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>
}

/**
 * A sliding-window limiter: never more than `perSecond` starts within any `windowMs + marginMs`.
 * It counts starts, not concurrent requests, because that is what the rate limit counts.
 */
export function createThrottle({
  perSecond,
  windowMs = 1000,
  marginMs = 50,
  now = Date.now,
  sleep = defaultSleep,
}: ThrottleOptions): Throttle {
  if (!Number.isFinite(perSecond) || perSecond < 1)
    throw new RangeError('perSecond must be at least 1')
  const span = windowMs + marginMs
  const limit = Math.floor(perSecond)
  /** Start times still inside the window, oldest first. */
  const starts: number[] = []
  /** Settles when the previous caller has started (or given up): the FIFO queue. */
  let queue: Promise<void> = Promise.resolve()

  async function acquire(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      throwIfAborted(signal)
      const t = now()
      while (starts.length > 0 && (starts[0] ?? t) <= t - span) starts.shift()
      const oldest = starts[0]
      if (starts.length < limit || oldest === undefined) {
        starts.push(t)
        return
      }
      // Wait until the oldest start leaves the window, then look again (the clock is injected:
      // never assume the sleep took exactly that long).
      await sleepFor(sleep, oldest + span - t, signal)
    }
  }

  return {
    run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const turn = queue.then(() => acquire(signal))
      queue = turn.catch(() => {})
      // Reject at once on abort, even while earlier callers still hold the queue; `acquire`
      // then sees the aborted signal on its turn and gives the slot to the next caller.
      return abortable(turn, signal).then(() => fn())
    },
  }
}
