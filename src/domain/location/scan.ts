// What one walk over a file finds: the places that hold a position, what was removed, and
// what is damaged. The same walk reads (`edit: false`) or removes (`edit: true`): the walkers
// then write into the caller's copy of the bytes, always in place and at the same length.

/** Degrees, north and east positive. */
export interface Position {
  readonly latitude: number
  readonly longitude: number
}

export interface LocationPlace {
  /**
   * `exif`: the GPS IFD of an EXIF block; `xmp`: GPS properties of an XMP packet; `text`: a
   * PNG text chunk named for a GPS tag, as ImageMagick writes them.
   */
  readonly kind: 'exif' | 'xmp' | 'text'
  /** For people: the container and the part, e.g. `JPEG APP1 Exif: GPS IFD (9 tags)`. */
  readonly where: string
  /** The coordinates this place holds, when they can be read. */
  readonly position: Position | null
}

/** A range of the file to replace after the walk: only PNG chunks ever change length. */
export interface Splice {
  readonly start: number
  readonly end: number
  readonly bytes: Uint8Array
}

export interface Scan {
  /** Remove what is found (the bytes are the caller's copy), or only read. */
  readonly edit: boolean
  readonly places: LocationPlace[]
  readonly removed: string[]
  readonly damage: string[]
  /** In the order of the file, not overlapping. */
  readonly splices: Splice[]
}

export const newScan = (edit: boolean): Scan => ({
  edit,
  places: [],
  removed: [],
  damage: [],
  splices: [],
})

/** `bytes` with the splices made, as a new array (or `bytes` itself when there are none). */
export function spliced(bytes: Uint8Array, splices: readonly Splice[]): Uint8Array {
  if (splices.length === 0) return bytes
  const growth = splices.reduce(
    (sum, { start, end, bytes: by }) => sum + by.length - (end - start),
    0,
  )
  const out = new Uint8Array(bytes.length + growth)
  let from = 0
  let to = 0
  for (const splice of splices) {
    out.set(bytes.subarray(from, splice.start), to)
    to += splice.start - from
    out.set(splice.bytes, to)
    to += splice.bytes.length
    from = splice.end
  }
  out.set(bytes.subarray(from), to)
  return out
}

/** Copies `inner`'s findings into `scan`, each prefixed with `label`. */
export function adopt(scan: Scan, inner: Scan, label: string, damage = true): void {
  const prefix = (text: string) => `${label}: ${text}`
  scan.places.push(...inner.places.map((place) => ({ ...place, where: prefix(place.where) })))
  scan.removed.push(...inner.removed.map(prefix))
  if (damage) scan.damage.push(...inner.damage.map(prefix))
}

/**
 * Removes a metadata block that is not contiguous in the file (an HEIF item in several
 * extents, extended XMP in several JPEG segments): the walker works on a joined copy, and
 * the changed bytes go back to the same places. `parts` are [start, end) ranges of `bytes`.
 */
export function joinParts(bytes: Uint8Array, parts: readonly (readonly [number, number])[]) {
  if (parts.length === 1 && parts[0]) return bytes.subarray(parts[0][0], parts[0][1])
  const joined = new Uint8Array(parts.reduce((sum, [start, end]) => sum + end - start, 0))
  let at = 0
  for (const [start, end] of parts) {
    joined.set(bytes.subarray(start, end), at)
    at += end - start
  }
  return joined
}

/** Writes a joined copy back over its parts (nothing to do when it was a view of them). */
export function splitParts(
  bytes: Uint8Array,
  joined: Uint8Array,
  parts: readonly (readonly [number, number])[],
): void {
  if (joined.buffer === bytes.buffer) return
  let at = 0
  for (const [start, end] of parts) {
    bytes.set(joined.subarray(at, at + end - start), start)
    at += end - start
  }
}
