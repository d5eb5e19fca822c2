// A WebP is a RIFF file: `RIFF`, size, `WEBP`, then chunks (FourCC, little-endian size, data,
// a pad byte to an even length). The extended format (`VP8X`) adds `EXIF` (a TIFF block) and
// `XMP ` (a packet) chunks after the image. Both are rewritten in place at the same length;
// RIFF has no checksum, so nothing else changes.
// Spec: https://developers.google.com/speed/webp/docs/riff_container
import { fits, hasAscii, u32 } from './bytes'
import type { Scan } from './scan'
import { scanTiff } from './tiff'
import { scanXmp } from './xmp'

export const isWebp = (bytes: Uint8Array) =>
  hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'WEBP')

/** Finds (and, when `scan.edit`, removes) the position in a WebP's EXIF and XMP chunks. */
export function scanWebp(bytes: Uint8Array, scan: Scan): void {
  const end = Math.min(bytes.length, 8 + u32(bytes, 4, true))
  if (end < bytes.length) scan.damage.push(`WebP: ${bytes.length - end} bytes after the RIFF end`)
  let at = 12
  while (at + 8 <= end) {
    const type = String.fromCharCode(...bytes.subarray(at, at + 4))
    const size = u32(bytes, at + 4, true)
    if (!fits(bytes, at + 8, size) || at + 8 + size > end) {
      scan.damage.push(`WebP chunk ${JSON.stringify(type)} at byte ${at} runs past the end`)
      return
    }
    const data = bytes.subarray(at + 8, at + 8 + size)
    const label = `WebP ${type.trim()} chunk at byte ${at}`
    // Some writers start the chunk with JPEG's `Exif\0\0`, which the spec does not ask for.
    if (type === 'EXIF') scanTiff(data.subarray(hasAscii(data, 0, 'Exif\0') ? 6 : 0), label, scan)
    if (type === 'XMP ') scanXmp(data, label, scan)
    at += 8 + size + (size % 2)
  }
}
