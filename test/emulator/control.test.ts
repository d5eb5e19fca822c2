import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/server'
import {
  addFault,
  assetsUrl,
  authHeaders,
  emulatorState,
  record,
  start,
  uploadAsset,
} from './helpers'

let emulator: Emulator

beforeAll(async () => {
  emulator = await start({ rateLimit: 5 })
})
afterAll(async () => {
  await emulator.close()
})

describe('/__emulator', () => {
  it('reports assets with upload flags, request counts, the log, faults and the rate limit', async () => {
    await emulator.reset()
    const { id, key } = await uploadAsset(emulator)
    await fetch(assetsUrl(emulator, `/${id}`), { headers: authHeaders(emulator) })
    await fetch(assetsUrl(emulator, '/999'), { headers: authHeaders(emulator) })
    await addFault(emulator, { route: 'cdn', status: 500, times: -1 })
    const state = await emulatorState(emulator)
    expect(state).toMatchObject({
      spaceId: emulator.spaceId,
      assets: [
        expect.objectContaining({
          id,
          key,
          uploaded: true,
          finished: true,
          content_type: 'image/png',
        }),
      ],
      requests: {
        sign: 1,
        s3: 1,
        finish: 1,
        get: 2,
        update: 0,
        delete: 0,
        list: 0,
        cdn: 0,
        delivery: 0,
      },
      faults: [expect.objectContaining({ route: 'cdn', status: 500, times: -1 })],
      rateLimit: 5,
    })
    const log = state['requestLog']
    expect(
      Array.isArray(log) &&
        log.map((entry) => [
          record(entry)['route'],
          record(entry)['method'],
          record(entry)['status'],
        ]),
    ).toEqual([
      ['sign', 'POST', 200],
      ['s3', 'POST', 204],
      ['finish', 'GET', 200],
      ['get', 'GET', 200],
      ['get', 'GET', 404],
      ['control', 'POST', 201],
      // This state read itself, still in flight.
      ['control', 'GET', null],
    ])
    expect(Array.isArray(log) && typeof record(log[0])['at']).toBe('number')
  })

  it('resets assets, files, counters and faults (204)', async () => {
    await fetch(`${emulator.url}/__emulator/config`, {
      method: 'POST',
      body: JSON.stringify({ rateLimit: null }),
    })
    const { cdnUrl } = await uploadAsset(emulator)
    await addFault(emulator, { route: 'list', status: 500 })
    const response = await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' })
    expect(response.status).toBe(204)
    const state = await emulatorState(emulator)
    expect(state).toMatchObject({
      assets: [],
      faults: [],
      // Only the state read that is asking.
      requestLog: [expect.objectContaining({ route: 'control', method: 'GET', status: null })],
      requests: expect.objectContaining({ sign: 0, s3: 0 }),
    })
    expect((await fetch(cdnUrl)).status).toBe(404)
  })

  it('changes the configuration at runtime, and validates it', async () => {
    const response = await fetch(`${emulator.url}/__emulator/config`, {
      method: 'POST',
      body: JSON.stringify({
        rateLimit: null,
        policyTtlSeconds: 60,
        signedUrlTtlSeconds: 5,
        uploadLimitBytes: 1000,
      }),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      rateLimit: null,
      policyTtlSeconds: 60,
      signedUrlTtlSeconds: 5,
      uploadLimitBytes: 1000,
      maxUploadBytes: 5242879999,
    })
    expect((await emulatorState(emulator))['rateLimit']).toBeNull()
    const invalid = await fetch(`${emulator.url}/__emulator/config`, {
      method: 'POST',
      body: JSON.stringify({ rateLimit: 0 }),
    })
    expect(invalid.status).toBe(400)
    // reset restores the options the emulator was started with.
    await emulator.reset()
    expect((await emulatorState(emulator))['rateLimit']).toBe(5)
  })

  it('keeps only the last 1000 log entries', async () => {
    await emulator.reset()
    await fetch(`${emulator.url}/__emulator/config`, {
      method: 'POST',
      body: JSON.stringify({ rateLimit: null }),
    })
    const cdn = `${emulator.url}/a.storyblok.com/f/1/x/missing.png`
    for (let batch = 0; batch < 21; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, () => fetch(cdn).then((response) => response.arrayBuffer())),
      )
    }
    const state = await emulatorState(emulator)
    expect(record(state['requests'])['cdn']).toBe(1050)
    expect(Array.isArray(state['requestLog']) && state['requestLog'].length).toBe(1000)
  })
})
