// @vitest-environment node
// Each container's own ways of holding metadata: PNG's chunks and CRCs, WebP's padding,
// HEIF's items in idat or in several extents, JPEG's appended images and extended XMP.
import { crc32, deflateSync, inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { findLocation, removeLocation } from '../../../src/domain/location'
import { PHONE, ascii, concat, exifSegment, jpegWith, packet, xmpSegment } from './build'
import { changedRuns } from './containers'
import { exifItem, heifWith, pngChunk, pngWith, webpChunk, webpWith } from './wrap'

const TIFF = PHONE('II').bytes
const GPS_XMP = packet('<exif:GPSLatitude>51,30.44N</exif:GPSLatitude><dc:format>x</dc:format>')
const XMP_KEYWORD = ascii('XML:com.adobe.xmp\0')

/** The [start, end) runs that removal changed must all lie inside `span`. */
function changedOnlyIn(file: Uint8Array, spans: [number, number][]) {
  const runs = changedRuns(file, removeLocation(file).bytes)
  expect(runs.length).toBeGreaterThan(0)
  expect(runs.filter(([start, end]) => !spans.some(([s, e]) => start >= s && end <= e))).toEqual([])
}

describe('PNG', () => {
  it('empties eXIf and rewrites iTXt XMP, each with a CRC computed anew', () => {
    const itxt = concat([XMP_KEYWORD, Uint8Array.of(0, 0, 0, 0), ascii(GPS_XMP)])
    const file = pngWith(pngChunk('eXIf', TIFF), pngChunk('iTXt', itxt))
    expect(findLocation(file).places.map((place) => place.kind)).toEqual(['exif', 'xmp'])
    const { bytes } = removeLocation(file)
    expect(findLocation(bytes).hasLocation).toBe(false)
    for (let at = 8; at < bytes.length;) {
      const view = new DataView(bytes.buffer, bytes.byteOffset)
      const length = view.getUint32(at)
      expect(view.getUint32(at + 8 + length)).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)))
      at += 12 + length
    }
  })

  it('reads eXIf with a JPEG-style Exif header, and XMP in tEXt', () => {
    const file = pngWith(
      pngChunk('eXIf', concat([ascii('Exif\0\0'), TIFF])),
      pngChunk('tEXt', concat([XMP_KEYWORD, ascii(GPS_XMP)])),
    )
    expect(findLocation(file).places).toHaveLength(2)
    expect(findLocation(removeLocation(file).bytes).hasLocation).toBe(false)
  })

  it('cleans XMP in a compressed iTXt, and stores it back uncompressed', () => {
    const stream = deflateSync(ascii(GPS_XMP))
    const itxt = pngChunk('iTXt', concat([XMP_KEYWORD, Uint8Array.of(1, 0, 0, 0), stream]))
    const file = pngWith(itxt)
    expect(findLocation(file).places.map((place) => place.kind)).toEqual(['xmp'])
    const { bytes } = removeLocation(file)
    const chunk = textChunks(bytes)[0]
    expect(chunk?.type).toBe('iTXt')
    const text = inflateSync(chunk?.data.subarray(XMP_KEYWORD.length + 4) ?? new Uint8Array(0))
    expect(text.toString('latin1')).not.toContain('GPS')
    expect(text.toString('latin1')).toContain('<dc:format>x</dc:format>')
    expect(text.length).toBe(GPS_XMP.length)
  })

  it("cleans ImageMagick's raw EXIF profile (hex in a zTXt), keeping its layout", () => {
    const profile = concat([ascii('Exif\0\0'), TIFF])
    const hex = Buffer.from(profile).toString('hex').replace(/.{72}/g, '$&\n')
    const text = `\nexif\n${String(profile.length).padStart(8)}\n${hex}\n`
    const ztxt = concat([ascii('Raw profile type exif\0\0'), deflateSync(ascii(text))])
    const file = pngWith(pngChunk('zTXt', ztxt))
    expect(findLocation(file).position).toEqual({ latitude: 51.507, longitude: -0.128 })
    const chunk = textChunks(removeLocation(file).bytes)[0]
    const after = inflateSync(chunk?.data.subarray(23) ?? new Uint8Array(0)).toString('latin1')
    expect(after.replace(/[0-9a-f]/g, '0')).toBe(text.replace(/[0-9a-f]/g, '0'))
    const tiff = Buffer.from(after.split('\n').slice(3).join(''), 'hex').subarray(6)
    expect(findLocation(jpegWith(exifSegment(tiff))).hasLocation).toBe(false)
    expect(findLocation(jpegWith(exifSegment(tiff))).damage).toEqual([])
  })

  it("drops ImageMagick's text chunks that are a GPS tag, and keeps the others", () => {
    const property = (keyword: string, value: string) =>
      pngChunk('tEXt', ascii(`${keyword}\0${value}`))
    const file = pngWith(
      property('exif:GPSLatitude', '51/1, 30/1, 264/10'),
      property('exif:Make', 'Apple'),
      property('drone-dji:GpsLongitude', '-0.1276'),
    )
    const { bytes, removed } = removeLocation(file)
    expect(removed).toHaveLength(2)
    expect(textChunks(bytes).map((chunk) => latin1Of(chunk.data))).toEqual(['exif:Make\0Apple'])
    // Each dropped chunk: 12 bytes of length, type and CRC, and its keyword and value.
    expect(bytes.length).toBe(file.length - (12 + 35) - (12 + 30))
  })

  it('says a compressed chunk that does not inflate is not checked, and leaves it', () => {
    const ztxt = pngChunk(
      'zTXt',
      concat([ascii('Raw profile type exif\0'), Uint8Array.of(0, 0x78, 1)]),
    )
    const file = pngWith(ztxt)
    const result = removeLocation(file)
    expect(result.bytes).toBe(file)
    expect(result.damage).toEqual([
      expect.stringMatching(
        /PNG zTXt at byte \d+ \(Raw profile type exif\): cannot be inflated \(or past 4 MB\); not checked/,
      ),
    ])
  })

  it('stops at a chunk that runs past the end, and says so', () => {
    const file = pngWith(pngChunk('eXIf', TIFF)).subarray(0, 60)
    expect(findLocation(file).damage).toEqual([
      expect.stringMatching(/PNG chunk "eXIf" at byte 33 runs past the end/),
    ])
  })
})

