// Which field values the editor sends back are echoes of the plugin's own writes.
//
// The editor answers every `setContent` with a state message carrying the value of *that*
// write, tens to hundreds of milliseconds later, while the editor may already have typed more;
// echoes of older writes can arrive after newer ones, and some never arrive
// (docs/reference/field-plugin.md, "Containers in the wild"). Taking an old echo for news from
// outside rewinds the form: typed letters and focus steps vanish. So every write stays "in
// flight" until the editor acknowledged it (or it is too old to still come back), and a value
// from the editor is news only when it is none of those writes and not the newest one the
// editor acknowledged.

export interface WriteTrackerOptions {
  /** @default Date.now */
  now?: () => number
  /** A write the editor never acknowledged stops counting as in flight after this long. @default 10000 */
  timeoutMs?: number
}

export interface WriteTracker {
  /** Call before sending `key` (a canonical form of the value); call the result once the editor acknowledged it. */
  written(key: string): () => void
  /** Whether `key`, received from the editor, is one of our own writes (an echo, not news). */
  isOwn(key: string): boolean
  /** A value from outside was taken: the editor holds it now, not our last acknowledged write. */
  reset(): void
}

export function createWriteTracker({
  now = Date.now,
  timeoutMs = 10_000,
}: WriteTrackerOptions = {}): WriteTracker {
  let inFlight: { key: string; at: number; order: number }[] = []
  /** The newest (in write order) write the editor acknowledged: what it holds, as far as we know. */
  let acknowledged: { key: string; order: number } | null = null
  let order = 0
  /** Writes up to this one were sent before the editor took a value from outside. */
  let superseded = 0

  const expire = () => {
    const oldest = now() - timeoutMs
    inFlight = inFlight.filter((write) => write.at > oldest)
  }

  return {
    written(key) {
      expire()
      const write = { key, at: now(), order: ++order }
      inFlight.push(write)
      return () => {
        inFlight = inFlight.filter((other) => other !== write)
        if (write.order > Math.max(superseded, acknowledged?.order ?? 0)) acknowledged = write
      }
    },
    isOwn(key) {
      expire()
      return acknowledged?.key === key || inFlight.some((write) => write.key === key)
    },
    reset() {
      acknowledged = null
      superseded = order
    },
  }
}
