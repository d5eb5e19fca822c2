import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  HttpError,
  NetworkError,
  isAbortError,
  isIntegrityError,
  isNetworkError,
  isS3Error,
} from '../../src/api/errors'
import type { RequestOptions, SignParams } from '../../src/api/types'
import {
  finishAndRead,
  policyExpiresAt,
  storedFilename,
  sweepOrphans,
  transferFile,
  verifyUpload,
  type CleanupReport,
  type TransferOptions,
  type TransferPhase,
} from '../../src/api/upload'
import { fakeClient, signedUpload, storedAsset } from './fakeClient'
import { FakeXhr, s3ErrorXml } from './fakeXhr'

const file = new File([new Uint8Array(10)], 'photo.png', { type: 'image/png' })

beforeEach(() => {
  FakeXhr.instances = []
})

/** Waits until the pipeline has opened its `count`-th S3 POST. */
async function nthXhr(count: number): Promise<FakeXhr> {
  // The POST starts after the sign's promise settles, a few microtasks later.
  await vi.waitFor(() => expect(FakeXhr.instances.length).toBeGreaterThanOrEqual(count))
  const xhr = FakeXhr.instances[count - 1]
  if (!xhr) throw new Error('no XHR')
  return xhr
}

function transfer(options: Partial<TransferOptions> & Pick<TransferOptions, 'client'>) {
  const phases: TransferPhase[] = []
  const promise = transferFile({
    file,
    filename: 'photo.png',
    createXhr: () => new FakeXhr(),
    sleep: async () => {},
    random: () => 0,
    onPhase: (phase) => phases.push(phase),
    ...options,
  })
  return { promise, phases }
}

const settle = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  )

describe('policyExpiresAt', () => {
  it('reads expiration from the base64 policy', () => {
    const at = Date.parse('2030-01-01T00:00:00.000Z')
    expect(policyExpiresAt(signedUpload(1, { expiresAt: at }), 0)).toBe(at)
  })

  it('falls back to signing time plus 10 minutes', () => {
    const signed = { ...signedUpload(1), fields: { key: 'f/1/x.png', policy: 'not base64 json' } }
    expect(policyExpiresAt(signed, 1000)).toBe(1000 + 600_000)
  })
})

describe('storedFilename', () => {
  it('turns every dot but the last into an underscore', () => {
    expect(storedFilename('my.photo.final.png')).toBe('my_photo_final.png')
  })
})

describe('verifyUpload', () => {
  it('accepts a matching length and type', () => {
    expect(() => verifyUpload(storedAsset(1), file)).not.toThrow()
  })

  it('refuses a different content_length', () => {
    expect(() => verifyUpload(storedAsset(1, { content_length: 9 }), file)).toThrow(
      expect.toSatisfy(isIntegrityError),
    )
  })

  it('refuses a different content_type', () => {
    expect(() => verifyUpload(storedAsset(1, { content_type: 'text/html' }), file)).toThrow(
      expect.toSatisfy(isIntegrityError),
    )
  })

  it('accepts image/jpg for image/jpeg', () => {
    const jpeg = new File([new Uint8Array(10)], 'a.jpg', { type: 'image/jpeg' })
    expect(() => verifyUpload(storedAsset(1, { content_type: 'image/jpg' }), jpeg)).not.toThrow()
  })

  it('accepts a file whose type the browser does not know', () => {
    const unknown = new File([new Uint8Array(10)], 'a.xyz')
    expect(() =>
      verifyUpload(storedAsset(1, { content_type: 'chemical/x-xyz' }), unknown),
    ).not.toThrow()
  })

  it('cannot check, and so accepts, an absent content_length', () => {
    expect(() => verifyUpload(storedAsset(1, { content_length: null }), file)).not.toThrow()
  })

  it('reports expected and stored facts', () => {
    let caught: unknown
    try {
      verifyUpload(storedAsset(5, { content_length: 3 }), file)
    } catch (error) {
      caught = error
    }
    expect(
      isIntegrityError(caught)
        ? [caught.assetId, caught.expected.contentLength, caught.actual.contentLength]
        : caught,
    ).toEqual([5, 10, 3])
  })
})

