// Bounds-safe byte reading for the metadata walkers. Every read past the end gives 0, so a
// walker checks `fits` before it trusts a number, and hostile input can never throw.

/** Whether `length` bytes from `at` lie inside `bytes` (false for negative or NaN values). */
export function fits(bytes: Uint8Array, at: number, length: number): boolean {
  return at >= 0 && length >= 0 && at + length <= bytes.length
}

export const byteAt = (bytes: Uint8Array, at: number): number => bytes[at] ?? 0

export function u16(bytes: Uint8Array, at: number, little = false): number {
  const a = byteAt(bytes, at)
  const b = byteAt(bytes, at + 1)
  return little ? a | (b << 8) : (a << 8) | b
}

export function u32(bytes: Uint8Array, at: number, little = false): number {
  const high = u16(bytes, at + (little ? 2 : 0), little)
  const low = u16(bytes, at + (little ? 0 : 2), little)
  return high * 0x10000 + low
}

/** A big-endian unsigned number of 0, 4 or 8 bytes (ISOBMFF's variable-size fields). */
export function uintBE(bytes: Uint8Array, at: number, size: number): number {
  if (size === 8) return u32(bytes, at) * 2 ** 32 + u32(bytes, at + 4)
  return size === 4 ? u32(bytes, at) : size === 2 ? u16(bytes, at) : 0
}

export function putU16(bytes: Uint8Array, at: number, value: number, little = false): void {
  bytes[at + (little ? 0 : 1)] = value & 0xff
  bytes[at + (little ? 1 : 0)] = (value >> 8) & 0xff
}

export function putU32BE(bytes: Uint8Array, at: number, value: number): void {
  putU16(bytes, at, Math.floor(value / 0x10000))
  putU16(bytes, at + 2, value & 0xffff)
}

/**
 * Bytes as a string of one char per byte (Latin-1). XMP is UTF-8, but everything the walkers
 * look for is ASCII, and this mapping turns back into exactly the same bytes.
 */
export function latin1(bytes: Uint8Array): string {
  let text = ''
  for (let at = 0; at < bytes.length; at += 0x2000)
    text += String.fromCharCode(...bytes.subarray(at, at + 0x2000))
  return text
}

export function fromLatin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length)
  for (let at = 0; at < text.length; at++) bytes[at] = text.charCodeAt(at) & 0xff
  return bytes
}

/** Whether `bytes` hold the ASCII text `text` at `at`. */
export function hasAscii(bytes: Uint8Array, at: number, text: string): boolean {
  if (!fits(bytes, at, text.length)) return false
  for (let index = 0; index < text.length; index++)
    if (bytes[at + index] !== text.charCodeAt(index)) return false
  return true
}

/** Where a NUL-terminated string starting at `at` ends (the NUL's index), or -1 before `end`. */
export function nulAfter(bytes: Uint8Array, at: number, end: number): number {
  const index = bytes.subarray(0, Math.min(end, bytes.length)).indexOf(0, at)
  return index
}
