// Web Storage opened at its first use. In a cross-site frame, which the plugin is in the Visual
// Editor, opening sessionStorage or localStorage has the page ask the browser whether the frame
// may (a synchronous round trip to another process); the plugin's first message to the editor
// and its first render need neither. Where storage cannot be opened, reads find nothing and
// writes keep nothing, as where it is missing.

/** The part of Web Storage the plugin uses. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** A storage that calls `open` on its first use, once; `open` answers `null` where there is none. */
export function openedOnFirstUse(open: () => KeyValueStorage | null): KeyValueStorage {
  let storage: KeyValueStorage | null | undefined
  const opened = (): KeyValueStorage | null =>
    storage === undefined ? (storage = open()) : storage
  return {
    getItem: (key) => opened()?.getItem(key) ?? null,
    setItem: (key, value) => opened()?.setItem(key, value),
    removeItem: (key) => opened()?.removeItem(key),
  }
}
