// File headers and helpers the file-rule tests share.
import { parseAccept, type AcceptRule } from '../../../src/domain/fileRules/accept'

// Real file headers, built byte by byte (padded to 64 bytes like the composable reads).
export function bytes(...parts: (number[] | string)[]): Uint8Array {
  const out: number[] = []
  for (const part of parts) {
    if (typeof part === 'string') for (const char of part) out.push(char.charCodeAt(0))
    else out.push(...part)
  }
  while (out.length < 64) out.push(0)
  return new Uint8Array(out)
}

export function uint32BE(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]
}

export function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const size = 16 + compatible.length * 4
  return bytes(uint32BE(size), 'ftyp', major, [0, 0, 0, 0], compatible.join(''))
}

export const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], uint32BE(13), 'IHDR')
export const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0])
export const GIF = bytes('GIF89a', [1, 0, 1, 0])
export const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')
export const WAV = bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')
export const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
export const ZIP = bytes('PK', [3, 4, 20, 0, 6, 0], [8, 0], '[Content_Types].xml')
export const WEBM = bytes(
  [0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84],
  'webm',
)
export const MKV = bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska')
export const OGG_VORBIS = bytes('OggS', [0, 2], new Array(22).fill(0), [0x01], 'vorbis')
export const OGG_THEORA = bytes('OggS', [0, 2], new Array(22).fill(0), [0x80], 'theora')
export const MP3_ID3 = bytes('ID3', [4, 0, 0, 0, 0, 0, 0])
export const MP3_FRAME = bytes([0xff, 0xfb, 0x90, 0x64])
export const AAC_ADTS = bytes([0xff, 0xf1, 0x50, 0x80])
export const SVG = bytes('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">')
export const SVG_XML = bytes(
  '\xef\xbb\xbf  <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">',
)
export const XML = bytes('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<rss>')
export const HTML = bytes('\n<!DOCTYPE html><html><head>')
export const TEXT = bytes('name,size\nphoto.png,1024\n')

export function file(
  name: string,
  size = 1024,
  type = '',
): { name: string; size: number; type: string } {
  return { name, size, type }
}

export function rule(option: string): AcceptRule {
  const parsed = parseAccept(option)
  if ('invalid' in parsed) throw new Error(`invalid accept: ${option}`)
  return parsed
}
