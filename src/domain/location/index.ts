// Location privacy: finds the position a photo's metadata holds (EXIF GPS, XMP GPS
// properties) and removes it without re-encoding anything. Every change is in place and
// keeps the file's length: the image data, the ICC profile, orientation, camera, copyright
// and every other tag stay byte-identical, and absolute offsets (MakerNotes, HEIF's iloc)
// stay valid. The one exception is PNG, whose chunks nothing points at: a text chunk that is
// only a position is dropped, a compressed one stored again uncompressed (`pngText.ts`).
// Pure and synchronous; it never throws and its work is linear in the file.
import { isHeif } from './boxes'
import { scanHeif } from './heic'
import { isJpeg, scanJpeg } from './jpeg'
import { isPng, scanPng } from './png'
import { newScan, spliced, type LocationPlace, type Position, type Scan } from './scan'
import { isWebp, scanWebp } from './webp'

export type { LocationPlace, Position } from './scan'
export { formatPosition } from './position'

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'heif'

export interface LocationReport {
  /** The container the bytes were read as, or `null` for any other file (nothing is read). */
  readonly format: PhotoFormat | null
  /** Whether any place holds a position: the UI says so next to the file. */
  readonly hasLocation: boolean
  /** Each metadata block that holds GPS data, with its coordinates when readable. */
  readonly places: readonly LocationPlace[]
  /** The first readable position, rounded to 3 decimals (about 100 m), for the UI. */
  readonly position: Position | null
  /** Specific problems found in the metadata, e.g. an IFD offset past the block's end. */
  readonly damage: readonly string[]
}

export interface LocationRemoval {
  /** A copy without the position, or the input itself when nothing was removed. */
  readonly bytes: Uint8Array
  /** What was removed, one line per metadata block. */
  readonly removed: readonly string[]
  /** Problems found; a block that could not be changed safely is left as is and named here. */
  readonly damage: readonly string[]
}

const WALKERS: readonly [PhotoFormat, (b: Uint8Array) => boolean, typeof scanJpeg][] = [
  ['jpeg', isJpeg, scanJpeg],
  ['png', isPng, scanPng],
  ['webp', isWebp, scanWebp],
  ['heif', isHeif, scanHeif],
]

function walk(bytes: Uint8Array, scan: Scan): PhotoFormat | null {
  const walker = WALKERS.find(([, matches]) => matches(bytes))
  if (!walker) return null
  try {
    walker[2](bytes, scan)
  } catch (error) {
    // Never reached by any input the tests know; a reader must not stop an upload.
    scan.damage.push(`unexpected error while reading: ${String(error)}`)
  }
  return walker[0]
}

/** Whether the photo holds a position, where, and what is damaged. Never throws. */
export function findLocation(bytes: Uint8Array): LocationReport {
  const scan = newScan(false)
  const format = walk(bytes, scan)
  const position = scan.places.find((place) => place.position)?.position ?? null
  return {
    format,
    hasLocation: scan.places.length > 0,
    places: scan.places,
    position,
    damage: scan.damage,
  }
}

/**
 * A copy of the photo without its position: the GPS IFD emptied where it stands, the GPS
 * properties cut out of each XMP packet and padded to its length (and, in a PNG, text chunks
 * that are only a position dropped). Never throws; a file of another type, or without a
 * position, comes back as it is.
 */
export function removeLocation(bytes: Uint8Array): LocationRemoval {
  // Not `slice()`: on a Node Buffer that is a view, and the caller's bytes would change.
  const copy = new Uint8Array(bytes)
  const scan = newScan(true)
  walk(copy, scan)
  if (scan.places.length === 0) return { bytes, removed: [], damage: scan.damage }
  const result = scan.removed.length > 0 ? spliced(copy, scan.splices) : bytes
  // What a reader would still find: a block left as is because changing it was unsafe.
  const left = findLocation(result).places.map((place) => `position left in ${place.where}`)
  return { bytes: result, removed: scan.removed, damage: [...scan.damage, ...left] }
}
