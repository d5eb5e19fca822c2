// Per-caller and per-IP request rates: abuse caps that answer 429 before anything goes upstream.
// A sliding-window counter per key (this minute's count plus the previous minute's, weighted
// by how much of it is still inside the window), so memory is two numbers per key whatever the
// rate; keys idle for two windows are dropped, a bounded number per call.

export interface RateWindow {
  /** Counts one request for `key`; `null` when allowed, else the ms until one would be. */
  hit(key: string, limit: number): number | null
  /** Keys held (for tests and bounds). */
  readonly size: number
}

interface Counter {
  /** Start of the current window, ms. */
  start: number
  current: number
  previous: number
}

export function createRateWindow(now: () => number, windowMs = 60_000): RateWindow {
  const counters = new Map<string, Counter>()

  /** Drops up to `max` keys idle for two windows (Map order is insertion order: oldest first). */
  function prune(at: number, max = 8): void {
    let seen = 0
    for (const [key, counter] of counters) {
      if (++seen > max) return
      if (at - counter.start >= 2 * windowMs) counters.delete(key)
    }
  }

  return {
    hit(key, limit) {
      const at = now()
      prune(at)
      const counter = counters.get(key) ?? { start: at, current: 0, previous: 0 }
      const windows = Math.floor((at - counter.start) / windowMs)
      if (windows >= 1) {
        counter.previous = windows === 1 ? counter.current : 0
        counter.current = 0
        counter.start += windows * windowMs
      }
      const elapsed = (at - counter.start) / windowMs
      const estimate = counter.previous * (1 - elapsed) + counter.current
      // Re-inserted so the Map stays ordered by last use, and `prune` meets idle keys first.
      counters.delete(key)
      counters.set(key, counter)
      if (estimate + 1 > limit) {
        // When the previous window's weight has fallen enough for one more request; at the
        // latest, the start of the next window.
        const needed = counter.previous
          ? (1 - (limit - 1 - counter.current) / counter.previous) * windowMs - elapsed * windowMs
          : counter.start + windowMs - at
        return Math.max(1000, Math.min(windowMs, Math.ceil(needed)))
      }
      counter.current++
      return null
    },
    get size() {
      return counters.size
    },
  }
}
