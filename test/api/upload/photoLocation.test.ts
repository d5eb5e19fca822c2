// @vitest-environment node
// inspectPhoto on real makers' layouts (test/fixtures/photos/), judged by exifr and by the bytes:
// what it reads, when it says nothing, and the copy it makes.
import { describe, expect, it, vi } from 'vitest'
import { MAX_INSPECTED_BYTES, inspectPhoto } from '../../../src/api/upload/photoLocation'
import { photo, seen } from '../../domain/location/oracle'

const file = (name: string, type = 'image/jpeg', bytes = photo(name)) =>
  new File([new Uint8Array(bytes)], name, { type, lastModified: 1_700_000_000_000 })
const noPause = async () => {}

describe('inspectPhoto', () => {
  it('finds a phone photo’s position and makes a copy without it, the same length, name, type and date', async () => {
    const original = file('android-rotated-ii.jpg')
    const check = await inspectPhoto(original, { pause: noPause })
    expect(check).toMatchObject({
      found: true,
      position: { latitude: 48.208, longitude: 16.372 },
      left: false,
      damage: [],
    })
    const cleaned = check?.cleaned
    expect(cleaned).toBeInstanceOf(File)
    expect([cleaned?.name, cleaned?.type, cleaned?.lastModified, cleaned?.size]).toEqual([
      original.name,
      original.type,
      original.lastModified,
      original.size,
    ])
    const after = await seen(new Uint8Array(await (cleaned as File).arrayBuffer()))
    expect(after.gps).toEqual([])
    expect(after.tags.ifd0?.Orientation).toBe(6)
  })

  it('says nothing of a photo without a position and without damage', async () => {
    expect(await inspectPhoto(file('nikon-e775-no-gps.jpg'), { pause: noPause })).toBeNull()
  })

  it('reads nothing but the first bytes of a file that is no photo', async () => {
    const text = new File(['just text, no photo at all'], 'notes.txt', { type: 'text/plain' })
    const whole = vi.spyOn(text, 'arrayBuffer')
    expect(await inspectPhoto(text, { pause: noPause })).toBeNull()
    expect(whole).not.toHaveBeenCalled()
  })

  it('names the damage it met, and says the position was left where removal was unsafe', async () => {
    const check = await inspectPhoto(file('damaged-offsets.jpg'), { pause: noPause })
    expect(check?.damage.length).toBeGreaterThan(0)
    expect(check?.damage.join(' ')).toMatch(/IFD/)
  })

  it('makes a PNG copy of another length when its text chunks change', async () => {
    const original = file('imagemagick-dji.png', 'image/png')
    const check = await inspectPhoto(original, { pause: noPause })
    expect(check?.found).toBe(true)
    expect(check?.cleaned?.size).not.toBe(original.size)
    expect((await seen(new Uint8Array(await (check?.cleaned as File).arrayBuffer()))).gps).toEqual(
      [],
    )
  })

  it('lets the page draw between reading, finding and removing', async () => {
    const pause = vi.fn(async () => {})
    await inspectPhoto(file('android-rotated-ii.jpg'), { pause })
    expect(pause).toHaveBeenCalledTimes(2)
  })

  it('does not read a photo over the limit, and says so', async () => {
    const huge = file('android-rotated-ii.jpg')
    Object.defineProperty(huge, 'size', { value: MAX_INSPECTED_BYTES + 1 })
    const whole = vi.spyOn(huge, 'arrayBuffer')
    expect(await inspectPhoto(huge, { pause: noPause })).toMatchObject({
      found: false,
      unread: 'too-large',
    })
    expect(whole).not.toHaveBeenCalled()
  })

  it('says when the browser would not give the bytes, and never rejects', async () => {
    const broken = file('android-rotated-ii.jpg')
    vi.spyOn(broken, 'arrayBuffer').mockRejectedValue(new DOMException('gone', 'NotReadableError'))
    expect(await inspectPhoto(broken, { pause: noPause })).toMatchObject({ unread: 'unreadable' })
  })
})
