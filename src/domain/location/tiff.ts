// EXIF is a TIFF structure: a header that names the byte order (`II` little-endian, as
// Canon, Sony and most Android phones write it; `MM` big-endian, as Apple, Nikon's older
// bodies, Pentax and GoPro do), then IFDs: a count, 12-byte entries, the offset of the next
// IFD. IFD0 points to the Exif IFD and to the GPS IFD (tag 0x8825); IFD0's next is IFD1, the
// thumbnail's. Offsets count from the header, so MakerNotes, which keep absolute offsets of
// their own, stay valid only when nothing moves: removal empties the GPS IFD where it stands.
// Spec: CIPA DC-008 (Exif 2.32), https://www.cipa.jp/std/documents/e/DC-X008-Translation-2019-E.pdf
import { fits, u16, u32, putU16 } from './bytes'
import { fromDms, toPosition } from './position'
import type { Position, Scan } from './scan'
import { keptRanges, type Ranges } from './ranges'

const GPS_IFD = 0x8825
const EXIF_IFD = 0x8769
const INTEROP_IFD = 0xa005
const THUMBNAIL = 0x0201
const THUMBNAIL_LENGTH = 0x0202
/** Bytes per value of each TIFF type, by type number (13 is IFD, as some write the pointers). */
const TYPE_SIZE = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4]
/** IFD0, IFD1 and a few more in a damaged chain: real files have two. */
const MAX_CHAIN = 8

export interface Entry {
  readonly tag: number
  readonly type: number
  readonly count: number
  /** Where the value lies in the block: inline in the entry when it fits in 4 bytes. */
  readonly valueAt: number
  readonly size: number
}

export interface Ifd {
  readonly at: number
  readonly entries: readonly Entry[]
  /** The offset of the next IFD, 0 for none. */
  readonly next: number
  /** Bytes of the table: count, the entries that fit, the next pointer. */
  readonly end: number
}

interface Tiff {
  readonly block: Uint8Array
  readonly little: boolean
  readonly damage: string[]
}

function readIfd({ block, little, damage }: Tiff, at: number, name: string): Ifd | null {
  if (!fits(block, at, 2) || at < 8) {
    damage.push(`${name} offset ${at} points outside the EXIF block (${block.length} bytes)`)
    return null
  }
  const claimed = u16(block, at, little)
  const room = Math.min(claimed, Math.floor((block.length - at - 2) / 12))
  if (room < claimed) damage.push(`${name} claims ${claimed} entries, only ${room} fit`)
  const entries: Entry[] = []
  for (let index = 0; index < room; index++) {
    const entry = at + 2 + index * 12
    const type = u16(block, entry + 2, little)
    const count = u32(block, entry + 4, little)
    const size = (TYPE_SIZE[type] ?? 0) * count
    const valueAt = size <= 4 ? entry + 8 : u32(block, entry + 8, little)
    entries.push({ tag: u16(block, entry, little), type, count, valueAt, size })
  }
  const nextAt = at + 2 + room * 12
  const next = room === claimed && fits(block, nextAt, 4) ? u32(block, nextAt, little) : 0
  return { at, entries, next, end: Math.min(block.length, nextAt + 4) }
}

const pointer = (ifd: Ifd | null, tag: number, tiff: Tiff): number | null => {
  const entry = ifd?.entries.find((candidate) => candidate.tag === tag)
  return entry ? u32(tiff.block, entry.valueAt, tiff.little) : null
}

/** IFD0 and the chain after it (IFD1), without looping: a damaged chain may point back. */
function readChain(tiff: Tiff): Ifd[] {
  const chain: Ifd[] = []
  const seen = new Set<number>()
  let at = u32(tiff.block, 4, tiff.little)
  while (at !== 0 && chain.length < MAX_CHAIN) {
    if (seen.has(at)) {
      tiff.damage.push(`IFD${chain.length} offset ${at} loops back to an earlier IFD`)
      break
    }
    seen.add(at)
    const ifd = readIfd(tiff, at, `IFD${chain.length}`)
    if (!ifd) break
    chain.push(ifd)
    at = ifd.next
  }
  return chain
}

