// A JPEG is a run of marker segments (FF xx, a 2-byte length that counts itself, the data)
// up to the first SOS, then the entropy-coded image. Metadata sits in APP segments: APP1
// `Exif\0\0` + TIFF, APP1 `http://ns.adobe.com/xap/1.0/\0` + an XMP packet, and APP1
// `http://ns.adobe.com/xmp/extension/\0` + GUID, full length and offset + a part of an XMP
// packet too long for one segment. The walk stops at SOS: nothing from there on is changed.
// Multi-picture files (MPF: a phone's depth map, an Ultra HDR gain map) append more JPEGs
// after the first EOI, each with its own APP segments; those are walked too.
// Spec: ITU-T T.81 annex B; CIPA DC-008 §4.7; XMP Specification Part 3 §1.1.3.
import { byteAt, fits, hasAscii, u16, u32 } from './bytes'
import { adopt, joinParts, newScan, splitParts, type Scan } from './scan'
import { scanTiff } from './tiff'
import { scanXmp } from './xmp'

const EXIF = 'Exif\0'
const XMP = 'http://ns.adobe.com/xap/1.0/\0'
const EXTENDED = 'http://ns.adobe.com/xmp/extension/\0'
/** The extended XMP header: signature, 32-char GUID, full length, offset. */
const EXTENDED_HEADER = EXTENDED.length + 32 + 8
/** Images appended after the first (MPF); phones write one to three. */
const MAX_APPENDED = 8

type Part = readonly [number, number]
interface ExtendedPart {
  readonly offset: number
  readonly part: Part
}

export const isJpeg = (bytes: Uint8Array) =>
  byteAt(bytes, 0) === 0xff && byteAt(bytes, 1) === 0xd8 && byteAt(bytes, 2) === 0xff

/** Walks the segments before the first SOS; returns where the SOS is, or -1. */
function walkSegments(bytes: Uint8Array, scan: Scan, extended: Map<string, ExtendedPart[]>) {
  let at = 2
  while (fits(bytes, at, 4)) {
    const marker = byteAt(bytes, at + 1)
    if (byteAt(bytes, at) !== 0xff) {
      scan.damage.push(`no JPEG marker at byte ${at}; the rest is left as is`)
      return -1
    }
    // Fill bytes, and markers without a length (RSTn, TEM).
    if (marker === 0xff || (marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      at += marker === 0xff ? 1 : 2
      continue
    }
    if (marker === 0xd9 || marker === 0xda) return marker === 0xda ? at : -1
    const length = u16(bytes, at + 2)
    if (length < 2 || !fits(bytes, at + 2, length)) {
      scan.damage.push(`JPEG segment at byte ${at} runs past the end of the file`)
      return -1
    }
    if (marker === 0xe1) app1(bytes, at + 4, at + 2 + length, scan, extended)
    at += 2 + length
  }
  return -1
}

function app1(
  bytes: Uint8Array,
  start: number,
  end: number,
  scan: Scan,
  extended: Map<string, ExtendedPart[]>,
) {
  const label = `JPEG APP1 at byte ${start - 4}`
  if (hasAscii(bytes, start, EXIF)) {
    scanTiff(bytes.subarray(start + 6, end), `${label} (Exif)`, scan)
  } else if (hasAscii(bytes, start, XMP)) {
    scanXmp(bytes.subarray(start + XMP.length, end), `${label} (XMP)`, scan)
  } else if (hasAscii(bytes, start, EXTENDED) && end - start > EXTENDED_HEADER) {
    const guid = String.fromCharCode(...bytes.subarray(start + EXTENDED.length, start + 67))
    const parts = extended.get(guid) ?? []
    parts.push({ offset: u32(bytes, start + 71), part: [start + EXTENDED_HEADER, end] })
    extended.set(guid, parts)
  }
}

/**
 * Extended XMP: one packet cut into segments. It is read joined; when removal shortens it,
 * the padded packet is cut back into the same segments. A packet with a gap or an overlap
 * (a lost segment) is only read: moving text across a gap would lose it.
 */
function scanExtended(bytes: Uint8Array, guid: string, parts: ExtendedPart[], scan: Scan) {
  parts.sort((a, b) => a.offset - b.offset)
  const spans = parts.map(({ part }) => part)
  const joined = joinParts(bytes, spans)
  let expected = 0
  for (const { offset, part } of parts) {
    if (offset !== expected) {
      const read = newScan(false)
      scanXmp(joined, `JPEG extended XMP ${guid}`, read)
      scan.places.push(...read.places)
      scan.damage.push(`JPEG extended XMP ${guid}: a part is missing or repeated; not changed`)
      return
    }
    expected += part[1] - part[0]
  }
  scanXmp(joined, `JPEG extended XMP ${guid} (${parts.length} segments)`, scan)
  if (scan.edit) splitParts(bytes, joined, spans)
}

/** Finds (and, when `scan.edit`, removes) the position in a JPEG and in appended images. */
export function scanJpeg(bytes: Uint8Array, scan: Scan, appended = true): void {
  const extended = new Map<string, ExtendedPart[]>()
  const sos = walkSegments(bytes, scan, extended)
  for (const [guid, parts] of extended) scanExtended(bytes, guid, parts, scan)
  if (!appended || sos < 0) return
  let from = sos
  for (let count = 0; count < MAX_APPENDED; count++) {
    const at = nextImage(bytes, from)
    if (at < 0) return
    const inner = newScan(scan.edit)
    scanJpeg(bytes.subarray(at), inner, false)
    // Bytes that only look like an EOI followed by an SOI are no image: their noise is no
    // damage of this file's.
    adopt(scan, inner, `image appended at byte ${at}`, inner.places.length > 0)
    from = at + 2
  }
}

/** The next EOI directly followed by an SOI (FF D9 FF D8 FF) from `from`: its SOI, or -1. */
function nextImage(bytes: Uint8Array, from: number): number {
  for (let at = bytes.indexOf(0xd9, from); at >= 0; at = bytes.indexOf(0xd9, at + 1)) {
    if (byteAt(bytes, at - 1) === 0xff && isJpeg(bytes.subarray(at + 1)) && at + 1 > from)
      return at + 1
  }
  return -1
}
