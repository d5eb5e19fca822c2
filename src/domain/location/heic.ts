// HEIF (HEIC from phones, AVIF) keeps metadata as items of the top-level `meta` box: `iinf`
// names each item (`Exif`, or `mime` with content type `application/rdf+xml` for XMP) and
// `iloc` says where its bytes are, as extents in the file or in `idat`. An Exif item is a
// 4-byte offset, then (after that many bytes, usually `Exif\0\0`) a TIFF block. The item's
// bytes are edited where they stand: no box changes size, so no offset moves.
// Spec: ISO/IEC 23008-12 (HEIF) §9.3 and annex A; ISO/IEC 14496-12 §8.11.3 (iloc).
import { fits, nulAfter, u16, u32, uintBE } from './bytes'
import { childBoxes, type Box } from './boxes'
import { joinParts, splitParts, type Scan } from './scan'
import { scanTiff } from './tiff'
import { scanXmp } from './xmp'

type Part = readonly [number, number]
/** Extents read from one `iloc`: a photo has a few dozen (grid tiles), a hostile box millions. */
const MAX_EXTENTS = 65536
interface Item {
  readonly id: number
  readonly type: string
  readonly contentType: string
}

/** `infe` boxes of version 2 and 3 (the ones HEIF uses): id, type, name, content type. */
function readItems(bytes: Uint8Array, iinf: Box, damage: string[]): Item[] {
  const version = bytes[iinf.start] ?? 0
  const first = iinf.start + 4 + (version === 0 ? 2 : 4)
  return childBoxes(bytes, first, iinf.end, damage).flatMap((infe) => {
    const infeVersion = bytes[infe.start] ?? 0
    if (infe.type !== 'infe' || infeVersion < 2) return []
    const idSize = infeVersion === 2 ? 2 : 4
    const id = idSize === 2 ? u16(bytes, infe.start + 4) : u32(bytes, infe.start + 4)
    const typeAt = infe.start + 4 + idSize + 2
    const type = String.fromCharCode(...bytes.subarray(typeAt, typeAt + 4))
    const nameEnd = nulAfter(bytes, typeAt + 4, infe.end)
    const typeEnd = nameEnd < 0 ? -1 : nulAfter(bytes, nameEnd + 1, infe.end)
    const contentType =
      typeEnd < 0 ? '' : String.fromCharCode(...bytes.subarray(nameEnd + 1, typeEnd))
    return [{ id, type, contentType }]
  })
}

/** The parts of each item, as [start, end) in the file; `idat` is for construction method 1. */
function readLocations(bytes: Uint8Array, iloc: Box, idat: Box | undefined, damage: string[]) {
  const version = bytes[iloc.start] ?? 0
  const sizes = u16(bytes, iloc.start + 4)
  const [offsetSize, lengthSize, baseSize] = [sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15]
  const indexSize = version === 0 ? 0 : sizes & 15
  let at = iloc.start + 6
  const read = (size: number) => ((at += size), uintBE(bytes, at - size, size))
  const count = version < 2 ? read(2) : read(4)
  const parts = new Map<number, Part[] | null>()
  let budget = MAX_EXTENTS
  for (let index = 0; index < count && at < iloc.end; index++) {
    const id = version < 2 ? read(2) : read(4)
    const method = version === 0 ? 0 : read(2) & 15
    read(2) // data_reference_index: 0, this file
    const base = read(baseSize) + (method === 1 ? (idat?.start ?? NaN) : 0)
    const extents = read(2)
    const item: Part[] = []
    for (let extent = 0; extent < extents && at <= iloc.end && budget-- > 0; extent++) {
      read(indexSize)
      const start = base + read(offsetSize)
      item.push([start, start + read(lengthSize)])
    }
    const usable = method < 2 && at <= iloc.end && item.every(([s, e]) => fits(bytes, s, e - s))
    parts.set(id, usable ? item : null)
  }
  if (at > iloc.end) damage.push('iloc box is shorter than its item count')
  if (budget < 0) damage.push(`iloc box lists more than ${MAX_EXTENTS} extents; not all read`)
  return parts
}

function scanItem(bytes: Uint8Array, item: Item, parts: Part[], scan: Scan): void {
  const label = `HEIF ${item.type === 'Exif' ? 'Exif' : 'XMP'} item ${item.id}`
  // Extents may overlap in a hostile file: joined, they could be many times its size.
  if (parts.reduce((sum, [start, end]) => sum + end - start, 0) > bytes.length) {
    scan.damage.push(`${label}: its extents add up to more than the file; not read`)
    return
  }
  const data = joinParts(bytes, parts)
  if (item.type === 'Exif') {
    const tiffAt = 4 + u32(data, 0)
    if (!fits(data, tiffAt, 8)) scan.damage.push(`${label}: TIFF header offset out of range`)
    else scanTiff(data.subarray(tiffAt), label, scan)
  } else {
    scanXmp(data, label, scan)
  }
  if (scan.edit) splitParts(bytes, data, parts)
}

/** Finds (and, when `scan.edit`, removes) the position in a HEIF file's Exif and XMP items. */
export function scanHeif(bytes: Uint8Array, scan: Scan): void {
  const damage: string[] = []
  const meta = childBoxes(bytes, 0, bytes.length, damage).find((box) => box.type === 'meta')
  const children = meta ? childBoxes(bytes, meta.start + 4, meta.end, damage) : []
  const child = (type: string) => children.find((box) => box.type === type)
  const iinf = child('iinf')
  const iloc = child('iloc')
  if (iinf && iloc) {
    const locations = readLocations(bytes, iloc, child('idat'), damage)
    for (const item of readItems(bytes, iinf, damage)) {
      const isXmp = item.type === 'mime' && item.contentType === 'application/rdf+xml'
      if (item.type !== 'Exif' && !isXmp) continue
      // Only metadata items are read: an image item's unusual extents are none of ours.
      const parts = locations.get(item.id)
      if (parts) scanItem(bytes, item, parts, scan)
      else if (parts === null) damage.push(`item ${item.id}: its extents lie outside the file`)
      else damage.push(`item ${item.id} has no place in iloc`)
    }
  }
  scan.damage.push(...damage.map((problem) => `HEIF: ${problem}`))
}
