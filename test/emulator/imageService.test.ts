import sharp from 'sharp'
import { noisePhoto } from '../fixtures/photo'
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../support/emulator'
import { assetsUrl, authHeaders, record, uploadAsset } from './helpers'

const local = useEmulator({ resetEachTest: false })
/** 400×200: the left half red, the right half blue (to see where a crop or flip went). */
let halves: Buffer
let halvesUrl: string

beforeAll(async () => {
  const blue = await sharp({
    create: { width: 200, height: 200, channels: 3, background: '#0000ff' },
  })
    .png()
    .toBuffer()
  halves = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#ff0000' } })
    .composite([{ input: blue, left: 200, top: 0 }])
    .png()
    .toBuffer()
  halvesUrl = (await uploadAsset(local.emulator, 'halves.png', halves)).cdnUrl
})

async function image(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ response: Response; body: Buffer; width: number; height: number; format: string }> {
  const response = await fetch(url, { headers })
  expect(response.status).toBe(200)
  const body = Buffer.from(await response.arrayBuffer())
  const { width, height, format } = await sharp(body).metadata()
  return { response, body, width, height, format }
}

/** Mean red and blue of an image (0–255), to tell the two halves apart. */
async function redAndBlue(body: Buffer): Promise<{ red: number; blue: number }> {
  const { channels } = await sharp(body).stats()
  return { red: channels[0]?.mean ?? -1, blue: channels[2]?.mean ?? -1 }
}

describe('image service on a large photo', () => {
  let photo: Buffer
  let photoUrl: string

  beforeAll(async () => {
    photo = await noisePhoto()
    photoUrl = (await uploadAsset(local.emulator, 'noise.jpg', photo)).cdnUrl
  }, 60_000)

  it('serves /m/400x300 really resized, and the original URL still the original bytes', async () => {
    expect(photo.length).toBeGreaterThan(19_000_000)
    const resized = await image(`${photoUrl}/m/400x300`)
    expect.soft(resized.width).toEqual(400)
    expect.soft(resized.height).toEqual(300)
    expect.soft(resized.format).toEqual('jpeg')
    expect(resized.response.headers.get('content-type')).toBe('image/jpeg')
    expect(resized.body.length).toBeLessThan(200_000)
    const original = await fetch(photoUrl)
    expect(Buffer.from(await original.arrayBuffer()).equals(photo)).toBe(true)
  })
})

