// Which field values the editor sends back are echoes of the plugin's own writes.
//
// The editor answers every `setContent` with a state message carrying the value of *that*
// write, tens to hundreds of milliseconds later, while the editor may already have typed more;
// echoes of older writes can arrive after newer ones, and some never arrive
// (docs/reference/field-plugin.md, "Containers in the wild"). Taking an old echo for news from
// outside rewinds the form: typed letters and focus steps vanish.
//
// So every write stays in flight until its echo is seen, and the echo acknowledges it: a value
// from the editor is news only when it is none of the writes in flight and not the newest write
// the editor acknowledged (which it repeats in later state messages, say when an option
// changes). The SDK resolves `setContent` before it hands over the state, and hides which
// message answered which write, so the values themselves are matched, not the promises.

export interface WriteTrackerOptions {
  /** @default Date.now */
  now?: () => number
  /** A write whose echo never came stops counting as in flight after this long. @default 10000 */
  timeoutMs?: number
}

export interface WriteTracker {
  /** Call when sending `key` (a canonical form of the value). */
  written(key: string): void
  /**
   * Call with every value the editor sends. Whether it is one of our own writes (an echo, not
   * news); an echo acknowledges the oldest write in flight with that value.
   */
  received(key: string): boolean
  /** A value from outside was taken: the editor holds it now, not our last acknowledged write. */
  reset(): void
}

export function createWriteTracker({
  now = Date.now,
  timeoutMs = 10_000,
}: WriteTrackerOptions = {}): WriteTracker {
  let inFlight: { key: string; at: number; order: number }[] = []
  /** The newest write (in sending order) whose echo came: what the editor holds, as far as we know. */
  let acknowledged: { key: string; order: number } | null = null
  let order = 0

  return {
    written(key) {
      inFlight.push({ key, at: now(), order: ++order })
    },
    received(key) {
      const oldest = now() - timeoutMs
      inFlight = inFlight.filter((write) => write.at > oldest)
      const echo = inFlight.find((write) => write.key === key)
      if (!echo) return acknowledged?.key === key
      inFlight = inFlight.filter((write) => write !== echo)
      if (echo.order > (acknowledged?.order ?? 0)) acknowledged = echo
      return true
    },
    reset() {
      acknowledged = null
    },
  }
}
