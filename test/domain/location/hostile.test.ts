// @vitest-environment node
// Hostile and broken input: random bytes behind each format's signature, every truncation of
// real photos, random byte changes in their metadata, cycles and huge counts, and inputs
// built to make a careless walker quadratic. Nothing throws, nothing changes length, the
// image data never changes, and the work stays linear.
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { findLocation, removeLocation } from '../../../src/domain/location'
import { PHONE, ascii, buildTiff, concat, exifSegment, jpegWith, packet, xmpSegment } from './build'
import { jpegPieces } from './containers'
import { photo } from './oracle'
import { pngChunk, pngWith, webpChunk, webpWith, heifWith, exifItem } from './wrap'

// Each input is some 1 to 8 MB: linear work takes well under a second even on a busy
// machine (about 100 ns a byte of XMP); quadratic work would take hours.
const LIMIT_MS = 5000
/** Vitest's own limit for the slow tests: the whole suite shares two cores. */
const TIMEOUT_MS = 60_000
const MB = 1 << 20

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

/** Both functions on `bytes`: no throw, no internal error, the same length back (but PNG). */
function survives(bytes: Uint8Array): Uint8Array {
  const report = findLocation(bytes)
  const result = removeLocation(bytes)
  const unexpected = [...report.damage, ...result.damage].filter((text) =>
    text.includes('unexpected'),
  )
  expect(unexpected).toEqual([])
  // PNG alone may change length: a chunk dropped, or stored anew uncompressed.
  if (bytes[0] !== 0x89) expect(result.bytes.length).toBe(bytes.length)
  return result.bytes
}

/** Whether the entropy-coded image (SOS on, as the tests' own walker finds it) is the same. */
function sameImage(a: Uint8Array, b: Uint8Array): boolean {
  const [imageA, imageB] = [a, b].map((bytes) => jpegPieces(Buffer.from(bytes)).at(-1)?.bytes)
  return imageA !== undefined && imageB !== undefined && imageA.equals(imageB)
}

