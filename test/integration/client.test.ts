// The Management API client against the local Storyblok on a real port.
import { describe, expect, it } from 'vitest'
import type { ManagementClientOptions } from '../../src/api/client'
import {
  isHttpError,
  isNetworkError,
  isTimeoutError,
  isValidationError,
} from '../../src/api/errors'
import { cdnUrl } from '../../src/domain/urls'
import { postToS3 } from '../../src/api/s3'
import { defaultSleep } from '../../src/api/abort'
import type { UploadProgress } from '../../src/api/types'
import { makePng } from '../fixtures/png'
import { NodeXhr } from '../../scripts/support/nodeXhr'
import { useEmulator } from '../support/emulator'
import { emulatorClient } from './emulatorClient'

// Reset before each test, which also restores the start-up config: no rate limit.
const local = useEmulator()

const client = (options: Partial<ManagementClientOptions> = {}) =>
  emulatorClient(local.emulator, options)

const png = makePng(40, 30)
const file = () => new File([new Uint8Array(png)], 'photo.png', { type: 'image/png' })

async function uploadOne(name = 'photo.png') {
  const api = client()
  const signed = await api.signAsset({ filename: name, size: '40x30' })
  await postToS3(signed, file(), { createXhr: () => new NodeXhr() })
  await api.finishUpload(signed.id)
  return { api, id: signed.id }
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => error,
  )

