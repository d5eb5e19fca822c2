import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../support/emulator'
import { altTextLanguage, colourName } from '../../emulator/altText'
import { assetsUrl, authHeaders, record, sign, uploadAsset } from './helpers'

const local = useEmulator()
let redPng: Buffer

beforeAll(async () => {
  redPng = await sharp({
    create: { width: 400, height: 300, channels: 3, background: '#d01818' },
  })
    .png()
    .toBuffer()
})

function altText(id: number, language?: string): Promise<Response> {
  const query = language === undefined ? '' : `?language=${language}`
  return fetch(assetsUrl(local.emulator, `/${id}/generate_image_alt_text${query}`), {
    headers: authHeaders(local.emulator),
  })
}

async function altTextOf(id: number, language?: string): Promise<unknown> {
  const response = await altText(id, language)
  expect(response.status).toBe(200)
  return await response.json()
}

describe('generate_image_alt_text', () => {
  it('describes the image by type, size and colour, marked as emulated', async () => {
    const { id } = await uploadAsset(local.emulator, 'poppy.png', redPng)
    expect(await altTextOf(id, 'en')).toEqual({
      response: '[Emulated AI] A red PNG image, 400 × 300 pixels',
    })
    expect(await altTextOf(id, 'de')).toEqual({
      response: '[Emuliert] Ein rotes PNG-Bild, 400 × 300 Pixel',
    })
  })

  it('answers English without a language or for one it does not speak', async () => {
    const orange = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#f08010' },
    })
      .jpeg()
      .toBuffer()
    const { id } = await uploadAsset(local.emulator, 'sunset.jpg', orange)
    const english = { response: '[Emulated AI] An orange JPEG image, 64 × 48 pixels' }
    expect(await altTextOf(id)).toEqual(english)
    expect(await altTextOf(id, 'fr')).toEqual(english)
    expect(await altTextOf(id, 'de-AT')).toEqual({
      response: '[Emuliert] Ein orangefarbenes JPEG-Bild, 64 × 48 Pixel',
    })
  })

  it('answers 404 with Storyblok’s body for an unknown asset', async () => {
    const response = await altText(424242, 'en')
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual(['This record could not be found'])
  })

  it('answers 422 for an asset that is not an uploaded image', async () => {
    const signed = await sign(local.emulator, { filename: 'later.png' })
    const notUploaded = await altText(signed.id)
    expect(notUploaded.status).toBe(422)
    expect(record(await notUploaded.json())['error']).toMatch(/uploaded image/)
    const { id } = await uploadAsset(local.emulator, 'notes.txt', Buffer.from('plain text'))
    const text = await altText(id)
    expect(text.status).toBe(422)
    expect(await text.json()).toEqual({
      error: 'Alt text can only be generated for images; this file is text/plain',
    })
    const broken = await uploadAsset(local.emulator, 'broken.png', Buffer.from('not a png'))
    expect((await altText(broken.id)).status).toBe(422)
  })

  it('goes through auth, faults and the rate limit, counted as `alt_text`', async () => {
    const { id } = await uploadAsset(local.emulator, 'poppy.png', redPng)
    const anonymous = await fetch(assetsUrl(local.emulator, `/${id}/generate_image_alt_text`))
    expect(anonymous.status).toBe(401)
    await local.control.addFault({ route: 'alt_text', patch: { response: 'A poppy field' } })
    expect(await altTextOf(id)).toEqual({ response: 'A poppy field' })
    await local.control.setConfig({ rateLimit: 1 })
    const statuses = await Promise.all(
      [altText(id), altText(id)].map(async (r) => (await r).status),
    )
    expect(statuses.sort()).toEqual([200, 429])
    expect((await local.control.state()).requests['alt_text']).toBe(4)
  })
})

describe('colourName', () => {
  it('names colours from a small palette', () => {
    const named = [
      [0, 0, 0],
      [255, 255, 255],
      [128, 128, 128],
      [200, 20, 20],
      [240, 130, 20],
      [110, 60, 20],
      [240, 220, 30],
      [30, 160, 60],
      [30, 80, 200],
      [120, 40, 170],
      [250, 160, 190],
    ].map(([r = 0, g = 0, b = 0]) => colourName(r, g, b))
    expect(named).toEqual([
      'black',
      'white',
      'grey',
      'red',
      'orange',
      'brown',
      'yellow',
      'green',
      'blue',
      'purple',
      'pink',
    ])
  })

  it('reads German from de and its regional forms only', () => {
    expect(['de', 'DE-ch', 'de_AT', 'dk', 'en', null].map(altTextLanguage)).toEqual([
      'de',
      'de',
      'de',
      'en',
      'en',
      'en',
    ])
  })
})
