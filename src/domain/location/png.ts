// A PNG is a signature and chunks: length, type, data, CRC-32 of type and data. EXIF lives in
// `eXIf` (a TIFF block, PNG third edition), rewritten in place with its CRC computed anew;
// XMP and ImageMagick's copies of EXIF and XMP live in text chunks (`pngText.ts`). Nothing in
// a PNG points at a chunk's place, so a text chunk that is nothing but a position is dropped,
// and a compressed one comes back stored uncompressed: those are the changes of length.
// Spec: https://www.w3.org/TR/png-3/#11eXIf
import { fits, hasAscii, putU32BE, u32 } from './bytes'
import { MAX_INFLATED, scanTextChunk } from './pngText'
import type { Scan } from './scan'
import { scanTiff } from './tiff'

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const TEXT = new Set(['tEXt', 'zTXt', 'iTXt'])

export const isPng = (bytes: Uint8Array) => SIGNATURE.every((byte, at) => bytes[at] === byte)

let crcTable: Uint32Array | undefined

/** CRC-32 as PNG computes it (ISO 3309, the same as zlib's). */
export function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  let crc = 0xffffffff
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** A whole chunk around `data`: length, type, data, CRC. */
function chunk(type: Uint8Array, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(data.length + 12)
  putU32BE(bytes, 0, data.length)
  bytes.set(type, 4)
  bytes.set(data, 8)
  putU32BE(bytes, data.length + 8, crc32(bytes.subarray(4, data.length + 8)))
  return bytes
}

/** Finds (and, when `scan.edit`, removes) the position in a PNG's chunks. */
export function scanPng(bytes: Uint8Array, scan: Scan): void {
  const budget = { left: MAX_INFLATED }
  let at = 8
  while (fits(bytes, at, 12)) {
    const length = u32(bytes, at)
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
    if (!fits(bytes, at + 8, length + 4)) {
      scan.damage.push(`PNG chunk ${JSON.stringify(type)} at byte ${at} runs past the end`)
      return
    }
    if (type === 'IEND') return
    const label = `PNG ${type} at byte ${at}`
    const data = bytes.subarray(at + 8, at + 8 + length)
    const removed = scan.removed.length
    const outcome = TEXT.has(type) ? scanTextChunk(type, data, label, scan, budget) : 'kept'
    // Some writers start eXIf with JPEG's `Exif\0\0`, which the spec does not allow.
    if (type === 'eXIf') scanTiff(data.subarray(hasAscii(data, 0, 'Exif\0') ? 6 : 0), label, scan)
    const end = at + 12 + length
    if (outcome === 'drop') scan.splices.push({ start: at, end, bytes: new Uint8Array(0) })
    else if (outcome instanceof Uint8Array)
      scan.splices.push({ start: at, end, bytes: chunk(bytes.subarray(at + 4, at + 8), outcome) })
    // A chunk changed in place gets its CRC anew; an unchanged one keeps its own.
    else if (scan.removed.length > removed)
      putU32BE(bytes, at + 8 + length, crc32(bytes.subarray(at + 4, at + 8 + length)))
    at = end
  }
}
