import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, watch } from 'vue'
import { startEmulator, type Emulator } from '../../emulator/server'
import { createManagementClient } from '../../src/api/client'
import {
  isAbortError,
  isHttpError,
  isIntegrityError,
  isValidationError,
} from '../../src/api/errors'
import type { ManagementClient } from '../../src/api/types'
import {
  useUpload,
  type UploadStatus,
  type UseUploadOptions,
} from '../../src/composables/useUpload'
import { makePng } from '../fixtures/png'
import { createEmulatorControl, type EmulatorControl } from '../../emulator/controlClient'
import { fakeClient } from '../api/fakeClient'
import { manualOnline } from '../support/online'
import { FakeXhr } from '../api/fakeXhr'

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
  FakeXhr.instances = []
})

const png = makePng(40, 30)
const file = new File([new Uint8Array(png)], 'photo.png', { type: 'image/png' })
const request = () => ({ client, file, filename: 'photo.png', size: '40x30' })

/** The composable in its own scope (happy-dom's XMLHttpRequest and fetch reach the emulator). */
function setup(options: UseUploadOptions = {}) {
  const scope = effectScope()
  const upload = scope.run(() => useUpload({ sleep: async () => {}, ...options }))
  if (!upload) throw new Error('no composable')
  const statuses: UploadStatus[] = []
  scope.run(() => watch(upload.status, (next) => statuses.push(next), { flush: 'sync' }))
  return { scope, upload, statuses }
}