describe('image service operations', () => {
  it('converts /m/ to WebP only for a client that accepts it, and says it varies', async () => {
    const webp = await image(`${halvesUrl}/m/`, { Accept: 'image/avif,image/webp,*/*' })
    expect.soft(webp.format).toEqual('webp')
    expect.soft(webp.width).toEqual(400)
    expect.soft(webp.height).toEqual(200)
    expect(webp.response.headers.get('vary')).toMatch(/Accept/)
    const plain = await image(`${halvesUrl}/m/`)
    expect.soft(plain.format).toEqual('png')
    expect.soft(plain.response.headers.get('content-type')).toEqual('image/png')
  })

  it('caps a size above 4000 px, keeping the ratio', async () => {
    const capped = await image(`${halvesUrl}/m/8000x0/filters:format(png)`)
    expect.soft(capped.width).toEqual(4000)
    expect.soft(capped.height).toEqual(2000)
  })

  it('keeps the ratio with one side 0, and fits inside the box with fit-in', async () => {
    const sizes = []
    for (const suffix of [
      '/m/200x0',
      '/m/0x50',
      '/m/fit-in/100x100',
      '/m/800x0/filters:no_upscale()',
    ])
      sizes.push(await image(halvesUrl + suffix).then(({ width, height }) => [width, height]))
    expect(sizes).toEqual([
      [200, 100],
      [100, 50],
      [100, 50],
      [400, 200],
    ])
    const filled = await image(`${halvesUrl}/m/fit-in/100x100/filters:fill(00ff00)`)
    expect.soft(filled.width).toEqual(100)
    expect.soft(filled.height).toEqual(100)
  })

  it('crops WxH around the focal point', async () => {
    const right = await image(`${halvesUrl}/m/100x100/filters:focal(300x100:301x101)`)
    expect.soft(right.width).toEqual(100)
    expect.soft(right.height).toEqual(100)
    // Only the resampled column at the edge may blend a little.
    expect(await redAndBlue(right.body)).toEqual({
      red: expect.closeTo(0, 0),
      blue: expect.closeTo(255, 0),
    })
    const left = await image(`${halvesUrl}/m/100x100/filters:focal(10x10:11x11)`)
    expect(await redAndBlue(left.body)).toEqual({
      red: expect.closeTo(255, 0),
      blue: expect.closeTo(0, 0),
    })
    const centre = await redAndBlue((await image(`${halvesUrl}/m/100x100`)).body)
    expect(centre.red).toBeGreaterThan(50)
    expect(centre.blue).toBeGreaterThan(50)
  })

  it('flips with a negative size', async () => {
    const flipped = await image(`${halvesUrl}/m/-40x0/filters:format(png)`)
    const left = await sharp(flipped.body)
      .extract({ left: 0, top: 0, width: 10, height: 10 })
      .toBuffer()
    expect(await redAndBlue(left)).toEqual({
      red: expect.closeTo(0, 0),
      blue: expect.closeTo(255, 0),
    })
  })

  it('converts with format() and compresses with quality()', async () => {
    const formats = []
    for (const format of ['webp', 'jpeg', 'png', 'avif'])
      formats.push((await image(`${halvesUrl}/m/40x20/filters:format(${format})`)).format)
    expect(formats).toEqual(['webp', 'jpeg', 'png', 'heif'])
    const low = await image(`${halvesUrl}/m/filters:format(jpeg):quality(5)`)
    const high = await image(`${halvesUrl}/m/filters:format(jpeg):quality(95)`)
    expect(low.body.length).toBeLessThan(high.body.length)
  })

  it('answers 400 for a URL it does not understand', async () => {
    for (const suffix of ['/m/big', '/m/100x100/filters:format(bmp)', '/m/fit-in/']) {
      const response = await fetch(halvesUrl + suffix)
      expect(response.status).toBe(400)
      expect(await response.text()).toMatch(/^Invalid image service URL/)
    }
  })

  it('answers the same ETag from its cache, 304 to If-None-Match, and HEAD without a body', async () => {
    const before = Number((await local.control.state()).requests['cdn'])
    const first = await fetch(`${halvesUrl}/m/50x50`)
    const etag = first.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/)
    const again = await fetch(`${halvesUrl}/m/50x50`, { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    const head = await fetch(`${halvesUrl}/m/50x50`, { method: 'HEAD' })
    expect(head.headers.get('content-length')).toBe(first.headers.get('content-length'))
    expect(await head.text()).toBe('')
    expect(Number((await local.control.state()).requests['cdn'])).toBe(before + 3)
  })

  it('refuses a private asset without a signature, and resizes it with one', async () => {
    const { id, cdnUrl } = await uploadAsset(local.emulator, 'secret.png', halves)
    const update = await fetch(assetsUrl(local.emulator, `/${id}`), {
      method: 'PUT',
      headers: authHeaders(local.emulator, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ asset: { is_private: true } }),
    })
    expect(update.status).toBe(204)
    expect((await fetch(`${cdnUrl}/m/100x100`)).status).toBe(403)
    const params = new URLSearchParams({ token: local.emulator.assetToken, filename: cdnUrl })
    const me = await fetch(`${local.emulator.url}/v2/cdn/assets/me?${params.toString()}`)
    const signed = new URL(String(record(record(await me.json())['asset'])['signed_url']))
    const resized = await image(`${cdnUrl}/m/100x100${signed.search}`)
    expect.soft(resized.width).toEqual(100)
    expect.soft(resized.height).toEqual(100)
  })
})
