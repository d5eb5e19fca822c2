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

/** One request's place in the window: `at` is when its answer came (Infinity while in flight). */
interface Slot {
  at: number
  done: Promise<void>
  release: () => void
}

/**
 * A sliding-window limiter: never more than `perSecond` requests within any `windowMs + marginMs`,
 * where a request occupies its place from its start until `windowMs + marginMs` after its answer.
 * The server counts *arrivals*, and an arrival can be late by a whole CORS preflight (seen:
 * 60 ms on loopback); the answer is the earliest moment we know the request has arrived, so
 * measuring from it keeps us under the limit whatever the latency, at the cost of one round trip.
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
  const slots: Slot[] = []
  /** Settles when the previous caller has started (or given up): the FIFO queue. */
  let queue: Promise<void> = Promise.resolve()

  function take(): Slot {
    let release = (): void => {}
    const done = new Promise<void>((resolve) => {
      release = resolve
    })
    const slot: Slot = { at: Number.POSITIVE_INFINITY, done, release: () => {} }
    slot.release = () => {
      if (Number.isFinite(slot.at)) return
      slot.at = now()
      release()
    }
    slots.push(slot)
    return slot
  }

  async function acquire(signal: AbortSignal | undefined): Promise<Slot> {
    for (;;) {
      throwIfAborted(signal)
      const t = now()
      for (let i = slots.length - 1; i >= 0; i--) {
        if ((slots[i]?.at ?? t) <= t - span) slots.splice(i, 1)
      }
      if (slots.length < limit) return take()
      const answered = slots.map((slot) => slot.at).filter((at) => Number.isFinite(at))
      if (answered.length > 0) {
        // Wait until the oldest answered request leaves the window, then look again (the
        // clock is injected: never assume the sleep took exactly that long).
        await sleepFor(sleep, Math.min(...answered) + span - t, signal)
      } else {
        // Every place is taken by a request still in flight: wait for one to answer.
        await abortable(Promise.race(slots.map((slot) => slot.done)), signal)
      }
    }
  }

  return {
    run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const turn = queue.then(() => acquire(signal))
      queue = turn.then(
        () => undefined,
        () => undefined,
      )
      // Reject at once on abort, even while earlier callers still hold the queue; a place this
      // caller got after all is given back as if its request had been answered now.
      const started = abortable(turn, signal)
      started.catch(() =>
        turn.then(
          (slot) => slot.release(),
          () => undefined,
        ),
      )
      return started.then(async (slot) => {
        try {
          return await fn()
        } finally {
          slot.release()
        }
      })
    },
  }
}
