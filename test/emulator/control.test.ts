import { describe, expect, it } from 'vitest'
import { createEmulatorControl, isEmulatorControlError } from '../../emulator/controlClient'
import { assetsUrl, authHeaders, uploadAsset } from './helpers'
import { useEmulator } from '../support/emulator'

const local = useEmulator({ rateLimit: 5, resetEachTest: false })

describe('/__emulator', () => {
  it('reports assets with upload flags, request counts, the log, faults and the rate limit', async () => {
    await local.control.reset()
    const { id, key } = await uploadAsset(local.emulator)
    await fetch(assetsUrl(local.emulator, `/${id}`), { headers: authHeaders(local.emulator) })
    await fetch(assetsUrl(local.emulator, '/999'), { headers: authHeaders(local.emulator) })
    await local.control.addFault({ route: 'cdn', status: 500, times: -1 })
    const state = await local.control.state()
    expect(state).toMatchObject({
      spaceId: local.emulator.spaceId,
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
    expect(state.requestLog.map((entry) => [entry.route, entry.method, entry.status])).toEqual([
      ['sign', 'POST', 200],
      ['s3', 'POST', 204],
      ['finish', 'GET', 200],
      ['get', 'GET', 200],
      ['get', 'GET', 404],
      ['control', 'POST', 201],
      // This state read itself, still in flight.
      ['control', 'GET', null],
    ])
    expect(typeof state.requestLog[0]?.at).toBe('number')
  })

  it('resets assets, files, counters and faults', async () => {
    await local.control.setConfig({ rateLimit: null })
    const { cdnUrl } = await uploadAsset(local.emulator)
    await local.control.addFault({ route: 'list', status: 500 })
    await local.control.reset()
    const state = await local.control.state()
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
    const config = await local.control.setConfig({
      rateLimit: null,
      policyTtlSeconds: 60,
      signedUrlTtlSeconds: 5,
      uploadLimitBytes: 1000,
    })
    expect(config).toEqual({
      rateLimit: null,
      policyTtlSeconds: 60,
      signedUrlTtlSeconds: 5,
      uploadLimitBytes: 1000,
      maxUploadBytes: 5242879999,
    })
    expect((await local.control.state()).rateLimit).toBeNull()
    const invalid = await local.control.setConfig({ rateLimit: 0 }).catch((error: unknown) => error)
    expect(isEmulatorControlError(invalid) && invalid.status).toBe(400)
    // reset restores the options the emulator was started with.
    await local.emulator.reset()
    expect((await local.control.state()).rateLimit).toBe(5)
  })

  it('keeps only the last 1000 log entries', async () => {
    await local.control.reset()
    await local.control.setConfig({ rateLimit: null })
    const cdn = `${local.emulator.url}/a.storyblok.com/f/1/x/missing.png`
    for (let batch = 0; batch < 21; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, () => fetch(cdn).then((response) => response.arrayBuffer())),
      )
    }
    const state = await local.control.state()
    expect(state.requests.cdn).toBe(1050)
    expect(state.requestLog).toHaveLength(1000)
  })

  it('refuses an answer that is not what the emulator sends, naming the route', async () => {
    const control = createEmulatorControl('http://localhost:1/', {
      fetch: async () => new Response(JSON.stringify({ spaceId: 1, assets: 'none' })),
    })
    const error = await control.state().catch((caught: unknown) => caught)
    expect(isEmulatorControlError(error) && [error.path, error.status]).toEqual(['state', 0])
  })
})
