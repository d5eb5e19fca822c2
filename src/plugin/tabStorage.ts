// What must outlive the plugin's iframe is kept in sessionStorage (this tab only), keyed by the
// field instance (`uid`). The editor re-creates the iframe when its modal opens or closes
// (`enablePortalModal`), and when the editor closes the block; the plugin's memory goes with it.
// Storage can be missing, disabled or full (private mode, quota): then nothing survives and
// nothing breaks. Everything read back is `unknown` and checked like any value from outside.

/** The part of `Storage` used here; tests pass their own. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** The prefix of every key; its version changes when what is stored changes shape. */
const PREFIX = 'sb-asset-uploader:2'

/** The key of one kind of record of one field instance. */
export const tabKey = (uid: string, kind: string): string => `${PREFIX}:${uid}:${kind}`

/** sessionStorage, or `null` where even reading it throws (sandboxed frames). */
export function tabStorage(): StorageLike | null {
  try {
    return globalThis.sessionStorage ?? null
  } catch {
    return null
  }
}

export function readTab(storage: StorageLike | null, key: string): unknown {
  try {
    return JSON.parse(storage?.getItem(key) ?? 'null')
  } catch {
    return null
  }
}

/** Stores `value`, or removes the key for `null`. */
export function writeTab(storage: StorageLike | null, key: string, value: unknown): void {
  try {
    if (value === null) storage?.removeItem(key)
    else storage?.setItem(key, JSON.stringify(value))
  } catch {
    // Full or disabled: see the top of this file.
  }
}
