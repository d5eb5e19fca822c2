// What the browser tests of location privacy read from a stored file: its bytes from the local
// Storyblok, and the parts that must not change (a JPEG's image data, a PNG's IDAT chunks).
import type { Stack } from './harness'
import { photo } from '../domain/location/oracle'

export { photo, seen } from '../domain/location/oracle'

/** A fixture of test/fixtures/photos/ as a file to choose or drop under `name`. */
export const photoFile = (fixture: string, name = fixture, mimeType = 'image/jpeg') => ({
  name,
  mimeType,
  buffer: Buffer.from(photo(fixture)),
})

/** The stored file of the asset named `name` (the newest of that name), as its URL serves it. */
export async function storedBytes(stack: Stack, name: string): Promise<Uint8Array> {
  const asset = (await stack.control.assets()).find((entry) => entry.short_filename === name)
  if (!asset) throw new Error(`no asset named ${name}`)
  const response = await fetch(asset.filename)
  if (!response.ok) throw new Error(`${asset.filename}: ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}

/**
 * A JPEG's image data: from its first SOS marker to the EOI that ends its entropy-coded data
 * (inside it, 0xFF is always followed by 0x00 or a restart marker).
 */
export function jpegImageData(bytes: Uint8Array): Uint8Array {
  let at = 2
  while (at + 4 <= bytes.length && bytes[at] === 0xff && bytes[at + 1] !== 0xda)
    at += 2 + (((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0))
  if (bytes[at + 1] !== 0xda) throw new Error('no SOS marker')
  for (let end = at + 2; end + 1 < bytes.length; end++)
    if (bytes[end] === 0xff && bytes[end + 1] === 0xd9) return bytes.subarray(at, end + 2)
  throw new Error('no EOI marker')
}

/** A PNG's IDAT chunks, length, type, data and CRC, one after another. */
export function pngImageData(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const parts: Uint8Array[] = []
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = view.getUint32(at)
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
    if (type === 'IDAT') parts.push(bytes.subarray(at, at + 12 + length))
    at += 12 + length
  }
  return Buffer.concat(parts)
}
