// @vitest-environment node
// Real layouts (test/fixtures/photos/README.md): each photo with a position is found, and
// removal leaves exifr and libvips reading no GPS tag and every other tag as before, the
// file's length, every other segment, chunk or box, and the decoded pixels unchanged.
import { describe, expect, it } from 'vitest'
import { findLocation, removeLocation } from '../../../src/domain/location'
import { CONTAINERS, changedRuns } from './containers'
import { blockSpans, photo, pixels, seen } from './oracle'

type Format = keyof typeof CONTAINERS
const VIENNA = { latitude: 48.208, longitude: 16.372 }
/** ImageMagick's PNG loses whole text chunks (see the last test): the rest is in place. */
const IN_PLACE = (name: string) => name !== 'imagemagick-dji.png'

const WITH_POSITION: [name: string, format: Format, kinds: string[]][] = [
  ['apple-iphone7-mm.jpg', 'jpeg', ['exif']],
  ['iphone-p3-rotated-mm.jpg', 'jpeg', ['exif']],
  ['android-rotated-ii.jpg', 'jpeg', ['exif']],
  ['canon-gps-ii.jpg', 'jpeg', ['exif']],
  ['pentax-gps-mm.jpg', 'jpeg', ['exif']],
  ['gopro-hero6-mm.jpg', 'jpeg', ['exif']],
  ['fujifilm-s1pro-ii.jpg', 'jpeg', ['exif']],
  ['xmp-gps.jpg', 'jpeg', ['xmp']],
  ['extended-xmp.jpg', 'jpeg', ['xmp']],
  ['dji-exif-xmp.jpg', 'jpeg', ['exif', 'xmp']],
  ['damaged-offsets.jpg', 'jpeg', ['exif']],
  ['damaged-truncated.jpg', 'jpeg', ['exif']],
  ['exif-xmp.png', 'png', ['xmp', 'exif']],
  ['imagemagick-dji.png', 'png', ['xmp', 'exif', 'text']],
  ['exif-xmp.webp', 'webp', ['exif', 'xmp']],
  ['android.heic', 'heif', ['exif', 'xmp']],
  ['android.avif', 'heif', ['exif']],
  ['apple-gps.heic', 'heif', ['exif']],
]

describe('findLocation on real layouts', () => {
  it.each(WITH_POSITION)('finds the position in %s (%s)', async (name, format, kinds) => {
    const report = findLocation(photo(name))
    const exifr = (await seen(photo(name))).position
    expect(report.format).toBe(format)
    expect(report.hasLocation).toBe(true)
    expect([...new Set(report.places.map((place) => place.kind))]).toEqual(kinds)
    if (name === 'damaged-truncated.jpg') expect(report.position).toBeNull()
    else if (exifr) {
      expect(report.position?.latitude).toBeCloseTo(Number(exifr.latitude), 3)
      expect(report.position?.longitude).toBeCloseTo(Number(exifr.longitude), 3)
    } else expect(report.position).toEqual(VIENNA)
  })

  it.each([['nikon-e775-no-gps.jpg'], ['apple-no-exif.heic']])(
    'finds none in %s, which has none',
    (name) => {
      expect(findLocation(photo(name))).toMatchObject({ hasLocation: false, damage: [] })
    },
  )

  it('reports no damage in the undamaged photos', () => {
    const damaged = WITH_POSITION.filter(([name]) => !name.startsWith('damaged-'))
      .map(([name]) => ({ name, damage: findLocation(photo(name)).damage }))
      .filter(({ damage }) => damage.length > 0)
    expect(damaged).toEqual([])
  })
})