describe('WebP', () => {
  it('finds EXIF and XMP after a chunk of odd size, and empties both in place', () => {
    const file = webpWith(
      webpChunk('ICCP', Uint8Array.of(1, 2, 3)),
      webpChunk('EXIF', TIFF),
      webpChunk('XMP ', ascii(GPS_XMP)),
    )
    expect(findLocation(file).places.map((place) => place.kind)).toEqual(['exif', 'xmp'])
    const exifAt = 12 + 18 + 13 + 12
    changedOnlyIn(file, [[exifAt, file.length]])
    expect(findLocation(removeLocation(file).bytes).hasLocation).toBe(false)
  })

  it('reports bytes past the RIFF size', () => {
    const file = concat([webpWith(webpChunk('EXIF', TIFF)), Uint8Array.of(0, 0, 0)])
    expect(findLocation(file).damage).toEqual(['WebP: 3 bytes after the RIFF end'])
  })
})

describe('HEIF', () => {
  it('finds and empties an Exif item stored in idat (construction method 1)', () => {
    const file = heifWith([{ type: 'Exif', data: exifItem(TIFF), idat: true }])
    expect(findLocation(file)).toMatchObject({ format: 'heif', hasLocation: true })
    const at = findIndex(file, exifItem(TIFF))
    changedOnlyIn(file, [[at, at + exifItem(TIFF).length]])
  })

  it('empties an Exif item cut into three extents, writing each part back in place', () => {
    const data = exifItem(TIFF)
    const file = heifWith([{ type: 'Exif', data, cuts: [20, 70] }])
    expect(findLocation(file).position).toEqual({ latitude: 51.507, longitude: -0.128 })
    const { bytes } = removeLocation(file)
    expect(findLocation(bytes).hasLocation).toBe(false)
    const at = findIndex(file, data)
    changedOnlyIn(file, [[at, at + data.length]])
    expect(bytes.subarray(at, at + 20)).toEqual(file.subarray(at, at + 20))
  })

  it('rewrites an XMP item (mime, application/rdf+xml)', () => {
    const file = heifWith([{ type: 'mime', data: ascii(GPS_XMP) }])
    expect(findLocation(file).places.map((place) => place.kind)).toEqual(['xmp'])
    expect(findLocation(removeLocation(file).bytes).hasLocation).toBe(false)
  })

  it('reports an item whose extents lie outside the file, and reads nothing there', () => {
    const file = heifWith([{ type: 'Exif', data: exifItem(TIFF) }], 1_000_000)
    expect(findLocation(file)).toMatchObject({
      hasLocation: false,
      damage: ['HEIF: item 1: its extents lie outside the file'],
    })
  })
})

