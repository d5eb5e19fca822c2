// What the check of a chosen photo found about the place where it was taken
// (api/upload/photoLocation.ts reads it), and which file is sent because of it.
import type { Position } from './location'

export interface LocationCheck {
  /** The photo holds a position (in at least one place of its metadata). */
  found: boolean
  /** The first readable position, rounded to about 100 m; `null` when none could be read. */
  position: Position | null
  /** A copy without the position, to upload instead; `null` when there was nothing to remove. */
  cleaned: File | null
  /** A position is left in the copy: that part could not be changed safely (named in `damage`). */
  left: boolean
  /** What the reader met, in its own technical words: damaged metadata, a position left in place. */
  damage: readonly string[]
  /** Not read at all: the file is too large, or the browser would not give its bytes. */
  unread?: 'too-large' | 'unreadable'
}

/**
 * The file to send: the copy without the position, unless the editor keeps the location (or
 * there is no copy).
 */
export function fileToSend(original: File, check: LocationCheck | null, keep: boolean): File {
  return !keep && check?.cleaned ? check.cleaned : original
}
