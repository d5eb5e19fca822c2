// The form's undo history, as plain values: every function returns a new history. Consecutive
// keystrokes in one text field within a second are one step, so Undo takes back a word or a
// phrase, not a letter.

/** At most this many steps are kept; the oldest go first. */
export const HISTORY_LIMIT = 100
/** Edits of one field closer together than this are one undo step. */
export const COALESCE_MS = 1000

export interface History<T> {
  readonly undo: readonly T[]
  readonly redo: readonly T[]
  /** The edit the next one may join: its field and when it was made. */
  readonly last: { readonly field: string; readonly at: number } | null
}

export function emptyHistory<T>(): History<T> {
  return { undo: [], redo: [], last: null }
}

/** `before` becomes an undo step, and the redo steps are dropped. */
export function recordStep<T>(history: History<T>, before: T): History<T> {
  return { undo: [...history.undo, before].slice(-HISTORY_LIMIT), redo: [], last: null }
}

/**
 * An edit of `field` at `at` (ms): a new undo step unless it continues the last edit (same
 * field, less than `COALESCE_MS` later, and `joinable`: typing joins, a checkbox never does).
 */
export function recordEdit<T>(
  history: History<T>,
  before: T,
  { field, at, joinable }: { field: string; at: number; joinable: boolean },
): History<T> {
  const joins = joinable && history.last?.field === field && at - history.last.at < COALESCE_MS
  return { ...(joins ? history : recordStep(history, before)), redo: [], last: { field, at } }
}

/** One step back (`undo`) or forward (`redo`) from `current`, or `null` when there is none. */
export function travel<T>(
  history: History<T>,
  current: T,
  direction: 'undo' | 'redo',
): { history: History<T>; value: T } | null {
  const from = history[direction]
  const value = from.at(-1)
  if (value === undefined) return null
  const other = direction === 'undo' ? 'redo' : 'undo'
  return {
    value,
    history: {
      ...history,
      [direction]: from.slice(0, -1),
      [other]: [...history[other], current],
      last: null,
    },
  }
}