describe('removeLocation on real layouts', () => {
  it.each(WITH_POSITION)('leaves no GPS tag or property in %s', async (name) => {
    expect((await seen(photo(name))).gps).not.toEqual([])
    const { bytes, removed } = removeLocation(photo(name))
    expect(removed).toHaveLength(findLocation(photo(name)).places.length)
    expect((await seen(bytes)).gps).toEqual([])
    expect(findLocation(bytes).hasLocation).toBe(false)
  })

  it.each(WITH_POSITION)('keeps every other tag of %s and its colour profile', async (name) => {
    const before = await seen(photo(name))
    const after = await seen(removeLocation(photo(name)).bytes)
    expect(after.tags).toEqual(before.tags)
    expect(after.icc).toEqual(before.icc)
  })

  it.each(WITH_POSITION.filter(([name]) => IN_PLACE(name)))(
    'keeps the length of %s and every part but its metadata byte-identical',
    (name, format) => {
      const original = Buffer.from(photo(name))
      const removed = Buffer.from(removeLocation(photo(name)).bytes)
      expect(removed.length).toBe(original.length)
      const { pieces, metadata } = CONTAINERS[format]
      const [before, after] = [pieces(original), pieces(removed)]
      expect(after.map((piece) => [piece.name, piece.bytes.length])).toEqual(
        before.map((piece) => [piece.name, piece.bytes.length]),
      )
      const changed = after.filter(
        (piece, index) => !piece.bytes.equals(before[index]?.bytes ?? Buffer.alloc(0)),
      )
      expect(changed.length).toBeGreaterThan(0)
      expect(changed.filter((piece) => !metadata.has(piece.name))).toEqual([])
    },
  )

  it.each(WITH_POSITION.filter(([, format]) => format === 'heif'))(
    'changes only bytes of the EXIF and XMP blocks of %s',
    async (name) => {
      const original = Buffer.from(photo(name))
      const spans = await blockSpans(original)
      expect(spans.length).toBeGreaterThan(0)
      const runs = changedRuns(original, removeLocation(original).bytes)
      expect(runs.length).toBeGreaterThan(0)
      const outside = runs.filter(
        ([start, end]) => !spans.some(([from, to]) => start >= from && end <= to),
      )
      expect(outside).toEqual([])
    },
  )

  it.each(WITH_POSITION.filter(([name]) => !name.endsWith('.heic')))(
    'decodes %s to the same pixels',
    async (name) => {
      const original = photo(name)
      expect((await pixels(removeLocation(original).bytes)).equals(await pixels(original))).toBe(
        true,
      )
    },
  )

  it.each([['nikon-e775-no-gps.jpg'], ['apple-no-exif.heic']])(
    'returns %s as it is, with nothing removed',
    (name) => {
      const original = photo(name)
      const result = removeLocation(original)
      expect(result.removed).toEqual([])
      expect(result.bytes).toBe(original)
    },
  )
})

describe("ImageMagick's PNG", () => {
  it('loses its position chunks and its XMP stored anew, and keeps every other chunk as it was', () => {
    const original = Buffer.from(photo('imagemagick-dji.png'))
    const removed = Buffer.from(removeLocation(original).bytes)
    const [before, after] = [original, removed].map((file) => CONTAINERS.png.pieces(file))
    const text = /^(tEXt|zTXt|iTXt|eXIf)$/
    const others = (pieces: typeof before = []) =>
      pieces.filter((piece) => !text.test(piece.name)).map((piece) => piece.bytes.toString('hex'))
    expect(others(after)).toEqual(others(before))
    const keywords = (pieces: typeof before = []) =>
      pieces
        .filter((piece) => piece.name === 'tEXt')
        .map((piece) => piece.bytes.toString('latin1', 8).split('\0')[0])
    expect(keywords(after)).toEqual(
      keywords(before).filter((keyword) => !/:(GPS|Gps|AbsoluteAltitude)/.test(keyword ?? '')),
    )
    expect(keywords(after)).toContain('exif:Copyright')
  })
})

describe('damaged EXIF', () => {
  it('says which offsets are wrong, and still removes the intact GPS IFD', () => {
    const result = removeLocation(photo('damaged-offsets.jpg'))
    expect(result.damage).toEqual([
      expect.stringMatching(/IFD1 offset 8 loops back to an earlier IFD/),
      expect.stringMatching(/Exif IFD offset \d+ points outside the EXIF block/),
    ])
    expect(result.removed).toEqual([expect.stringMatching(/GPS IFD \(11 tags\)/)])
  })

  it('empties a GPS IFD cut short, and says how many entries were lost', () => {
    const result = removeLocation(photo('damaged-truncated.jpg'))
    expect(result.damage).toEqual([expect.stringMatching(/GPS IFD claims 11 entries, only 5 fit/)])
    expect(result.removed).toEqual([expect.stringMatching(/GPS IFD \(5 tags\)/)])
  })
})
