import { describe, expect, it } from 'vitest'
import { HttpError, isAssetNotReadyError } from '../../../src/api/errors'
import { finishAndRead } from '../../../src/api/upload/finish'
import { fakeClient, storedAsset } from '../fakeClient'

const settle = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  )
const notFound = () =>
  new HttpError(404, ['This record could not be found'], 'GET', 'https://x.test')

describe('finishAndRead', () => {
  it('finishes, then reads the full asset', async () => {
    const { client, calls } = fakeClient()
    const asset = await finishAndRead(client, 7)
    expect.soft(calls.finish).toEqual([7])
    expect.soft(calls.get).toEqual([7])
    expect.soft(asset.content_length).toEqual(10)
  })

  it('reads again a little later when the read right after finishing finds nothing', async () => {
    const waits: number[] = []
    let reads = 0
    const { client } = fakeClient({
      getAsset: async (id) => {
        if (++reads < 3) throw notFound()
        return storedAsset(id)
      },
    })
    const asset = await finishAndRead(client, 7, { sleep: async (ms) => void waits.push(ms) })
    expect.soft(asset.id).toEqual(7)
    expect.soft(waits).toEqual([500, 1500])
  })

  it('says the asset is not readable yet, not that it is gone, when reads keep finding nothing', async () => {
    const { client } = fakeClient({
      getAsset: async () => {
        throw notFound()
      },
    })
    const { error } = await settle(finishAndRead(client, 7, { sleep: async () => {} }))
    expect(isAssetNotReadyError(error)).toBe(true)
  })

  it('does not read the asset when finishing fails', async () => {
    const { client, calls } = fakeClient({
      finishUpload: async () => {
        throw new HttpError(422, null, 'GET', 'https://x.test/v1')
      },
    })
    await settle(finishAndRead(client, 7))
    expect(calls.get).toEqual([])
  })
})

describe('finishAndRead through the upload gateway', () => {
  it('takes the whole asset the gateway answers, without reading it again', async () => {
    const { client, calls } = fakeClient({ via: 'gateway' })
    const asset = await finishAndRead(client, 100, { ticket: 'v1.a.b' })
    expect(asset.content_length).toBe(10)
    expect(calls.get).toEqual([])
  })

  it('still reads the asset when the gateway’s answer is not whole', async () => {
    const { client, calls } = fakeClient({
      via: 'gateway',
      finishUpload: async (id) => storedAsset(id, { content_length: null, content_type: null }),
    })
    await finishAndRead(client, 100)
    expect(calls.get).toEqual([100])
  })
})