describe('JPEG', () => {
  it('finds and empties the GPS of an image appended after EOI (MPF), leaving the first as it is', () => {
    const first = jpegWith(exifSegment(new Uint8Array(8).fill(0x49)))
    const second = jpegWith(exifSegment(TIFF))
    const file = concat([first, second])
    expect(findLocation(file).places).toEqual([
      expect.objectContaining({
        where: expect.stringMatching(`image appended at byte ${first.length}: JPEG APP1 at byte 2`),
      }),
    ])
    changedOnlyIn(file, [[first.length, file.length]])
  })

  it('reads extended XMP with a missing part, reports it, and leaves it', () => {
    const guid = 'A'.repeat(32)
    const part = (offset: number, text: string) =>
      concat([
        ascii('http://ns.adobe.com/xmp/extension/\0'),
        ascii(guid),
        Uint8Array.of(0, 0, 1, 0, 0, 0, 0, offset),
        ascii(text),
      ])
    const file = jpegWith(
      xmpSegment(packet('')),
      part(0, '<exif:GPSLatitude>1,2N</exif:GPSLatitude>'),
      part(200, 'rest'),
    )
    const result = removeLocation(file)
    expect(findLocation(file).hasLocation).toBe(true)
    expect(result.bytes).toBe(file)
    expect(result.damage).toEqual([
      `JPEG extended XMP ${guid}: a part is missing or repeated; not changed`,
      `position left in JPEG extended XMP ${guid}: GPSLatitude`,
    ])
  })

  it('stops at a segment that runs past the end, and says so', () => {
    const file = jpegWith(exifSegment(TIFF)).subarray(0, 40)
    expect(findLocation(file).damage).toEqual([
      'JPEG segment at byte 2 runs past the end of the file',
    ])
  })
})

describe('other files', () => {
  it.each([
    ['a GIF', ascii('GIF89a\x01\x00\x01\x00')],
    ['a PDF', ascii('%PDF-1.7\n')],
    ['an MP4 video (ISOBMFF, but no HEIF brand)', ascii('\0\0\0\x18ftypisom\0\0\x02\0isomiso2')],
    ['nothing', new Uint8Array(0)],
  ])('come back as they are from %s', (_, file) => {
    expect(findLocation(file)).toEqual({
      format: null,
      hasLocation: false,
      places: [],
      position: null,
      damage: [],
    })
    expect(removeLocation(file)).toEqual({ bytes: file, removed: [], damage: [] })
  })
})

/** The PNG's text chunks: type and data. */
function textChunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const chunks: { type: string; data: Uint8Array }[] = []
  const view = new DataView(png.buffer, png.byteOffset)
  for (let at = 8; at + 12 <= png.length; at += 12 + view.getUint32(at)) {
    const type = latin1Of(png.subarray(at + 4, at + 8))
    if (/^(tEXt|zTXt|iTXt)$/.test(type))
      chunks.push({ type, data: png.subarray(at + 8, at + 8 + view.getUint32(at)) })
  }
  return chunks
}

const latin1Of = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

function findIndex(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack).indexOf(Buffer.from(needle))
}
