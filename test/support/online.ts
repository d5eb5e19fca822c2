// An online state a test switches by hand, for the upload pipeline's `online` option.
import type { OnlineSource } from '../../src/api/upload/online'

export function manualOnline(initial: boolean) {
  let online = initial
  const listeners = new Set<(online: boolean) => void>()
  const source: OnlineSource = {
    isOnline: () => online,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    source,
    listeners,
    /** `notify: false`: the state changes before the browser fires its event. */
    set(next: boolean, notify = true) {
      online = next
      if (notify) for (const listener of [...listeners]) listener(next)
    },
  }
}