describe('Management API client against the emulator', () => {
  it('signs, uploads with progress, finishes and reads the stored size', async () => {
    const api = client()
    const signed = await api.signAsset({ filename: 'photo.png', size: '40x30' })
    const progress: UploadProgress[] = []
    await postToS3(signed, file(), {
      createXhr: () => new NodeXhr(),
      onProgress: (next) => progress.push(next),
    })
    await api.finishUpload(signed.id)
    const asset = await api.getAsset(signed.id)
    expect.soft(asset.content_length).toEqual(png.length)
    expect.soft(asset.content_type).toEqual('image/png')
    expect.soft(progress.at(-1)?.loaded === progress.at(-1)?.total).toEqual(true)
  })

  it('serves the uploaded bytes at the CDN URL', async () => {
    const { api, id } = await uploadOne()
    const asset = await api.getAsset(id)
    const response = await fetch(cdnUrl(asset.filename))
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true)
  })

  it('accepts the wrapped finish_upload answer', async () => {
    const api = client()
    const signed = await api.signAsset({ filename: 'photo.png' })
    await postToS3(signed, file(), { createXhr: () => new NodeXhr() })
    await expect(api.finishUpload(signed.id)).resolves.toMatchObject({ id: signed.id })
  })

  it('signs again with the id without creating a second asset', async () => {
    const { api, id } = await uploadOne()
    const again = await api.signAsset({ filename: 'photo.png', id })
    expect.soft(again.id).toEqual(id)
    expect.soft((await local.control.state()).assets.length).toEqual(1)
  })

  it('updates with PUT and reads the change back', async () => {
    const { api, id } = await uploadOne()
    await api.updateAsset(id, { alt: 'A small test image', focus: '1x1:2x2' })
    expect(await api.getAsset(id)).toMatchObject({ alt: 'A small test image', focus: '1x1:2x2' })
  })

  it('lists assets by search', async () => {
    await uploadOne('first.png')
    await uploadOne('second.png')
    const found = await client().listAssets('second')
    expect(found.map((asset) => asset.filename.split('/').pop())).toEqual(['second.png'])
  })

  it('deletes an asset', async () => {
    const { api, id } = await uploadOne()
    await api.deleteAsset(id)
    const error = await outcome(api.getAsset(id))
    expect(isHttpError(error) && error.status).toBe(404)
  })

  it('maps a refused update to ValidationError with field errors', async () => {
    const { api, id } = await uploadOne()
    const error = await outcome(api.updateAsset(id, { focus: 'middle' }))
    expect(isValidationError(error) && error.fieldErrors).toEqual({ focus: ['is invalid'] })
  })

  it('maps a wrong token to a 401 whose message does not contain the token', async () => {
    const error = await outcome(client({ token: 'wrong-token-12345' }).listAssets(''))
    expect.soft(isHttpError(error) && error.status).toEqual(401)
    expect.soft(isHttpError(error) && error.message.includes('wrong-token-12345')).toEqual(false)
  })

  it('retries the 429s of the rate limit until every request succeeds', async () => {
    await local.control.setConfig({ rateLimit: 3 })
    // Real waits: the server's window is real time; Retry-After says 1 s.
    const api = client({ sleep: defaultSleep, maxAttempts: 6 })
    const results = await Promise.all(Array.from({ length: 6 }, () => api.listAssets('')))
    const state = await local.control.state()
    expect.soft(results.length).toEqual(6)
    expect.soft((state.requests.list ?? 0) > 6).toEqual(true)
  })

  it('stays under the rate limit with its own throttle (no 429 at all)', async () => {
    await local.control.setConfig({ rateLimit: 3 })
    const api = client({ sleep: defaultSleep, rateLimit: 3, maxAttempts: 1 })
    await Promise.all(Array.from({ length: 6 }, () => api.listAssets('')))
    expect((await local.control.state()).requests.list).toBe(6)
  })

  it('retries a GET whose connection drops before the answer', async () => {
    const { api, id } = await uploadOne()
    await local.control.addFault({ route: 'get', drop: 'before-response' })
    await expect(api.getAsset(id)).resolves.toMatchObject({ id })
  })

  it('retries a GET whose answer breaks off mid-body', async () => {
    const { api, id } = await uploadOne()
    await local.control.addFault({ route: 'get', drop: 'mid-transfer', status: 200 })
    await expect(api.getAsset(id)).resolves.toMatchObject({ id })
  })

  it('retries an update after a 503', async () => {
    const { api, id } = await uploadOne()
    await local.control.addFault({
      route: 'update',
      status: 503,
      body: { error: 'Service Unavailable' },
    })
    await api.updateAsset(id, { title: 'T' })
    expect((await api.getAsset(id)).title).toBe('T')
  })

  it('retries a slow GET after its timeout', async () => {
    const { id } = await uploadOne()
    await local.control.addFault({ route: 'get', delayMs: 300 })
    await expect(client({ timeoutMs: 100 }).getAsset(id)).resolves.toMatchObject({ id })
  })

  it('gives up with TimeoutError when every attempt is too slow', async () => {
    await local.control.addFault({ route: 'list', delayMs: 300, times: -1 })
    const error = await outcome(client({ timeoutMs: 50, maxAttempts: 2 }).listAssets(''))
    expect(isTimeoutError(error)).toBe(true)
  })

  it('does not retry a sign whose answer broke off mid-body (the server answered)', async () => {
    await local.control.addFault({ route: 'sign', drop: 'mid-transfer', status: 200 })
    const error = await outcome(client().signAsset({ filename: 'photo.png' }))
    expect.soft(isNetworkError(error)).toEqual(true)
    expect.soft((await local.control.state()).requests.sign).toEqual(1)
  })

  it('retries a sign whose connection dropped before any answer', async () => {
    await local.control.addFault({ route: 'sign', drop: 'before-response' })
    await client().signAsset({ filename: 'photo.png' })
    expect((await local.control.state()).requests.sign).toBe(2)
  })

  it('does not retry a sign after a 500', async () => {
    await local.control.addFault({
      route: 'sign',
      status: 500,
      body: { error: 'Internal Server Error' },
    })
    const error = await outcome(client().signAsset({ filename: 'photo.png' }))
    expect.soft(isHttpError(error) && error.status).toEqual(500)
    expect.soft((await local.control.state()).requests.sign).toEqual(1)
  })

  it('treats a DELETE whose first answer was lost as done', async () => {
    const { api, id } = await uploadOne()
    // The emulator drops before doing the work, so a later attempt finds the asset and deletes it.
    await local.control.addFault({ route: 'delete', drop: 'before-response' })
    await api.deleteAsset(id)
    expect((await local.control.state()).assets).toEqual([])
  })
})
