import { AbortError } from './errors'
import { abortable, type Sleep } from './abort'
import { openedOnFirstUse } from './lazyStorage'

export interface Throttle {
  /** Runs `fn` once a start is allowed, in call order (FIFO). Rejects with `AbortError` if `signal` aborts while waiting. */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>
}

/**
 * The part of the Web Locks API (`navigator.locks`) the throttle uses: `callback` runs once the
 * lock `name` is free and holds it until the promise it returns settles; FIFO per name.
 */
export interface Locks {
  request<T>(name: string, callback: () => T): Promise<T>
}

/** Locks within this instance only: where the Web Locks API is missing (Node, the unit tests). */
export function localLocks(): Locks {
  const queues = new Map<string, Promise<unknown>>()
  return {
    request(name, callback) {
      const held = (queues.get(name) ?? Promise.resolve()).then(callback)
      queues.set(
        name,
        held.catch(() => {}),
      )
      return held
    },
  }
}

/** `navigator.locks` where the browser has it (secure contexts), else `localLocks()`. */
export const browserLocks = (): Locks => globalThis.navigator?.locks ?? localLocks()

/**
 * When the requests of this origin were answered lately, kept where a re-created iframe finds
 * them: the Web Locks of a frame that goes away are released at once, but Storyblok still counts
 * its requests of the last second.
 */
export interface Ledger {
  /** Answer times (ms since the epoch), any order. */
  read(): number[]
  add(at: number): void
}

/**
 * A ledger in `storage` (localStorage: every frame and tab of the plugin's origin, opened at the
 * first request, see lazyStorage.ts), under `key`; none where storage is missing or throws.
 */
export function storageLedger(
  key: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null = openedOnFirstUse(browserStorage),
  keep = 64,
): Ledger | undefined {
  if (!storage) return undefined
  const read = (): number[] => {
    try {
      const value: unknown = JSON.parse(storage.getItem(key) ?? '[]')
      return Array.isArray(value) ? value.filter((at) => Number.isFinite(at)) : []
    } catch {
      return []
    }
  }
  return {
    read,
    add(at) {
      try {
        storage.setItem(key, JSON.stringify([...read(), at].slice(-keep)))
      } catch {
        // Full or disabled: the locks still hold the limit among the frames alive.
      }
    },
  }
}

/** localStorage, or `null` where even reading it throws (sandboxed frames). */
function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

export interface ThrottleOptions {
  /** @default Infinity: no limit */
  perSecond?: number
  /** Names the places; instances with the same key share them. @default 'throttle' */
  key?: string
  /** @default browserLocks() */
  locks?: Locks
  /** Answers of frames that went away. @default none */
  ledger?: Ledger
  sleep: Sleep
  /** @default Date.now */
  now?: () => number
}

/**
 * A sliding-window limiter: never more than `perSecond` requests within any 1050 ms (the server
 * counts *arrivals* per second, plus a 50 ms margin), where a request occupies its place from
 * its start until 1050 ms after its answer.
 * The server counts *arrivals*, and an arrival can be late by a whole CORS preflight (seen:
 * 60 ms on loopback); the answer is the earliest moment we know the request has arrived, so
 * measuring from it keeps us under the limit whatever the latency, at the cost of one round trip.
 *
 * The places are `perSecond` Web Locks named after `key`: Storyblok counts requests per token,
 * and the editor shows each field in its own iframe (an editor may also have two tabs open), so
 * every instance of the plugin on this origin that talks to the same space takes its places
 * from the same locks. A place is held until 1050 ms after the answer; the browser frees the
 * places of a frame that is closed, so the answers are also noted in a `ledger`
 * (localStorage), which a re-created frame waits for.
 * `perSecond` is a positive integer (checked by `parseOptions`); `Infinity` turns it off.
 */
export function createThrottle({
  perSecond = Infinity,
  key = 'throttle',
  locks = browserLocks(),
  ledger,
  sleep,
  now = Date.now,
}: ThrottleOptions): Throttle {
  const span = 1050

  /**
   * Waits while the ledger holds `perSecond` answers within the span: requests of a frame that
   * went away (the larger view, a reload) still count at the server.
   */
  async function afterLedger(signal?: AbortSignal): Promise<void> {
    const recent = (ledger?.read() ?? []).filter((at) => at > now() - span).sort((a, b) => a - b)
    const blocking = recent[recent.length - perSecond]
    if (blocking !== undefined) await abortable(sleep(blocking + span - now(), signal), signal)
  }
  /** Settles when the previous caller has started (or given up): the FIFO queue. */
  let queue: Promise<unknown> = Promise.resolve()

  /** Where a lock request fails (a sandboxed frame has no Web Locks): this instance's own places. */
  let manager = locks
  const fallback = localLocks()

  /**
   * Asks for every place at once and keeps the first one granted, until 1050 ms after
   * `release()`; a place granted after that, or to a caller who gave up meanwhile, is handed
   * back at once. Resolves with `release`.
   */
  const acquire = (signal?: AbortSignal) =>
    new Promise<() => void>((granted) => {
      let got = false
      const take = () => {
        if (got) return
        got = true
        if (signal?.aborted) return granted(() => {})
        return new Promise<void>((free) => granted(() => void sleep(span).then(free, free)))
      }
      const ask = (name: string): Promise<unknown> =>
        manager.request(name, take).catch(() => {
          manager = fallback
          return ask(name)
        })
      for (let place = 0; place < perSecond; place++) void ask(`${key} ${place}`)
    })

  return {
    run(fn, signal) {
      if (perSecond === Infinity) return fn()
      if (signal?.aborted) return Promise.reject(new AbortError(signal.reason))
      const turn = queue.then(() => acquire(signal))
      queue = turn
      // Reject at once on abort, even while earlier callers still hold the queue; a place this
      // caller got after all is given back as if its request had been answered now.
      const started = abortable(turn, signal)
      started.catch(() => turn.then((release) => release()))
      return started.then(async (release) => {
        try {
          if (ledger) await afterLedger(signal)
          return await fn()
        } finally {
          ledger?.add(now())
          release()
        }
      })
    },
  }
}