/** The bytes the other IFDs own: their tables, their values and the thumbnail. */
function ownedSpans(tiff: Tiff, ifds: readonly (Ifd | null)[], ifd1: Ifd | null) {
  const spans: [number, number][] = []
  for (const ifd of ifds) {
    if (!ifd) continue
    spans.push([ifd.at, ifd.end])
    for (const entry of ifd.entries)
      if (entry.size > 4) spans.push([entry.valueAt, entry.valueAt + entry.size])
  }
  const thumbnail = pointer(ifd1, THUMBNAIL, tiff)
  const length = pointer(ifd1, THUMBNAIL_LENGTH, tiff)
  if (thumbnail !== null && length) spans.push([thumbnail, thumbnail + length])
  return spans
}

function gpsPosition(tiff: Tiff, gps: Ifd): Position | null {
  const { block, little } = tiff
  const value = (tag: number) => gps.entries.find((entry) => entry.tag === tag)
  const ref = (tag: number) => String.fromCharCode(block[value(tag)?.valueAt ?? -1] ?? 0)
  const degrees = (tag: number): number | null => {
    const entry = value(tag)
    if (!entry || entry.type !== 5 || entry.count !== 3 || !fits(block, entry.valueAt, 24))
      return null
    const rational = (index: number) =>
      u32(block, entry.valueAt + index * 8, little) /
      u32(block, entry.valueAt + index * 8 + 4, little)
    return fromDms([rational(0), rational(1), rational(2)], ref(tag - 1))
  }
  return toPosition(degrees(2), degrees(4))
}

/** Empties the GPS IFD in place: count 0, its entries and its values zeroed. */
function emptyGps(tiff: Tiff, gps: Ifd, kept: Ranges, scan: Scan): void {
  const { block, little } = tiff
  for (const entry of gps.entries) {
    if (entry.size <= 4 || !fits(block, entry.valueAt, entry.size)) continue
    if (kept.overlaps(entry.valueAt, entry.valueAt + entry.size))
      scan.damage.push(`GPS tag ${entry.tag} shares its value with other EXIF data; left as is`)
    else block.fill(0, entry.valueAt, entry.valueAt + entry.size)
  }
  block.fill(0, gps.at + 2, gps.end)
  putU16(block, gps.at, 0, little)
}

/**
 * Finds the GPS IFD of an EXIF (TIFF) block and, when `scan.edit`, empties it in `block`.
 * `label` names the container for the report, e.g. `JPEG APP1 Exif`.
 */
export function scanTiff(block: Uint8Array, label: string, scan: Scan): void {
  const order = u16(block, 0)
  const little = order === 0x4949
  const tiff: Tiff = { block, little, damage: [] }
  if ((order !== 0x4949 && order !== 0x4d4d) || u16(block, 2, little) !== 42) {
    scan.damage.push(`${label}: no TIFF header, EXIF not read`)
    return
  }
  const chain = readChain(tiff)
  // A pointer of 0 is no IFD, as some writers say it.
  const follow = (at: number | null, name: string) => (at ? readIfd(tiff, at, name) : null)
  const exifIfd = follow(pointer(chain[0] ?? null, EXIF_IFD, tiff), 'Exif IFD')
  const interopIfd = follow(pointer(exifIfd, INTEROP_IFD, tiff), 'Interop IFD')
  // The GPS pointer belongs in IFD0; a few writers put it in the Exif IFD.
  const gpsAt = pointer(chain[0] ?? null, GPS_IFD, tiff) ?? pointer(exifIfd, GPS_IFD, tiff)
  const gps = follow(gpsAt, 'GPS IFD')
  scan.damage.push(...tiff.damage.map((problem) => `${label}: ${problem}`))
  if (!gps || gps.entries.length === 0) return

  const kept = keptRanges(ownedSpans(tiff, [...chain, exifIfd, interopIfd], chain[1] ?? null))
  const where = `${label}: GPS IFD (${gps.entries.length} tags)`
  scan.places.push({ kind: 'exif', where, position: gpsPosition(tiff, gps) })
  if (!scan.edit) return
  if (kept.overlaps(gps.at, gps.end)) {
    scan.damage.push(`${label}: the GPS IFD overlaps another IFD; left as is`)
    return
  }
  emptyGps(tiff, gps, kept, scan)
  scan.removed.push(where)
}
