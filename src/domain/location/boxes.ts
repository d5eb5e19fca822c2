// ISOBMFF boxes (HEIF, HEIC, AVIF): a 32-bit size (1: a 64-bit size follows; 0: to the end),
// a FourCC type, the payload. Full boxes start their payload with a version and flags.
// Spec: ISO/IEC 14496-12 §4.2.
import { fits, hasAscii, u32, uintBE } from './bytes'

export interface Box {
  readonly type: string
  /** The payload's [start, end) in the file. */
  readonly start: number
  readonly end: number
}

/** A file or a box holds at most this many children: real HEIC `meta` boxes hold about ten. */
const MAX_CHILDREN = 4096

/** The boxes in [start, end), stopping (with a note in `damage`) at one that does not fit. */
export function childBoxes(bytes: Uint8Array, start: number, end: number, damage: string[]) {
  const boxes: Box[] = []
  let at = start
  while (at + 8 <= end && boxes.length < MAX_CHILDREN) {
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
    const small = u32(bytes, at)
    const header = small === 1 ? 16 : 8
    const size = small === 1 ? uintBE(bytes, at + 8, 8) : small === 0 ? end - at : small
    if (size < header || at + size > end || !fits(bytes, at, size)) {
      damage.push(`box ${JSON.stringify(type)} at byte ${at} runs past its container`)
      break
    }
    boxes.push({ type, start: at + header, end: at + size })
    at += size
  }
  return boxes
}

/** Brands that make an ISOBMFF file a HEIF image (HEIC, AVIF and their sequences). */
const HEIF_BRANDS = /^(mif[12]|msf1|miaf|hei[cmsx]|hev[cmsx]|avi[fs]|avio)$/

/**
 * Whether the file is a HEIF image by its `ftyp` brands. MP4 and QuickTime videos are
 * ISOBMFF too, and keep a position elsewhere (`moov`/`udta`): they are not read.
 */
export function isHeif(bytes: Uint8Array): boolean {
  if (!hasAscii(bytes, 4, 'ftyp')) return false
  const end = Math.min(bytes.length, u32(bytes, 0), 256)
  for (let at = 8; at + 4 <= end; at += at === 8 ? 8 : 4)
    if (HEIF_BRANDS.test(String.fromCharCode(...bytes.subarray(at, at + 4)))) return true
  return false
}