describe('transferFile', () => {
  it('signs once, posts once and returns the asset id', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).respond(204)
    const result = await promise
    expect([result.assetId, calls.sign.length, FakeXhr.instances.length]).toEqual([100, 1, 1])
  })

  it('reports signing, then uploading', async () => {
    const { client } = fakeClient()
    const { promise, phases } = transfer({ client })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(phases).toEqual(['signing', 'uploading'])
  })

  it('passes size and folder to the sign', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client, size: '10x20', assetFolderId: 5 })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(calls.sign[0]).toEqual({
      filename: 'photo.png',
      size: '10x20',
      asset_folder_id: 5,
      id: undefined,
    })
  })

  it('retries a failed POST with the same signature', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).failNetwork()
    ;(await nthXhr(2)).respond(204)
    await promise
    expect([calls.sign.length, FakeXhr.instances[1]?.body?.get('x-amz-signature')]).toEqual([
      1,
      'sig',
    ])
  })

  it('retries a 503 SlowDown', async () => {
    const { client } = fakeClient()
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).respond(503, s3ErrorXml('SlowDown', 'Please reduce your request rate.'))
    ;(await nthXhr(2)).respond(204)
    await expect(promise).resolves.toMatchObject({ assetId: 100 })
  })

  it('gives up after maxAttempts POSTs', async () => {
    const { client } = fakeClient()
    const { promise } = transfer({ client, maxAttempts: 2 })
    const outcome = settle(promise)
    ;(await nthXhr(1)).failNetwork()
    ;(await nthXhr(2)).failNetwork()
    expect(isNetworkError((await outcome).error)).toBe(true)
  })

  it('does not retry EntityTooLarge', async () => {
    const { client } = fakeClient()
    const { promise } = transfer({ client })
    const outcome = settle(promise)
    ;(await nthXhr(1)).respond(
      400,
      s3ErrorXml('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'),
    )
    const { error } = await outcome
    expect([isS3Error(error) && error.code, FakeXhr.instances.length]).toEqual([
      'EntityTooLarge',
      1,
    ])
  })

  it('removes the created asset after a final failure', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    const outcome = settle(promise)
    ;(await nthXhr(1)).respond(400, s3ErrorXml('EntityTooLarge', 'too large'))
    await outcome
    expect(calls.delete).toEqual([100])
  })

  it('re-signs with the asset id when the storage says the policy expired', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).respond(
      403,
      s3ErrorXml('AccessDenied', 'Invalid according to Policy: Policy expired.'),
    )
    ;(await nthXhr(2)).respond(204)
    await promise
    expect(calls.sign.map((params) => params.id)).toEqual([undefined, 100])
  })

  it('does not re-sign after another AccessDenied', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    const outcome = settle(promise)
    ;(await nthXhr(1)).respond(
      403,
      s3ErrorXml('AccessDenied', 'Invalid according to Policy: Extra input fields: x'),
    )
    expect([isS3Error((await outcome).error), calls.sign.length]).toEqual([true, 1])
  })

  it('re-signs with the asset id before retrying once the policy is within the safety margin', async () => {
    let time = Date.parse('2030-01-01T00:00:00Z')
    const { client, calls } = fakeClient({
      signAsset: async (params) =>
        signedUpload(params.id ?? 100, { expiresAt: time + 10 * 60_000 }),
    })
    const { promise } = transfer({ client, now: () => time, safetyMarginMs: 60_000 })
    const first = await nthXhr(1)
    time += 9.5 * 60_000
    first.failNetwork()
    ;(await nthXhr(2)).respond(204)
    await promise
    expect(calls.sign.map((params) => params.id)).toEqual([undefined, 100])
  })

  it('uses a fresh signature at least once even if it expires within the margin', async () => {
    const { client, calls } = fakeClient({
      signAsset: async (params) => signedUpload(params.id ?? 100, { expiresAt: Date.now() + 1000 }),
    })
    const { promise } = transfer({ client, safetyMarginMs: 60_000 })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(calls.sign).toHaveLength(1)
  })

  it('signs a replacement with the existing id', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client, replaceAssetId: 55 })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(calls.sign[0]?.id).toBe(55)
  })

  it('never removes a replaced asset when the transfer fails', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client, replaceAssetId: 55 })
    const outcome = settle(promise)
    ;(await nthXhr(1)).respond(400, s3ErrorXml('EntityTooLarge', 'too large'))
    await outcome
    expect(calls.delete).toEqual([])
  })

  it('aborts the POST at once on cancel', async () => {
    const { client } = fakeClient()
    const controller = new AbortController()
    const { promise } = transfer({ client, signal: controller.signal })
    const outcome = settle(promise)
    const xhr = await nthXhr(1)
    controller.abort()
    expect(xhr.aborted).toBe(true)
    await outcome
  })

  it('rejects a cancel with AbortError after removing the created asset', async () => {
    const { client, calls } = fakeClient()
    const controller = new AbortController()
    const { promise, phases } = transfer({ client, signal: controller.signal })
    const outcome = settle(promise)
    await nthXhr(1)
    controller.abort()
    const { error } = await outcome
    expect([isAbortError(error), calls.delete, phases.at(-1)]).toEqual([true, [100], 'cancelling'])
  })

  it('reports a failed removal as cleanupError on the AbortError', async () => {
    const deleteFailure = new NetworkError()
    const { client } = fakeClient({
      deleteAsset: async () => {
        throw deleteFailure
      },
    })
    const controller = new AbortController()
    const reports: CleanupReport[] = []
    const { promise } = transfer({
      client,
      signal: controller.signal,
      onCleanup: (report) => reports.push(report),
    })
    const outcome = settle(promise)
    await nthXhr(1)
    controller.abort()
    const { error } = await outcome
    expect([isAbortError(error) && error.cleanupError, reports[0]?.error]).toEqual([
      deleteFailure,
      deleteFailure,
    ])
  })

  it('cancels a sign in flight', async () => {
    const { client } = fakeClient({
      signAsset: (_params: SignParams, options?: RequestOptions) =>
        new Promise((_, reject) =>
          options?.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          ),
        ),
    })
    const controller = new AbortController()
    const { promise } = transfer({ client, signal: controller.signal })
    controller.abort()
    await expect(promise).rejects.toSatisfy(isAbortError)
  })

  it('waits for the network before posting when offline', async () => {
    let online = false
    let goOnline: () => void = () => {}
    const { client } = fakeClient()
    const { promise, phases } = transfer({
      client,
      isOnline: () => online,
      waitForOnline: () =>
        new Promise<void>((resolve) => {
          goOnline = () => {
            online = true
            resolve()
          }
        }),
    })
    // The pipeline is paused: it signed, then found the browser offline.
    await vi.waitFor(() => expect(phases).toContain('waiting-online'))
    expect(FakeXhr.instances).toHaveLength(0)
    goOnline()
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(phases).toEqual(['signing', 'waiting-online', 'uploading'])
  })

  it('pauses a running POST when the browser goes offline and restarts it when back', async () => {
    let online = true
    let offlineListener: () => void = () => {}
    let goOnline: () => void = () => {}
    const { client, calls } = fakeClient()
    const { promise, phases } = transfer({
      client,
      isOnline: () => online,
      subscribeOffline: (listener) => {
        offlineListener = listener
        return () => {}
      },
      waitForOnline: () =>
        new Promise<void>((resolve) => {
          goOnline = () => {
            online = true
            resolve()
          }
        }),
    })
    const first = await nthXhr(1)
    online = false
    offlineListener()
    // The aborted POST hands over to the wait for the network.
    await vi.waitFor(() => expect(phases.at(-1)).toBe('waiting-online'))
    goOnline()
    ;(await nthXhr(2)).respond(204)
    await promise
    expect([first.aborted, calls.sign.length, phases]).toEqual([
      true,
      1,
      ['signing', 'uploading', 'waiting-online', 'uploading'],
    ])
  })

  it('gives up after maxOfflinePauses restarts, with the network error', async () => {
    let online = true
    const { client } = fakeClient()
    const { promise } = transfer({
      client,
      maxOfflinePauses: 1,
      isOnline: () => online,
      waitForOnline: async () => {
        online = true
      },
    })
    const outcome = settle(promise)
    const first = await nthXhr(1)
    online = false
    first.failNetwork()
    const second = await nthXhr(2)
    online = false
    second.failNetwork()
    const { error } = await outcome
    expect([isNetworkError(error), FakeXhr.instances.length]).toEqual([true, 2])
  })

  it('sweeps never-finished duplicates after a sign retried on a network error', async () => {
    const since = Date.now()
    const created = new Date(since + 10).toISOString()
    const { client, calls } = fakeClient({
      signAsset: async (params, options) => {
        options?.onRetry?.({ attempt: 1, error: new NetworkError(), delayMs: 0 })
        return signedUpload(params.id ?? 101)
      },
      listAssets: async () => [
        storedAsset(100, { content_length: null, content_type: null, created_at: created }),
        storedAsset(101, { content_length: null, content_type: null, created_at: created }),
        storedAsset(90, { content_length: 10, created_at: created }),
        storedAsset(80, {
          content_length: null,
          content_type: null,
          created_at: '2000-01-01T00:00:00Z',
        }),
        storedAsset(70, {
          content_length: null,
          content_type: null,
          created_at: created,
          filename: 'https://s3.amazonaws.com/a.storyblok.com/f/1/abc/other.png',
        }),
      ],
    })
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(calls.delete).toEqual([100])
  })

  it('does not list assets when no sign was ambiguous', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(calls.list).toEqual([])
  })
})

