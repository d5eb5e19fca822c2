import { describe, expect, it } from 'vitest'
import { PNG_1X1, assetsUrl, authHeaders, record, s3Error, uploadAsset } from './helpers'
import { useEmulator } from '../support/emulator'

const local = useEmulator()

const TEXT = Buffer.from('0123456789abcdefghij')

async function makePrivate(id: number): Promise<void> {
  const response = await fetch(assetsUrl(local.emulator, `/${id}`), {
    method: 'PUT',
    headers: authHeaders(local.emulator, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ asset: { is_private: true } }),
  })
  expect(response.status).toBe(204)
}

function assetMe(filename: string, token = local.emulator.assetToken): Promise<Response> {
  const params = new URLSearchParams({ token, filename })
  return fetch(`${local.emulator.url}/v2/cdn/assets/me?${params.toString()}`)
}

async function signedUrl(filename: string): Promise<string> {
  const response = await assetMe(filename)
  expect(response.status).toBe(200)
  const asset = record(record(await response.json())['asset'])
  return String(asset['signed_url'])
}

describe('asset CDN', () => {
  it('serves the bytes with Content-Type, Content-Length, ETag and Cache-Control', async () => {
    const { cdnUrl } = await uploadAsset(local.emulator, 'pixel.png', PNG_1X1)
    const response = await fetch(cdnUrl)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('content-length')).toBe(String(PNG_1X1.length))
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    expect(response.headers.get('cache-control')).toBe('public; max-age=31536000')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG_1X1)).toBe(true)
  })

  it('answers HEAD with the headers and no body', async () => {
    const { cdnUrl } = await uploadAsset(local.emulator, 'notes.txt', TEXT)
    const response = await fetch(cdnUrl, { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain')
    expect(response.headers.get('content-length')).toBe(String(TEXT.length))
    expect(await response.text()).toBe('')
  })

  it('answers a single Range with 206 and the slice', async () => {
    const { cdnUrl } = await uploadAsset(local.emulator, 'notes.txt', TEXT)
    const response = await fetch(cdnUrl, { headers: { Range: 'bytes=2-5' } })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes 2-5/${TEXT.length}`)
    expect(await response.text()).toBe('2345')
    const suffix = await fetch(cdnUrl, { headers: { Range: 'bytes=-3' } })
    expect(await suffix.text()).toBe('hij')
  })

  it('answers 416 for a range past the end', async () => {
    const { cdnUrl } = await uploadAsset(local.emulator, 'notes.txt', TEXT)
    const response = await fetch(cdnUrl, { headers: { Range: 'bytes=100-' } })
    expect(response.status).toBe(416)
    expect(response.headers.get('content-range')).toBe(`bytes */${TEXT.length}`)
  })

  it('answers 304 to a matching If-None-Match', async () => {
    const { cdnUrl } = await uploadAsset(local.emulator, 'notes.txt', TEXT)
    const etag = (await fetch(cdnUrl)).headers.get('etag') ?? ''
    const response = await fetch(cdnUrl, { headers: { 'If-None-Match': etag } })
    expect(response.status).toBe(304)
  })

  it('serves an SVG unchanged on image-service URLs (it cannot be resized)', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>')
    const { cdnUrl } = await uploadAsset(local.emulator, 'logo.svg', svg)
    for (const suffix of [
      '/m/',
      '/m/100x100',
      '/m/100x0/filters:focal(1x1:2x2)',
      '/m/fit-in/50x50/filters:format(webp)',
    ]) {
      const response = await fetch(cdnUrl + suffix)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/svg+xml')
      expect(Buffer.from(await response.arrayBuffer()).equals(svg)).toBe(true)
    }
  })

  it('serves the S3 URL too, but not the image service on it', async () => {
    const { s3Url } = await uploadAsset(local.emulator, 'pixel.png', PNG_1X1)
    expect((await fetch(s3Url)).status).toBe(200)
    const resized = await fetch(`${s3Url}/m/100x100`)
    expect(resized.status).toBe(404)
    expect((await s3Error(resized)).code).toBe('NoSuchKey')
  })

  it('answers 404 NoSuchKey for an unknown key', async () => {
    const response = await fetch(`${local.emulator.url}/a.storyblok.com/f/1/abc/missing.png`)
    expect(response.status).toBe(404)
    expect((await s3Error(response)).code).toBe('NoSuchKey')
  })

  it('refuses a private asset without a signature', async () => {
    const { id, cdnUrl } = await uploadAsset(local.emulator, 'secret.png', PNG_1X1)
    await makePrivate(id)
    const response = await fetch(cdnUrl)
    expect(response.status).toBe(403)
    expect((await s3Error(response)).code).toBe('AccessDenied')
    expect((await fetch(`${cdnUrl}/m/100x100`)).status).toBe(403)
  })
})

describe('Delivery API signed URLs', () => {
  it('returns a signed URL that serves a private asset', async () => {
    const { id, cdnUrl } = await uploadAsset(local.emulator, 'secret.png', PNG_1X1)
    await makePrivate(id)
    const response = await assetMe(cdnUrl)
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    const asset = record(record(await response.json())['asset'])
    expect(asset).toMatchObject({
      filename: cdnUrl,
      content_type: 'image/png',
      content_length: PNG_1X1.length,
    })
    expect(asset['signed_url']).toMatch(
      new RegExp(
        `^${cdnUrl.replace(/[.?]/g, '\\$&')}\\?.*X-Amz-Expires=300.*X-Amz-Signature=[0-9a-f]{64}`,
      ),
    )
    const file = await fetch(String(asset['signed_url']))
    expect(file.status).toBe(200)
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG_1X1)).toBe(true)
  })

  it('accepts the S3 URL as filename', async () => {
    const { s3Url, cdnUrl } = await uploadAsset(local.emulator, 'secret.png', PNG_1X1)
    const response = await assetMe(s3Url)
    expect(response.status).toBe(200)
    expect(record(record(await response.json())['asset'])['filename']).toBe(cdnUrl)
  })

  it('signs public assets too', async () => {
    const { cdnUrl } = await uploadAsset(local.emulator, 'open.png', PNG_1X1)
    expect((await fetch(await signedUrl(cdnUrl))).status).toBe(200)
  })

  it('refuses an expired signed URL', async () => {
    const { id, cdnUrl } = await uploadAsset(local.emulator, 'secret.png', PNG_1X1)
    await makePrivate(id)
    await local.control.setConfig({ signedUrlTtlSeconds: 0 })
    const response = await fetch(await signedUrl(cdnUrl))
    expect(response.status).toBe(403)
    expect(await s3Error(response)).toMatchObject({
      code: 'AccessDenied',
      message: 'Request has expired',
    })
  })

  it('refuses a tampered signature or another key', async () => {
    const first = await uploadAsset(local.emulator, 'one.png', PNG_1X1)
    const second = await uploadAsset(local.emulator, 'two.png', PNG_1X1)
    await makePrivate(first.id)
    await makePrivate(second.id)
    const signed = new URL(await signedUrl(first.cdnUrl))
    const tampered = new URL(signed)
    tampered.searchParams.set('X-Amz-Signature', '0'.repeat(64))
    expect((await fetch(tampered)).status).toBe(403)
    const otherKey = new URL(second.cdnUrl)
    otherKey.search = signed.search
    const response = await fetch(otherKey)
    expect(response.status).toBe(403)
    expect((await s3Error(response)).code).toBe('SignatureDoesNotMatch')
  })

  it('answers 401 for a wrong or missing token', async () => {
    const { cdnUrl } = await uploadAsset(local.emulator)
    const wrong = await assetMe(cdnUrl, 'local-preview-token')
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ error: 'Unauthorized' })
    const missing = await fetch(
      `${local.emulator.url}/v2/cdn/assets/me?filename=${encodeURIComponent(cdnUrl)}`,
    )
    expect(missing.status).toBe(401)
  })

  it('answers 404 for an unknown file', async () => {
    const response = await assetMe(`${local.emulator.url}/a.storyblok.com/f/1/abc/none.png`)
    expect(response.status).toBe(404)
  })
})
