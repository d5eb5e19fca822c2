import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, watch } from 'vue'
import { startEmulator, type Emulator } from '../../emulator/server'
import { createManagementClient } from '../../src/api/client'
import { isAbortError, isHttpError, isIntegrityError } from '../../src/api/errors'
import { postToS3 } from '../../src/api/s3'
import type { Asset, ManagementClient } from '../../src/api/types'
import { useFinishUpload, type FinishStatus } from '../../src/composables/useFinishUpload'
import { makePng } from '../fixtures/png'
import { createEmulatorControl, type EmulatorControl } from '../../emulator/controlClient'
import { fakeClient, storedAsset, untilAborted } from '../api/fakeClient'

let emulator: Emulator
let control: EmulatorControl
let client: ManagementClient

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir: null, rateLimit: null })
  control = createEmulatorControl(emulator.url)
  client = createManagementClient({
    baseUrl: emulator.apiBaseUrl,
    spaceId: emulator.spaceId,
    token: emulator.token,
    rateLimit: null,
    sleep: async () => {},
  })
})

afterAll(async () => {
  await emulator.close()
})

beforeEach(async () => {
  await emulator.reset()
})

const png = makePng(40, 30)
const file = () => new File([new Uint8Array(png)], 'photo.png', { type: 'image/png' })

/** An asset whose file is stored but not finished yet, as the upload leaves it. */
async function transferred(): Promise<number> {
  const signed = await client.signAsset({ filename: 'photo.png', size: '40x30' })
  await postToS3(signed, file())
  return signed.id
}

function setup() {
  const scope = effectScope()
  const finisher = scope.run(() => useFinishUpload())
  if (!finisher) throw new Error('no composable')
  const statuses: FinishStatus[] = []
  scope.run(() => watch(finisher.status, (next) => statuses.push(next), { flush: 'sync' }))
  return { scope, finisher, statuses }
}

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {}
  const promise = new Promise<T>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

describe('useFinishUpload', () => {
  it('finishes, reads and returns the full asset', async () => {
    const { finisher } = setup()
    const id = await transferred()
    const result = await finisher.finish(client, id, {
      sent: { size: png.length, contentType: 'image/png' },
    })
    if (!result.ok) throw new Error('expected the asset')
    expect.soft(result.asset.id).toEqual(id)
    expect.soft(result.asset.content_length).toEqual(png.length)
    expect.soft(finisher.status.value).toEqual('done')
  })

  it('goes finishing → done', async () => {
    const { finisher, statuses } = setup()
    await finisher.finish(client, await transferred())
    expect(statuses).toEqual(['finishing', 'done'])
  })

  it('marks the asset finished in the space', async () => {
    const { finisher } = setup()
    const id = await transferred()
    await finisher.finish(client, id)
    expect((await control.state()).assets.map((asset) => [asset.id, asset.finished])).toEqual([
      [id, true],
    ])
  })

  it('accepts an unwrapped finish_upload answer', async () => {
    const { finisher } = setup()
    const id = await transferred()
    await control.addFault({
      route: 'finish',
      status: 200,
      body: {
        id,
        filename: 'x',
        alt: null,
        copyright: null,
        title: null,
        focus: null,
        is_private: false,
      },
    })
    expect(await finisher.finish(client, id)).toMatchObject({ ok: true, asset: { id } })
  })

  it('reports an unknown asset as an HTTP 404 error, in its result and its state', async () => {
    const { finisher } = setup()
    const result = await finisher.finish(client, 999)
    expect.soft(!result.ok && isHttpError(result.error) && result.error.status).toEqual(404)
    expect.soft(finisher.status.value).toEqual('error')
    expect.soft(finisher.error.value === (!result.ok && result.error)).toEqual(true)
  })

  it('refuses a stored size that differs from the file', async () => {
    const { finisher } = setup()
    const id = await transferred()
    const result = await finisher.finish(client, id, { sent: { size: png.length + 1 } })
    expect.soft(result.ok).toEqual(false)
    expect.soft(finisher.status.value).toEqual('error')
    expect.soft(isIntegrityError(finisher.error.value)).toEqual(true)
  })

  it('ignores the result of a call superseded by a newer one', async () => {
    const slow = deferred<Asset>()
    const { client: fake } = fakeClient({
      finishUpload: (assetId) =>
        assetId === 1 ? slow.promise : Promise.resolve(storedAsset(assetId)),
    })
    const { finisher } = setup()
    const first = finisher.finish(fake, 1)
    const second = await finisher.finish(fake, 2)
    slow.resolve(storedAsset(1))
    const stale = await first
    expect.soft(!stale.ok && isAbortError(stale.error)).toEqual(true)
    expect.soft(second).toEqual({ ok: true, asset: storedAsset(2) })
    expect.soft(finisher.status.value).toEqual('done')
  })

  it('cancels the running call when its scope is disposed', async () => {
    let seen: AbortSignal | undefined
    const { client: fake } = fakeClient({
      finishUpload: (_id, options) => {
        seen = options?.signal
        return new Promise(() => {})
      },
    })
    const { scope, finisher } = setup()
    void finisher.finish(fake, 1)
    // finishUpload is called after the status update, in the same tick.
    await vi.waitFor(() => expect(seen).toBeDefined())
    scope.stop()
    expect(seen?.aborted).toBe(true)
  })

  it('reports a cancel through the signal as an AbortError', async () => {
    const { client: fake } = fakeClient({
      finishUpload: (_id, options) => untilAborted(options?.signal),
    })
    const { finisher } = setup()
    const controller = new AbortController()
    const pending = finisher.finish(fake, 1, { signal: controller.signal })
    controller.abort()
    await pending
    expect.soft(finisher.status.value).toEqual('error')
    expect.soft(isAbortError(finisher.error.value)).toEqual(true)
  })
})
