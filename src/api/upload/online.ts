// Where the pipeline learns that the browser went offline or came back.

export interface OnlineSource {
  isOnline: () => boolean
  /** Calls `listener` on every change; returns the unsubscribe. */
  subscribe: (listener: (online: boolean) => void) => () => void
}

/** `navigator.onLine` and the window's `online`/`offline` events; always online without them (Node). */
export const browserOnline: OnlineSource = {
  isOnline: () => globalThis.navigator?.onLine ?? true,
  subscribe(listener) {
    const onChange = (event: Event): void => listener(event.type === 'online')
    const types = ['online', 'offline']
    types.forEach((type) => globalThis.addEventListener?.(type, onChange))
    return () => types.forEach((type) => globalThis.removeEventListener?.(type, onChange))
  },
}