describe('sweepOrphans', () => {
  it('reports a failed list instead of throwing', async () => {
    const failure = new HttpError({
      status: 500,
      body: null,
      method: 'GET',
      url: 'https://x.test/v1',
    })
    const { client } = fakeClient({
      listAssets: async () => {
        throw failure
      },
    })
    await expect(
      sweepOrphans(client, { filename: 'a.png', keepId: null, since: 0 }),
    ).resolves.toEqual({ removed: [], errors: [failure] })
  })
})

describe('finishAndRead', () => {
  it('finishes, then reads the full asset', async () => {
    const { client, calls } = fakeClient()
    const asset = await finishAndRead(client, 7)
    expect([calls.finish, calls.get, asset.content_length]).toEqual([[7], [7], 10])
  })

  it('reports finishing, then reading', async () => {
    const phases: string[] = []
    const { client } = fakeClient()
    await finishAndRead(client, 7, undefined, { onPhase: (phase) => phases.push(phase) })
    expect(phases).toEqual(['finishing', 'reading'])
  })

  it('does not read the asset when finishing fails', async () => {
    const { client, calls } = fakeClient({
      finishUpload: async () => {
        throw new HttpError({ status: 422, body: null, method: 'GET', url: 'https://x.test/v1' })
      },
    })
    await settle(finishAndRead(client, 7))
    expect(calls.get).toEqual([])
  })
})