describe('useUpload', () => {
  it('resolves with the verified asset', async () => {
    const { upload } = setup()
    const asset = await upload.upload(request())
    expect.soft(asset?.content_length).toEqual(png.length)
    expect.soft(upload.status.value).toEqual('done')
    expect.soft(upload.error.value).toEqual(null)
  })

  it('goes signing → uploading → finishing → done', async () => {
    const { upload, statuses } = setup()
    await upload.upload(request())
    expect(statuses).toEqual(['signing', 'uploading', 'finishing', 'done'])
  })

  it('leaves exactly one finished asset in the space', async () => {
    const { upload } = setup()
    const asset = await upload.upload(request())
    expect((await control.state()).assets.map((entry) => [entry.id, entry.finished])).toEqual([
      [asset?.id, true],
    ])
  })

  it('shows 100 percent once the file is stored', async () => {
    const { upload } = setup()
    await upload.upload(request())
    expect.soft(upload.percent.value).toEqual(100)
    expect.soft(upload.progress.value).toEqual({ loaded: png.length, total: png.length })
  })

  it('forwards byte progress as it comes', async () => {
    const { client: fake } = fakeClient()
    const { scope, upload } = setup({ createXhr: () => new FakeXhr() })
    void upload.upload({ client: fake, file, filename: 'photo.png' })
    // The XHR exists once the sign has resolved.
    await vi.waitFor(() => expect(FakeXhr.instances).toHaveLength(1))
    FakeXhr.instances[0]?.progress(png.length / 2, png.length)
    const percent = upload.percent.value
    scope.stop()
    expect(percent).toBe(50)
  })

  it('resolves null (never rejects) and reports the error when signing is refused', async () => {
    const { upload } = setup()
    const wrongToken = createManagementClient({
      baseUrl: emulator.apiBaseUrl,
      spaceId: emulator.spaceId,
      token: 'wrong-token',
      rateLimit: null,
    })
    const result = await upload.upload({ ...request(), client: wrongToken })
    expect.soft(result).toEqual(null)
    expect.soft(upload.status.value).toEqual('error')
    expect.soft(isHttpError(upload.error.value) && upload.error.value.status).toEqual(401)
  })

  it('cancels during the S3 POST, removes the created asset and ends cancelled', async () => {
    await control.addFault({ route: 's3', delayMs: 2000 })
    const { upload } = setup()
    const pending = upload.upload(request())
    // Cancel once the POST is under way.
    await vi.waitFor(() => expect(upload.status.value).toBe('uploading'))
    upload.abort()
    const result = await pending
    expect.soft(result).toEqual(null)
    expect.soft(upload.status.value).toEqual('cancelled')
    expect.soft(isAbortError(upload.error.value)).toEqual(true)
    expect.soft((await control.state()).assets).toEqual([])
  })

  it('shows cancelling while it removes the asset', async () => {
    await control.addFault({ route: 's3', delayMs: 2000 })
    const { upload, statuses } = setup()
    const pending = upload.upload(request())
    // Cancel once the POST is under way.
    await vi.waitFor(() => expect(upload.status.value).toBe('uploading'))
    upload.abort()
    await pending
    expect(statuses.slice(-2)).toEqual(['cancelling', 'cancelled'])
  })

  it('cancels during finishing and removes the asset', async () => {
    await control.addFault({ route: 'finish', delayMs: 2000 })
    const { upload } = setup()
    const pending = upload.upload(request())
    // Cancel while finish_upload is held by the emulator.
    await vi.waitFor(() => expect(upload.status.value).toBe('finishing'))
    upload.abort()
    await pending
    expect.soft(upload.status.value).toEqual('cancelled')
    expect.soft((await control.state()).assets).toEqual([])
  })

  it('reports a failed removal as cleanupError', async () => {
    await control.addFault({ route: 's3', delayMs: 2000 })
    await control.addFault({ route: 'delete', status: 500, times: -1 })
    const { upload } = setup()
    const pending = upload.upload(request())
    // Cancel once the POST is under way.
    await vi.waitFor(() => expect(upload.status.value).toBe('uploading'))
    upload.abort()
    await pending
    expect(isHttpError(upload.cleanupError.value) && upload.cleanupError.value.status).toBe(500)
  })

  it('can only abort while something runs', async () => {
    const { upload } = setup()
    await upload.upload(request())
    expect(upload.canAbort.value).toBe(false)
  })

  it('retries only finish_upload when the file was already stored', async () => {
    await control.addFault({ route: 'finish', status: 422, body: { error: 'not yet' } })
    const { upload } = setup()
    await upload.upload(request())
    const failed = [upload.status.value, isValidationError(upload.error.value)]
    const asset = await upload.retry()
    const state = await control.state()
    expect.soft(failed).toEqual(['error', true])
    expect.soft(asset?.content_length).toEqual(png.length)
    expect.soft(state.requests.sign).toEqual(1)
    expect.soft(state.requests.s3).toEqual(1)
    expect.soft(state.requests.finish).toEqual(2)
  })

  it('removes the asset whose stored file does not match, and uploads anew on retry', async () => {
    const wrong = {
      id: 1,
      filename: 'x',
      alt: null,
      title: null,
      copyright: null,
      focus: null,
      is_private: false,
      content_type: 'image/png',
      content_length: 1,
      meta_data: {},
    }
    await control.addFault({ route: 'get', status: 200, body: wrong })
    const { upload } = setup()
    await upload.upload(request())
    const integrity = isIntegrityError(upload.error.value)
    expect((await control.state()).assets).toEqual([])
    const asset = await upload.retry()
    const state = await control.state()
    expect.soft(integrity).toEqual(true)
    expect.soft(upload.status.value).toEqual('done')
    expect.soft(state.assets.map((entry) => entry.id)).toEqual([asset?.id])
    expect.soft(state.requests.sign).toEqual(2)
  })

  it('retries a failed transfer without leaving a second asset', async () => {
    await control.addFault({ route: 's3', status: 500, times: 4 })
    const { upload } = setup()
    await upload.upload(request())
    const firstStatus = upload.status.value
    const asset = await upload.retry()
    expect.soft(firstStatus).toEqual('error')
    expect.soft((await control.state()).assets.map((entry) => entry.id)).toEqual([asset?.id])
  })

  it('waits while offline and resumes when back online', async () => {
    const online = manualOnline(false)
    const { upload } = setup({ online: online.source })
    const pending = upload.upload(request())
    // It signs, then finds the browser offline.
    await vi.waitFor(() => expect(upload.status.value).toBe('waiting-online'))
    online.set(true)
    expect((await pending)?.content_length).toBe(png.length)
  })

  it('stops listening for online events once the upload ends', async () => {
    const online = manualOnline(true)
    const { upload } = setup({ online: online.source })
    await upload.upload(request())
    expect(online.listeners.size).toBe(0)
  })

  it('aborts the running upload when its scope is disposed and removes the asset', async () => {
    await control.addFault({ route: 's3', delayMs: 2000 })
    const { scope, upload } = setup()
    const pending = upload.upload(request())
    // Dispose once the POST is under way.
    await vi.waitFor(() => expect(upload.status.value).toBe('uploading'))
    scope.stop()
    expect.soft(await pending).toEqual(null)
    expect.soft((await control.state()).assets).toEqual([])
  })

  it('ignores an upload superseded by a newer one', async () => {
    await control.addFault({ route: 's3', delayMs: 2000 })
    const { upload } = setup()
    const first = upload.upload(request())
    // Start the second once the first is under way.
    await vi.waitFor(() => expect(upload.status.value).toBe('uploading'))
    const second = await upload.upload(request())
    expect.soft(await first).toEqual(null)
    expect.soft(second?.content_length).toEqual(png.length)
    expect.soft(upload.status.value).toEqual('done')
  })

  it('returns to idle on reset, with nothing left to retry', async () => {
    await control.addFault({ route: 'sign', status: 422, body: { filename: ['is invalid'] } })
    const { upload } = setup()
    await upload.upload(request())
    upload.reset()
    expect.soft(upload.status.value).toEqual('idle')
    expect.soft(upload.progress.value).toEqual(null)
    expect.soft(upload.error.value).toEqual(null)
    expect.soft(await upload.retry()).toEqual(null)
  })

  it('retries only after an error or a cancel', async () => {
    const { upload } = setup()
    await upload.upload(request())
    expect.soft(await upload.retry()).toEqual(null)
    expect.soft((await control.state()).requests.sign).toEqual(1)
  })

  it('reuses an asset whose removal failed: the retry signs with its id', async () => {
    let deletes = 0
    const { client: fake, calls } = fakeClient({
      deleteAsset: async () => {
        if (deletes++ === 0) throw new Error('offline')
      },
    })
    const { upload } = setup({ createXhr: () => new FakeXhr() })
    const first = upload.upload({ client: fake, file, filename: 'photo.png' })
    // The XHR exists once the sign has resolved.
    await vi.waitFor(() => expect(FakeXhr.instances).toHaveLength(1))
    upload.abort()
    await first
    const cleanupFailed = upload.cleanupError.value instanceof Error
    const second = upload.retry()
    await vi.waitFor(() => expect(FakeXhr.instances).toHaveLength(2))
    FakeXhr.instances[1]?.respond(204)
    await second
    expect.soft(cleanupFailed).toEqual(true)
    expect.soft(calls.sign.map((sign) => sign.id)).toEqual([undefined, 100])
    expect.soft(calls.finish).toEqual([100])
  })

  it('removes the unfinished asset it created when the editor gives up after a failed finish', async () => {
    await control.addFault({ route: 'finish', status: 422, body: { error: 'not yet' } })
    const { upload } = setup()
    await upload.upload(request())
    expect((await control.state()).assets).toHaveLength(1)
    upload.reset()
    // The removal is not awaited by reset: wait for it to reach the emulator.
    await vi.waitFor(async () => expect((await control.state()).assets).toEqual([]))
  })

  it('sends the privacy with the sign call: a private upload is never public', async () => {
    await control.addFault({ route: 's3', delayMs: 500 })
    const { upload } = setup()
    const pending = upload.upload({ ...request(), metadata: { is_private: true, alt: 'A dot' } })
    // While the file is still on its way, the asset is private already.
    await vi.waitFor(() => expect(upload.status.value).toBe('uploading'))
    const [entry] = (await control.state()).assets
    const signed = await client.getAsset(entry?.id ?? 0)
    expect.soft(signed.is_private).toEqual(true)
    expect.soft(signed.alt).toEqual('A dot')
    expect((await pending)?.is_private).toBe(true)
  })

  it('notes the entries it creates in the journal until they are the field’s or removed', async () => {
    const journal = {
      track: vi.fn(),
      forget: vi.fn(),
      signing: vi.fn(() => settled),
      settled: vi.fn(),
    }
    const settled = vi.fn()
    const { upload } = setup({ journal })
    const asset = await upload.upload(request())
    expect.soft(journal.track.mock.calls).toEqual([[asset?.id]])
    expect.soft(journal.forget.mock.calls).toEqual([[asset?.id]])
    expect(journal.signing).toHaveBeenCalledWith({
      filename: 'photo.png',
      startedAt: expect.any(Number),
    })
    expect(settled).toHaveBeenCalledOnce()
  })

  it('does not note a replaced asset, which is the editor’s own', async () => {
    const { upload: first } = setup()
    const existing = await first.upload(request())
    const journal = {
      track: vi.fn(),
      forget: vi.fn(),
      signing: vi.fn(() => () => {}),
      settled: vi.fn(),
    }
    const { upload } = setup({ journal })
    await upload.upload({ ...request(), replaceAssetId: existing?.id })
    expect
      .soft(journal.track)
      .toEqual(expect.objectContaining({ mock: expect.objectContaining({ calls: [] }) }))
    expect
      .soft(journal.signing)
      .toEqual(expect.objectContaining({ mock: expect.objectContaining({ calls: [] }) }))
  })
})