const SIGNATURES: [string, Uint8Array][] = [
  ['JPEG', Uint8Array.of(0xff, 0xd8, 0xff, 0xe1)],
  ['PNG', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
  ['WebP', ascii('RIFF\xff\xff\x00\x00WEBP')],
  ['HEIF', ascii('\x00\x00\x00\x18ftypheic')],
]

describe('hostile input', { timeout: TIMEOUT_MS }, () => {
  it.each(SIGNATURES)('survives 300 random files behind a %s signature', (_, signature) => {
    const next = random(signature.length)
    for (let run = 0; run < 300; run++) {
      const noise = Uint8Array.from({ length: Math.floor(next() * 2048) }, () => next() * 256)
      survives(concat([signature, noise]))
    }
  })

  it.each([
    ['android-rotated-ii.jpg'],
    ['extended-xmp.jpg'],
    ['dji-exif-xmp.jpg'],
    ['exif-xmp.png'],
    ['exif-xmp.webp'],
    ['android.heic'],
  ])('survives %s cut at every offset, and never changes the JPEG image data', (name) => {
    const whole = photo(name)
    for (let end = 0; end <= whole.length; end++) {
      const cut = whole.subarray(0, end)
      const after = survives(cut)
      if (name.endsWith('.jpg') && !sameImage(after, cut)) expect.fail(`cut at ${end}`)
    }
  })

  it.each([
    ['iphone-p3-rotated-mm.jpg'],
    ['canon-gps-ii.jpg'],
    ['exif-xmp.webp'],
    ['android.heic'],
  ])('survives 1000 random byte changes in the metadata of %s', (name) => {
    const whole = photo(name)
    const next = random(whole.length)
    for (let run = 0; run < 1000; run++) {
      const changed = whole.slice()
      for (let hit = 0; hit < 1 + next() * 4; hit++)
        changed[Math.floor(next() * Math.min(2048, whole.length))] = next() * 256
      const after = survives(changed)
      if (name.endsWith('.jpg') && !sameImage(after, changed)) expect.fail(`run ${run}`)
    }
  })

  it('stops at IFD cycles: IFD0 → itself, the Exif IFD → IFD0, the GPS IFD → IFD0', () => {
    const tiff = buildTiff(
      'MM',
      [
        [
          { tag: 0x8769, ifd: 0 },
          { tag: 0x8825, ifd: 0 },
        ],
      ],
      [0],
    )
    const { damage } = removeLocation(jpegWith(exifSegment(tiff.bytes)))
    expect(damage).toContainEqual(expect.stringMatching(/loops back/))
  })

  it('takes counts of 2^32 - 1 in every entry without reading or writing past the block', () => {
    const tiff = PHONE('II')
    const view = new DataView(tiff.bytes.buffer)
    for (const ifd of tiff.ifdAt)
      for (let entry = 0; entry < view.getUint16(ifd, true); entry++)
        view.setUint32(ifd + 2 + entry * 12 + 4, 0xffffffff, true)
    survives(jpegWith(exifSegment(tiff.bytes)))
  })

  it('takes an iloc that claims 2^32 - 1 items with empty fields', () => {
    const file = heifWith([{ type: 'Exif', data: exifItem(PHONE('MM').bytes) }])
    const iloc = Buffer.from(file).indexOf('iloc')
    // Version 2 (32-bit item count), every size 0, the count at its largest.
    file.set([2, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff], iloc + 4)
    survives(file)
  })
})

/** Milliseconds for both functions on `bytes`. */
function timed(bytes: Uint8Array): number {
  const start = performance.now()
  survives(bytes)
  return performance.now() - start
}

describe('work on hostile input', { timeout: TIMEOUT_MS }, () => {
  it('is linear for a JPEG trailer of nothing but EOI, SOI pairs', () => {
    const pairs = new Uint8Array(8 * MB)
    for (let at = 0; at + 4 <= pairs.length; at += 4) pairs.set([0xff, 0xd9, 0xff, 0xd8], at)
    expect(timed(concat([jpegWith(), pairs]))).toBeLessThan(LIMIT_MS)
  })

  it('is linear for an XMP packet of unclosed GPS attributes and elements', () => {
    const text = ' exif:GPSLatitude="1'.repeat(50_000) + '<exif:GPSLatitude>'.repeat(50_000)
    const itxt = concat([
      ascii('XML:com.adobe.xmp\0'),
      Uint8Array.of(0, 0, 0, 0),
      ascii(packet(text)),
    ])
    expect(timed(pngWith(pngChunk('iTXt', itxt)))).toBeLessThan(LIMIT_MS)
  })

  it('is linear for an XMP packet of 20,000 GPS properties', () => {
    const text = '<exif:GPSLatitude>1,2N</exif:GPSLatitude> exif:GPSAltitude="1"'.repeat(10_000)
    const file = webpWith(webpChunk('XMP ', ascii(packet(text))))
    expect(timed(file)).toBeLessThan(LIMIT_MS)
    expect(findLocation(removeLocation(file).bytes).hasLocation).toBe(false)
  })

  it('is linear for a GPS IFD of 65,535 entries whose values all overlap', () => {
    const entries: { tag: number; type: 5; values: number[] }[] = Array.from(
      { length: 65_535 },
      (_, tag) => ({ tag, type: 5, values: [1, 1] }),
    )
    const tiff = buildTiff('II', [[{ tag: 0x8825, ifd: 1 }], entries])
    const view = new DataView(tiff.bytes.buffer)
    const gps = tiff.ifdAt[1] ?? 0
    for (let entry = 0; entry < 65_535; entry++)
      view.setUint32(gps + 2 + entry * 12 + 8, gps + 2, true)
    expect(timed(pngWith(pngChunk('eXIf', tiff.bytes)))).toBeLessThan(LIMIT_MS)
  })

  it('inflates no more than 4 MB of compressed PNG text, however many chunks ask for more', () => {
    // Each chunk: 16 KB that inflate to 16 MB of XMP-looking text.
    const bomb = deflateSync(Buffer.alloc(16 * MB, ' exif:GPSLatitude="1"'), { level: 9 })
    const chunk = pngChunk('zTXt', concat([ascii('XML:com.adobe.xmp\0\0'), bomb]))
    const file = pngWith(...new Array<Uint8Array>(20).fill(chunk))
    expect(timed(file)).toBeLessThan(LIMIT_MS)
    expect(findLocation(file).damage).toHaveLength(20)
  })

  it('is linear for 15,000 extended XMP parts', () => {
    const guid = ascii('B'.repeat(32))
    const parts = Array.from({ length: 15_000 }, (_, index) =>
      concat([
        ascii('http://ns.adobe.com/xmp/extension/\0'),
        guid,
        Uint8Array.of(0, 0x0f, 0x42, 0x40),
        new Uint8Array(new Uint32Array([index * 40]).buffer).reverse(),
        ascii('<exif:GPSLatitude>1,2N</exif:GPSLatitude>'.slice(0, 40)),
      ]),
    )
    expect(timed(jpegWith(xmpSegment(packet('')), ...parts))).toBeLessThan(LIMIT_MS)
  })
})
