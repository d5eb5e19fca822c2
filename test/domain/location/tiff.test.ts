// @vitest-environment node
// The GPS IFD of an EXIF block, in both byte orders, and what a damaged block does to it.
import { describe, expect, it } from 'vitest'
import { findLocation, removeLocation } from '../../../src/domain/location'
import { LONDON, PHONE, buildTiff, exifSegment, jpegWith, type Order } from './build'

/** The TIFF block's offset in `jpegWith(exifSegment(tiff))`: SOI, APP1 header, `Exif\0\0`. */
const TIFF_AT = 2 + 4 + 6
const LONDON_AT = { latitude: 51.507, longitude: -0.128 }

describe('the EXIF GPS IFD', () => {
  it.each<[Order]>([['II'], ['MM']])('is found in %s byte order, with its position', (order) => {
    const report = findLocation(jpegWith(exifSegment(PHONE(order).bytes)))
    expect(report).toMatchObject({ format: 'jpeg', hasLocation: true, position: LONDON_AT })
    expect(report.places).toEqual([
      { kind: 'exif', where: 'JPEG APP1 at byte 2 (Exif): GPS IFD (5 tags)', position: LONDON_AT },
    ])
  })

  it.each<[Order]>([['II'], ['MM']])(
    'is emptied where it stands in %s: count 0, entries and values zeroed, IFD0 untouched',
    (order) => {
      const tiff = PHONE(order)
      const file = jpegWith(exifSegment(tiff.bytes))
      const { bytes, removed } = removeLocation(file)
      const gps = TIFF_AT + (tiff.ifdAt[1] ?? 0)
      expect(removed).toHaveLength(1)
      expect(bytes.length).toBe(file.length)
      // Everything from the GPS IFD to the block's end is its table and its values.
      expect([...bytes.subarray(gps, TIFF_AT + tiff.bytes.length)].every((b) => b === 0)).toBe(true)
      expect(bytes.subarray(0, gps)).toEqual(file.subarray(0, gps))
      expect(bytes.subarray(TIFF_AT + tiff.bytes.length)).toEqual(
        file.subarray(TIFF_AT + tiff.bytes.length),
      )
    },
  )

  it('is found when a writer put its pointer in the Exif IFD', () => {
    const tiff = buildTiff('II', [[{ tag: 0x8769, ifd: 1 }], [{ tag: 0x8825, ifd: 2 }], LONDON])
    expect(findLocation(jpegWith(exifSegment(tiff.bytes))).position).toEqual(LONDON_AT)
  })

  it('keeps a GPS value that another IFD also points to, and says so', () => {
    const tiff = PHONE('MM')
    // The latitude's rationals made to start at IFD0's make ("Apple"): damage, not data.
    const view = new DataView(tiff.bytes.buffer)
    const latitudeEntry = (tiff.ifdAt[1] ?? 0) + 2 + 12
    view.setUint32(latitudeEntry + 8, tiff.valueAt.get(`0:${0x010f}`) ?? 0)
    const file = jpegWith(exifSegment(tiff.bytes))
    const { bytes, damage } = removeLocation(file)
    expect(damage).toEqual([
      expect.stringMatching(/GPS tag 2 shares its value with other EXIF data/),
    ])
    expect(
      String.fromCharCode(
        ...bytes.subarray(TIFF_AT + (tiff.valueAt.get('0:271') ?? 0)).subarray(0, 5),
      ),
    ).toBe('Apple')
  })

  it('is left as it is when it overlaps IFD0, and the damage says so', () => {
    const tiff = buildTiff('II', [
      [
        { tag: 0x8825, ifd: 0 },
        { tag: 2, type: 4, values: [1] },
      ],
    ])
    const file = jpegWith(exifSegment(tiff.bytes))
    const { bytes, damage } = removeLocation(file)
    expect(bytes).toBe(file)
    expect(damage).toEqual([
      expect.stringMatching(/GPS IFD overlaps another IFD; left as is/),
      expect.stringMatching(/^position left in JPEG APP1 at byte 2 \(Exif\): GPS IFD/),
    ])
  })

  it('is still emptied when the IFD chain loops back to IFD0', () => {
    const tiff = buildTiff('MM', [[{ tag: 0x8825, ifd: 1 }], LONDON], [0])
    const { removed, damage } = removeLocation(jpegWith(exifSegment(tiff.bytes)))
    expect(damage).toEqual([expect.stringMatching(/IFD1 offset 8 loops back to an earlier IFD/)])
    expect(removed).toHaveLength(1)
  })

  it('is emptied without reading past the block when a count is 2^32 - 1', () => {
    const tiff = PHONE('II')
    new DataView(tiff.bytes.buffer).setUint32((tiff.ifdAt[1] ?? 0) + 2 + 12 + 4, 0xffffffff, true)
    const file = jpegWith(exifSegment(tiff.bytes))
    expect(findLocation(file).position).toBeNull()
    const { bytes, removed } = removeLocation(file)
    expect(removed).toHaveLength(1)
    expect(findLocation(bytes).hasLocation).toBe(false)
  })

  it('reports an IFD that claims more entries than the block holds', () => {
    const tiff = PHONE('MM')
    new DataView(tiff.bytes.buffer).setUint16(tiff.ifdAt[0] ?? 0, 0xffff)
    expect(findLocation(jpegWith(exifSegment(tiff.bytes))).damage).toEqual([
      expect.stringMatching(/IFD0 claims 65535 entries, only \d+ fit/),
    ])
  })

  it('reports an Exif IFD offset past the block, and a block without a TIFF header', () => {
    const tiff = buildTiff('II', [[{ tag: 0x8769, type: 4, values: [5000] }]])
    const noHeader = exifSegment(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8))
    expect(findLocation(jpegWith(exifSegment(tiff.bytes), noHeader)).damage).toEqual([
      expect.stringMatching(/Exif IFD offset 5000 points outside the EXIF block \(\d+ bytes\)/),
      `JPEG APP1 at byte ${TIFF_AT + tiff.bytes.length} (Exif): no TIFF header, EXIF not read`,
    ])
  })
})
