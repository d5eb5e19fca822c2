import { describe, expect, it } from 'vitest'
import { sniffType } from '../../../src/domain/fileRules/magic'
import {
  ftyp,
  PNG,
  JPEG,
  GIF,
  WEBP,
  WAV,
  PDF,
  ZIP,
  WEBM,
  MKV,
  OGG_VORBIS,
  OGG_THEORA,
  MP3_ID3,
  MP3_FRAME,
  AAC_ADTS,
  SVG,
  SVG_XML,
  XML,
  HTML,
  TEXT,
} from './fixtures'

describe('sniffType', () => {
  it.each([
    ['PNG', PNG, 'png'],
    ['JPEG', JPEG, 'jpg'],
    ['GIF', GIF, 'gif'],
    ['WebP', WEBP, 'webp'],
    ['AVIF', ftyp('avif', 'mif1', 'miaf'), 'avif'],
    ['AVIF under a mif1 major brand', ftyp('mif1', 'avif', 'miaf'), 'avif'],
    ['HEIC', ftyp('heic', 'mif1', 'heic'), 'heic'],
    ['HEIF', ftyp('mif1', 'mif1'), 'heic'],
    ['PDF', PDF, 'pdf'],
    ['ZIP', ZIP, 'zip'],
    ['MP4', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'mp4'],
    ['WebM', WEBM, 'webm'],
    ['Ogg Vorbis', OGG_VORBIS, 'ogg'],
    ['MP3 with an ID3 tag', MP3_ID3, 'mp3'],
    ['MP3 starting with a frame', MP3_FRAME, 'mp3'],
    ['WAV', WAV, 'wav'],
    ['SVG', SVG, 'svg'],
    ['SVG after a BOM, whitespace and an XML declaration', SVG_XML, 'svg'],
  ])('recognises %s', (_, header, expected) => {
    expect(sniffType(header)?.[0]).toBe(expected)
  })

  it.each([
    ['a ZIP', ZIP, 'docx'],
    ['a ZIP', ZIP, 'odt'],
    ['a QuickTime file', ftyp('qt  ', 'qt  '), 'mov'],
    ['an M4A file', ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'm4a'],
    ['a Matroska file', MKV, 'mkv'],
    ['an Ogg Theora file', OGG_THEORA, 'ogv'],
    ['a JPEG', JPEG, 'jpeg'],
  ])('lets %s be served as .%s', (_, header, extension) => {
    expect(sniffType(header)).toContain(extension)
  })

  it.each([
    ['plain text', TEXT],
    ['other XML', XML],
    ['HTML', HTML],
    ['raw AAC (ADTS), which is not MP3', AAC_ADTS],
    ['too few bytes to tell', new Uint8Array([0x89, 0x50])],
  ])('says nothing for %s', (_, header) => {
    expect(sniffType(header)).toBeNull()
  })
})
