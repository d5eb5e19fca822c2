// A PNG is a signature and chunks: length, type, data, CRC-32 of type and data. EXIF lives in
// `eXIf` (a TIFF block, PNG 1.5 extensions / PNG third edition); XMP in an `iTXt` (or, from
// older writers, `tEXt`) chunk with the keyword `XML:com.adobe.xmp`. Both are rewritten in
// place at the same length, and the chunk's CRC is computed anew. Compressed text chunks
// (`zTXt`, compressed `iTXt`, ImageMagick's `Raw profile type exif/xmp`) are not inflated
// here: they are reported as not checked and left as they are.
// Spec: https://www.w3.org/TR/png-3/#11eXIf, https://www.w3.org/TR/png-3/#11iTXt
import { fits, hasAscii, nulAfter, putU32BE, u32 } from './bytes'
import type { Scan } from './scan'
import { scanTiff } from './tiff'
import { scanXmp } from './xmp'

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const XMP_KEYWORD = 'XML:com.adobe.xmp'
/** Keywords of compressed chunks that may hold EXIF or XMP (ImageMagick, old exiftool). */
const METADATA_KEYWORD = /^(XML:com\.adobe\.xmp|Raw profile type (exif|APP1|xmp))$/i

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

/** Where the text of an iTXt chunk starts, and whether it is compressed (-1: malformed). */
function itxtText(data: Uint8Array): { at: number; compressed: boolean } | null {
  const keywordEnd = nulAfter(data, 0, data.length)
  const language = keywordEnd < 0 ? -1 : nulAfter(data, keywordEnd + 3, data.length)
  const translated = language < 0 ? -1 : nulAfter(data, language + 1, data.length)
  if (translated < 0) return null
  return { at: translated + 1, compressed: data[keywordEnd + 1] === 1 }
}

function scanChunk(type: string, data: Uint8Array, label: string, scan: Scan): void {
  const keywordEnd = nulAfter(data, 0, Math.min(data.length, 80))
  const keyword = keywordEnd < 0 ? '' : String.fromCharCode(...data.subarray(0, keywordEnd))
  if (type === 'eXIf') {
    // Some writers start the chunk with JPEG's `Exif\0\0`, which the spec does not allow.
    scanTiff(data.subarray(hasAscii(data, 0, 'Exif\0') ? 6 : 0), label, scan)
  } else if (type === 'iTXt' && keyword === XMP_KEYWORD) {
    const text = itxtText(data)
    if (!text) scan.damage.push(`${label}: iTXt header is malformed; not read`)
    else if (text.compressed) scan.damage.push(`${label}: compressed XMP, not checked`)
    else scanXmp(data.subarray(text.at), label, scan)
  } else if (type === 'tEXt' && keyword === XMP_KEYWORD) {
    scanXmp(data.subarray(keywordEnd + 1), label, scan)
  } else if ((type === 'zTXt' || type === 'iTXt') && METADATA_KEYWORD.test(keyword)) {
    scan.damage.push(`${label}: compressed "${keyword}", not checked`)
  }
}

/** Finds (and, when `scan.edit`, removes) the position in a PNG's chunks. */
export function scanPng(bytes: Uint8Array, scan: Scan): void {
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
    const removed = scan.removed.length
    scanChunk(type, bytes.subarray(at + 8, at + 8 + length), label, scan)
    // A changed chunk gets its CRC anew; an unchanged one keeps its own, right or wrong.
    if (scan.removed.length > removed)
      putU32BE(bytes, at + 8 + length, crc32(bytes.subarray(at + 4, at + 8 + length)))
    at += 12 + length
  }
}
