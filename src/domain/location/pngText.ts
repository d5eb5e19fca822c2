// PNG text chunks (tEXt, zTXt, iTXt) that may hold a position:
// - XMP under the keyword `XML:com.adobe.xmp` (iTXt, plain or compressed; tEXt from old
//   writers);
// - ImageMagick's raw profiles, `Raw profile type exif`, `APP1` or `xmp`: the profile's bytes
//   as hex text, usually in a zTXt;
// - ImageMagick's image properties, one tEXt chunk each, named for the tag they copy:
//   `exif:GPSLatitude`, `xmp:GPSLongitude`, `drone-dji:GpsLatitude`. Such a chunk is nothing
//   but a position: removal drops it whole (PNG chunks are independent; nothing points at them).
// A compressed chunk is inflated, cleaned, and stored again uncompressed (`inflate.ts`).
// Spec: https://www.w3.org/TR/png-3/#11textinfo
import { latin1, nulAfter } from './bytes'
import { deflateStored, inflate } from './inflate'
import type { Scan } from './scan'
import { scanTiff } from './tiff'
import { scanXmp } from './xmp'

const XMP_KEYWORD = 'XML:com.adobe.xmp'
const RAW_PROFILE = /^Raw profile type (exif|APP1|xmp)$/i
const POSITION_KEYWORD = /^[\w-]+:(GPS|Gps|AbsoluteAltitude$|Latitude$|Longitude$|Longtitude$)/
/**
 * What a file's compressed text may inflate to, all chunks together: XMP and EXIF run to
 * kilobytes, and deflate expands up to 1032 times, so a hostile file could ask for gigabytes.
 */
export const MAX_INFLATED = 4 << 20

/** What is left of MAX_INFLATED, shared by a file's chunks. */
export interface Budget {
  left: number
}

/** What became of a text chunk: nothing, its data changed in place, dropped, or new data. */
export type TextOutcome = 'kept' | 'changed' | 'drop' | Uint8Array

interface TextChunk {
  readonly keyword: string
  /** The bytes before the text: keyword, flags, language, translated keyword. */
  readonly header: Uint8Array
  readonly text: Uint8Array
  readonly compressed: boolean
}

function parse(type: string, data: Uint8Array): TextChunk | null {
  const keywordEnd = nulAfter(data, 0, Math.min(data.length, 80))
  if (keywordEnd < 0) return null
  const keyword = latin1(data.subarray(0, keywordEnd))
  let textAt = keywordEnd + 1
  let compressed = type === 'zTXt'
  if (type === 'zTXt') textAt += 1
  if (type === 'iTXt') {
    compressed = data[keywordEnd + 1] === 1
    const language = nulAfter(data, keywordEnd + 3, data.length)
    const translated = language < 0 ? -1 : nulAfter(data, language + 1, data.length)
    if (translated < 0) return null
    textAt = translated + 1
  }
  if (textAt > data.length) return null
  return { keyword, header: data.subarray(0, textAt), text: data.subarray(textAt), compressed }
}

/**
 * ImageMagick's raw profile: `\n<name>\n<length>\n` then the bytes as hex, in lines. The bytes
 * are decoded into a buffer; `write` puts them back as hex in the same places.
 */
function rawProfile(text: Uint8Array): { bytes: Uint8Array; write(): void } | null {
  const nameEnd = text.indexOf(10, 1)
  const lengthEnd = nameEnd < 0 ? -1 : text.indexOf(10, nameEnd + 1)
  const length = Number(latin1(text.subarray(nameEnd + 1, Math.max(lengthEnd, 0))).trim())
  if (lengthEnd < 0 || !Number.isInteger(length) || length * 2 > text.length) return null
  const digits = new Uint32Array(length * 2)
  let count = 0
  for (let at = lengthEnd + 1; at < text.length && count < digits.length; at++)
    if (hexValue(text[at] ?? 0) >= 0) digits[count++] = at
  if (count < digits.length) return null
  const bytes = new Uint8Array(length)
  const digit = (index: number) => hexValue(text[digits[index] ?? 0] ?? 0)
  for (let index = 0; index < length; index++)
    bytes[index] = digit(index * 2) * 16 + digit(index * 2 + 1)
  const HEX = '0123456789abcdef'
  const write = () =>
    bytes.forEach((byte, index) => {
      text[digits[index * 2] ?? 0] = HEX.charCodeAt(byte >> 4)
      text[digits[index * 2 + 1] ?? 0] = HEX.charCodeAt(byte & 15)
    })
  return { bytes, write }
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 97 && code <= 102) return code - 87
  return code >= 65 && code <= 70 ? code - 55 : -1
}

/** Reads XMP or a raw profile in `text` (a copy when it was compressed), editing it in place. */
function scanPayload(chunk: TextChunk, text: Uint8Array, label: string, scan: Scan): void {
  const profile = RAW_PROFILE.exec(chunk.keyword)?.[1]?.toLowerCase()
  if (!profile) return scanXmp(text, label, scan)
  const raw = rawProfile(text)
  if (!raw) return void scan.damage.push(`${label}: raw profile is malformed; not read`)
  const removed = scan.removed.length
  if (profile === 'xmp') scanXmp(raw.bytes, label, scan)
  else
    scanTiff(raw.bytes.subarray(latin1(raw.bytes.subarray(0, 4)) === 'Exif' ? 6 : 0), label, scan)
  if (scan.removed.length > removed) raw.write()
}

/** Finds (and, when `scan.edit`, removes) a position in one PNG text chunk. */
export function scanTextChunk(
  type: string,
  data: Uint8Array,
  label: string,
  scan: Scan,
  budget: Budget,
): TextOutcome {
  const chunk = parse(type, data)
  if (!chunk) return 'kept'
  const where = `${label} (${chunk.keyword})`
  if (POSITION_KEYWORD.test(chunk.keyword)) {
    scan.places.push({ kind: 'text', where, position: null })
    if (!scan.edit) return 'kept'
    scan.removed.push(where)
    return 'drop'
  }
  if (chunk.keyword !== XMP_KEYWORD && !RAW_PROFILE.test(chunk.keyword)) return 'kept'
  const text = chunk.compressed ? inflate(chunk.text, budget.left) : chunk.text
  // A stream that fails may have cost the whole budget: the file's next ones are not read.
  if (chunk.compressed) budget.left = text ? budget.left - text.length : 0
  if (!text) {
    scan.damage.push(`${where}: cannot be inflated (or past ${MAX_INFLATED >> 20} MB); not checked`)
    return 'kept'
  }
  const removed = scan.removed.length
  scanPayload(chunk, text, where, scan)
  if (scan.removed.length === removed) return 'kept'
  return chunk.compressed ? concat(chunk.header, deflateStored(text)) : 'changed'
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length)
  joined.set(a)
  joined.set(b, a.length)
  return joined
}
