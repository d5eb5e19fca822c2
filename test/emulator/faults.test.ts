import { describe, expect, it } from 'vitest'
import { isEmulatorControlError, type FaultSpec } from '../../emulator/controlClient'
import {
  PNG_1X1,
  assetsUrl,
  authHeaders,
  postForm,
  record,
  s3Form,
  sign,
  uploadAsset,
} from './helpers'
import { useEmulator } from '../support/emulator'

const local = useEmulator()

const list = (): Promise<Response> =>
  fetch(assetsUrl(local.emulator), { headers: authHeaders(local.emulator) })
const signRequest = (): Promise<Response> =>
  fetch(assetsUrl(local.emulator, '?filename=a.png'), {
    method: 'POST',
    headers: authHeaders(local.emulator),
  })

const getAsset = (id: number): Promise<Response> =>
  fetch(assetsUrl(local.emulator, `/${id}`), { headers: authHeaders(local.emulator) })

const assetCount = async (): Promise<number> => (await local.control.assets()).length

describe('fault injection', () => {
  it('answers with the given status, body and headers, before the route does any work', async () => {
    const fault = await local.control.addFault({
      route: 'sign',
      status: 503,
      body: { error: 'down' },
      headers: { 'Retry-After': '2' },
    })
    expect(fault).toMatchObject({ id: expect.any(Number), route: 'sign', status: 503, times: 1 })
    const response = await signRequest()
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('2')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(await response.json()).toEqual({ error: 'down' })
    expect(await assetCount()).toBe(0)
    expect((await local.control.state()).requests.sign).toBe(1)
    // Used up: the next request is normal.
    expect((await signRequest()).status).toBe(200)
  })

  it('sends a string body as-is (XML for the S3 target)', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>'
    await local.control.addFault({ route: 's3', status: 503, body: xml })
    const signed = await sign(local.emulator)
    const response = await postForm(signed, s3Form(signed, PNG_1X1))
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toBe('application/xml')
    expect(await response.text()).toBe(xml)
  })

  it('applies `times` requests, then stops', async () => {
    await local.control.addFault({ route: 'list', status: 500, times: 2 })
    expect.soft((await list()).status).toEqual(500)
    expect.soft((await list()).status).toEqual(500)
    expect.soft((await list()).status).toEqual(200)
  })

  it('with times -1 applies until cleared', async () => {
    await local.control.addFault({ route: 'list', status: 502, times: -1 })
    for (let i = 0; i < 3; i++) expect((await list()).status).toBe(502)
    expect(await local.control.faults()).toEqual([
      expect.objectContaining({ route: 'list', times: -1 }),
    ])
    await local.control.clearFaults()
    expect((await list()).status).toBe(200)
    expect(await local.control.faults()).toEqual([])
  })

  it('drops the connection before the response', async () => {
    await local.control.addFault({ route: 'get', drop: 'before-response' })
    const { id } = await uploadAsset(local.emulator)
    await expect(
      fetch(assetsUrl(local.emulator, `/${id}`), { headers: authHeaders(local.emulator) }),
    ).rejects.toThrow()
    expect(
      (await fetch(assetsUrl(local.emulator, `/${id}`), { headers: authHeaders(local.emulator) }))
        .status,
    ).toBe(200)
  })

  it('cuts a response mid-body', async () => {
    await local.control.addFault({
      route: 'list',
      drop: 'mid-transfer',
      status: 200,
      body: { assets: [], padding: 'x'.repeat(200) },
    })
    const response = await list()
    expect(response.status).toBe(200)
    await expect(response.text()).rejects.toThrow()
  })

  it('cuts an upload about half-way, storing nothing', async () => {
    await local.control.addFault({ route: 's3', drop: 'mid-transfer' })
    const signed = await sign(local.emulator)
    await expect(postForm(signed, s3Form(signed, Buffer.alloc(2_000_000, 3)))).rejects.toThrow()
    expect(await local.control.assets()).toEqual([expect.objectContaining({ uploaded: false })])
    expect((await local.control.state()).requests.s3).toBe(1)
  })

  it('delays and then handles normally', async () => {
    await local.control.addFault({ route: 'list', delayMs: 300 })
    const started = Date.now()
    const response = await list()
    expect(response.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('still runs a delayed request whose client went away, as a real server would', async () => {
    await local.control.addFault({ route: 'sign', delayMs: 200 })
    await expect(
      fetch(assetsUrl(local.emulator), {
        method: 'POST',
        headers: authHeaders(local.emulator, { 'Content-Type': 'application/json' }),
        body: JSON.stringify({ filename: 'late.png' }),
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toThrow()
    // The delayed sign completes on the server after the client gave up.
    await expect.poll(assetCount, { timeout: 3000, interval: 50 }).toBe(1)
  })

  it('delays, then answers with the status', async () => {
    await local.control.addFault({ route: 'finish', delayMs: 200, status: 500 })
    const started = Date.now()
    const response = await fetch(assetsUrl(local.emulator, '/1/finish_upload'), {
      headers: authHeaders(local.emulator),
    })
    expect(response.status).toBe(500)
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
  })

  it('rejects an invalid fault with 400', async () => {
    const invalid: FaultSpec[] = [
      // @ts-expect-error: no such route
      { route: 'nope', status: 500 },
      { route: 'sign' },
      { route: 'sign', status: 99 },
      { route: 'sign', body: 'x' },
    ]
    for (const fault of invalid) {
      const error = await local.control.addFault(fault).catch((caught: unknown) => caught)
      expect(isEmulatorControlError(error) && error.status).toBe(400)
    }
  })

  it('makes the first read after finish answer 404, registered before the upload', async () => {
    await local.control.addFault({
      route: 'get',
      status: 404,
      body: ['This record could not be found'],
    })
    // sign, s3 and finish leave a `get` fault pending: it waits for the first read.
    const { id } = await uploadAsset(local.emulator)
    const first = await getAsset(id)
    expect(first.status).toBe(404)
    expect(await first.json()).toEqual(['This record could not be found'])
    expect((await getAsset(id)).status).toBe(200)
  })

  it('is cleared by reset', async () => {
    await local.control.addFault({ route: 'list', status: 500, times: -1 })
    await local.emulator.reset()
    expect((await list()).status).toBe(200)
  })
})

describe('patch faults', () => {
  it('changes fields of the real answer, once', async () => {
    const fault: FaultSpec = {
      route: 'get',
      patch: { content_length: 1, content_type: 'text/plain' },
    }
    await local.control.addFault(fault)
    const { id, s3Url } = await uploadAsset(local.emulator)
    const patched = await getAsset(id)
    expect(patched.status).toBe(200)
    expect(await patched.json()).toMatchObject({
      id,
      filename: s3Url,
      short_filename: 'photo.png',
      content_length: 1,
      content_type: 'text/plain',
    })
    expect(await (await getAsset(id)).json()).toMatchObject({
      content_length: PNG_1X1.length,
      content_type: 'image/png',
    })
  })

  it('patches the asset inside a wrapped answer (finish_upload)', async () => {
    await local.control.addFault({ route: 'finish', patch: { is_private: true } })
    const signed = await sign(local.emulator)
    expect((await postForm(signed, s3Form(signed, PNG_1X1))).status).toBe(204)
    const finish = await fetch(assetsUrl(local.emulator, `/${signed.id}/finish_upload`), {
      headers: authHeaders(local.emulator),
    })
    expect(await finish.json()).toEqual({
      asset: expect.objectContaining({ id: signed.id, is_private: true }),
    })
    expect(await (await getAsset(signed.id)).json()).toMatchObject({ is_private: false })
  })

  it('leaves an error answer as it is', async () => {
    await local.control.addFault({ route: 'get', patch: { content_length: 1 } })
    const response = await getAsset(424242)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual(['This record could not be found'])
  })

  it('rejects a patch that cannot apply with 400', async () => {
    for (const fault of [
      { route: 's3', patch: { a: 1 } },
      { route: 'update', patch: { a: 1 } },
      { route: 'get', patch: [1] },
      { route: 'get', patch: { a: 1 }, status: 200 },
      { route: 'get', patch: { a: 1 }, drop: 'mid-transfer' },
      { route: 'get', patch: { a: 1 }, headers: { 'X-A': 'b' } },
    ]) {
      // Not through the typed control client: these are not faults it would send.
      const response = await fetch(`${local.emulator.url}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify(fault),
      })
      expect(response.status).toBe(400)
      expect(record(await response.json())['error']).toMatch(/patch/)
    }
  })
})
