import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  HttpError,
  NetworkError,
  isAbortError,
  isHttpError,
  isNetworkError,
  isS3Error,
} from '../../../src/api/errors'
import type { ManagementClient, RequestOptions, SignParams } from '../../../src/api/types'
import type { Sleep } from '../../../src/api/abort'
import { createConnectivity } from '../../../src/api/upload/connectivity'
import {
  createJob,
  type UploadEnvironment,
  type UploadRequest,
  type UploadStep,
} from '../../../src/api/upload/job'
import { runUpload, uploadEnvironment, type UploadOutcome } from '../../../src/api/upload/run'
import type { OnlineSource } from '../../../src/api/upload/online'
import type { JournalAsset } from '../../../src/domain/uploadJournal'
import { fakeClient, signedUpload, storedAsset, untilAborted } from '../fakeClient'
import { manualOnline } from '../../support/online'
import { FakeXhr, s3ErrorXml } from '../fakeXhr'

const file = new File([new Uint8Array(10)], 'photo.png', { type: 'image/png' })
const expired = () => s3ErrorXml('AccessDenied', 'Invalid according to Policy: Policy expired.')

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

interface RunOptions
  extends
    Partial<Pick<UploadRequest, 'metadata' | 'size' | 'assetFolderId' | 'replaceAssetId'>>,
    Partial<Pick<UploadEnvironment, 'now' | 'random' | 'maxAttempts' | 'sweepDelaysMs'>> {
  client: ManagementClient
  sleep?: Sleep
  online?: OnlineSource
  signal?: AbortSignal
  /** The asset a failed removal left to this upload (it signs it again, and may remove it). */
  ownAssetId?: number
}

/**
 * Runs one upload of `file` (sign, S3 POST, finish, verify) with a fake XHR and no waits.
 * `promise` settles like the transfer: the asset id and the type the signature fixed, or the
 * error; `outcome` is the run's own answer, with `cleanupError`.
 */
function transfer({
  client,
  sleep = async () => {},
  online,
  signal,
  ownAssetId,
  ...rest
}: RunOptions) {
  const phases: UploadStep[] = []
  const sweeps: Promise<number>[] = []
  const tracked: JournalAsset[] = []
  const { metadata, size, assetFolderId, replaceAssetId, ...env } = rest
  const job = createJob({
    client,
    file,
    filename: 'photo.png',
    metadata,
    size,
    assetFolderId,
    replaceAssetId,
  })
  if (ownAssetId !== undefined) job.assetId = ownAssetId
  const outcome: Promise<UploadOutcome> = runUpload(job, {
    env: uploadEnvironment({
      connectivity: createConnectivity(online ?? manualOnline(true).source),
      createXhr: () => new FakeXhr(),
      sleep,
      journal: { track: (entry) => tracked.push(entry), forget: () => {}, signing: () => () => {} },
      ...env,
    }),
    hooks: { onStep: (step) => phases.push(step), onSweep: (sweep) => sweeps.push(sweep) },
    signal: signal ?? new AbortController().signal,
  })
  const promise = outcome.then((result) =>
    result.ok
      ? { assetId: result.asset.id, contentType: job.contentType }
      : Promise.reject(result.error),
  )
  // Tests that read `outcome` alone leave `promise` unobserved.
  promise.catch(() => {})
  /** Waits for the sweeps the upload started (they run on after it settles); how many each removed. */
  const swept = async () => {
    await outcome
    return Promise.all(sweeps)
  }
  return { promise, outcome, phases, swept, tracked, job }
}

const settle = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  )

describe('runUpload', () => {
  it('signs once, posts once and returns the asset id', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).respond(204)
    const result = await promise
    expect.soft(result.assetId).toEqual(100)
    expect.soft(calls.sign.length).toEqual(1)
    expect.soft(FakeXhr.instances.length).toEqual(1)
  })

  it('reports signing, then uploading, then finishing', async () => {
    const { client } = fakeClient()
    const { promise, phases } = transfer({ client })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(phases).toEqual(['signing', 'uploading', 'finishing'])
  })

  it('finishes the stored file and reads the asset back', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(calls.finish).toEqual([100])
    expect(calls.get).toEqual([100])
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
      content_length: 10,
    })
  })

  it('notes the created asset in the journal before the POST', async () => {
    const { client } = fakeClient()
    const { promise, tracked } = transfer({ client })
    const xhr = await nthXhr(1)
    const before = tracked.map((entry) => entry.id)
    xhr.respond(204)
    await promise
    expect(before).toEqual([100])
  })

  it('retries a failed POST with the same signature', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).failNetwork()
    ;(await nthXhr(2)).respond(204)
    await promise
    expect.soft(calls.sign.length).toEqual(1)
    expect.soft(FakeXhr.instances[1]?.body?.get('x-amz-signature')).toEqual('sig')
  })

  it('retries a 503 SlowDown', async () => {
    const { client } = fakeClient()
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).respond(503, s3ErrorXml('SlowDown', 'Please reduce your request rate.'))
    ;(await nthXhr(2)).respond(204)
    await expect(promise).resolves.toEqual({ assetId: 100, contentType: 'image/png' })
  })

  it('waits the backoff between POST attempts', async () => {
    const waits: number[] = []
    const { client } = fakeClient()
    const { promise } = transfer({ client, sleep: async (ms) => void waits.push(ms) })
    ;(await nthXhr(1)).failNetwork()
    ;(await nthXhr(2)).respond(204)
    await promise
    expect(waits).toHaveLength(1)
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
    expect.soft(isS3Error(error) && error.code).toEqual('EntityTooLarge')
    expect.soft(FakeXhr.instances.length).toEqual(1)
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
    ;(await nthXhr(1)).respond(403, expired())
    ;(await nthXhr(2)).respond(204)
    await promise
    expect(calls.sign.map((params) => params.id)).toEqual([undefined, 100])
  })

  it('re-signs at most twice after "expired", then fails with the S3 error', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    const outcome = settle(promise)
    for (let n = 1; n <= 3; n++) (await nthXhr(n)).respond(403, expired())
    expect.soft(isS3Error((await outcome).error)).toEqual(true)
    expect.soft(calls.sign.length).toEqual(3)
  })

  it('does not re-sign after another AccessDenied', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    const outcome = settle(promise)
    ;(await nthXhr(1)).respond(
      403,
      s3ErrorXml('AccessDenied', 'Invalid according to Policy: Extra input fields: x'),
    )
    expect.soft(isS3Error((await outcome).error)).toEqual(true)
    expect.soft(calls.sign.length).toEqual(1)
  })

  it.each([
    [
      're-signs with the asset id before retrying once the policy is within a minute of expiry',
      9.5,
      [undefined, 100],
    ],
    ['retries with the same signature while the policy is valid', 8, [undefined]],
  ])('%s', async (_title, minutesLater, signedIds) => {
    let time = Date.parse('2030-01-01T00:00:00Z')
    const { client, calls } = fakeClient({
      signAsset: async (params) =>
        signedUpload(params.id ?? 100, { expiresAt: time + 10 * 60_000 }),
    })
    const { promise } = transfer({ client, now: () => time })
    const first = await nthXhr(1)
    time += minutesLater * 60_000
    first.failNetwork()
    ;(await nthXhr(2)).respond(204)
    await promise
    expect(calls.sign.map((params) => params.id)).toEqual(signedIds)
  })

  it('falls back to a 10-minute policy when the policy cannot be read', async () => {
    let time = Date.parse('2030-01-01T00:00:00Z')
    const { client, calls } = fakeClient({
      signAsset: async (params) => ({
        ...signedUpload(params.id ?? 100),
        fields: { key: 'f/1/abc/photo.png', policy: 'not base64 json' },
      }),
    })
    const { promise } = transfer({ client, now: () => time })
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
    const { promise } = transfer({ client })
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

  it('removes a resumed asset of its own when the transfer fails', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client, ownAssetId: 55 })
    const outcome = settle(promise)
    ;(await nthXhr(1)).respond(400, s3ErrorXml('EntityTooLarge', 'too large'))
    await outcome
    expect(calls.delete).toEqual([55])
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
    const { promise } = transfer({ client, signal: controller.signal })
    const outcome = settle(promise)
    await nthXhr(1)
    controller.abort()
    const { error } = await outcome
    expect.soft(isAbortError(error)).toEqual(true)
    expect.soft(calls.delete).toEqual([100])
  })

  it('reports a failed removal as the outcome’s cleanupError, next to the AbortError', async () => {
    const deleteFailure = new NetworkError()
    const { client } = fakeClient({
      deleteAsset: async () => {
        throw deleteFailure
      },
    })
    const controller = new AbortController()
    const { outcome, job } = transfer({ client, signal: controller.signal })
    await nthXhr(1)
    controller.abort()
    const result = await outcome
    expect(result.ok).toBe(false)
    expect(!result.ok && isAbortError(result.error)).toBe(true)
    expect(!result.ok && result.cleanupError).toBe(deleteFailure)
    // The entry is kept for a retry, which signs it again with its id.
    expect(job.assetId).toBe(100)
  })

  it('cancels a sign in flight', async () => {
    const { client } = fakeClient({
      signAsset: (_params: SignParams, options?: RequestOptions) => untilAborted(options?.signal),
    })
    const controller = new AbortController()
    const { promise } = transfer({ client, signal: controller.signal, sweepDelaysMs: [0] })
    controller.abort()
    await expect(promise).rejects.toSatisfy(isAbortError)
  })

  it('waits for the network before signing when offline', async () => {
    const online = manualOnline(false)
    const { client, calls } = fakeClient()
    const { promise, phases } = transfer({ client, online: online.source })
    await vi.waitFor(() => expect(phases).toContain('waiting-online'))
    expect.soft(calls.sign.length).toEqual(0)
    expect.soft(FakeXhr.instances.length).toEqual(0)
    online.set(true)
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(phases).toEqual(['waiting-online', 'signing', 'uploading', 'finishing'])
  })

  it('waits for the network before posting when it went offline after signing', async () => {
    const online = manualOnline(true)
    const { client } = fakeClient({
      signAsset: async (params) => {
        online.set(false, false)
        return signedUpload(params.id ?? 100)
      },
    })
    const { promise, phases } = transfer({ client, online: online.source })
    await vi.waitFor(() => expect(phases).toContain('waiting-online'))
    expect(FakeXhr.instances).toHaveLength(0)
    online.set(true)
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(phases).toEqual(['signing', 'waiting-online', 'uploading', 'finishing'])
  })

  it('pauses a sign cut off by going offline, signs again once back and sweeps what it left', async () => {
    const online = manualOnline(true)
    const signals: (AbortSignal | undefined)[] = []
    const created = new Date(Date.now() + 10).toISOString()
    const { client, calls } = fakeClient({
      signAsset: (params, options) => {
        signals.push(options?.signal)
        // The first sign hangs until going offline cancels it; the server may have created 100.
        if (signals.length === 1) return untilAborted(options?.signal)
        return Promise.resolve(signedUpload(params.id ?? 101))
      },
      listAssets: async () => [
        storedAsset(100, { content_length: null, content_type: null, created_at: created }),
      ],
    })
    const { promise, phases, swept } = transfer({
      client,
      online: online.source,
      sweepDelaysMs: [0],
    })
    await vi.waitFor(() => expect(signals).toHaveLength(1))
    online.set(false)
    await vi.waitFor(() => expect(phases.at(-1)).toBe('waiting-online'))
    expect(signals[0]?.aborted).toBe(true)
    online.set(true)
    ;(await nthXhr(1)).respond(204)
    await expect(promise).resolves.toEqual({ assetId: 101, contentType: 'image/png' })
    expect(phases).toEqual(['signing', 'waiting-online', 'signing', 'uploading', 'finishing'])
    // The cut sign may have created an entry: the sweep removes it, never the upload's own.
    expect(await swept()).toEqual([1])
    expect(calls.delete).toEqual([100])
  })

  it('counts a sign that failed while offline as a pause, not a failure', async () => {
    const online = manualOnline(true)
    let signs = 0
    const { client } = fakeClient({
      signAsset: async (params) => {
        // The connection drops before the browser fires its offline event.
        if (++signs === 1) {
          online.set(false, false)
          throw new NetworkError()
        }
        return signedUpload(params.id ?? 100)
      },
    })
    const { promise, phases } = transfer({ client, online: online.source })
    await vi.waitFor(() => expect(phases.at(-1)).toBe('waiting-online'))
    online.set(true)
    ;(await nthXhr(1)).respond(204)
    await expect(promise).resolves.toEqual({ assetId: 100, contentType: 'image/png' })
    expect(signs).toBe(2)
  })

  it('fails a sign that failed while online, without pausing', async () => {
    const online = manualOnline(true)
    const { client } = fakeClient({
      signAsset: async () => {
        throw new HttpError(422, { error: 'Filename is invalid' }, 'POST', 'https://x.test')
      },
    })
    const { promise, phases } = transfer({ client, online: online.source })
    await expect(promise).rejects.toSatisfy(isHttpError)
    expect(phases).toEqual(['signing'])
  })

  it('pauses a running POST when the browser goes offline and restarts it when back', async () => {
    const online = manualOnline(true)
    const { client, calls } = fakeClient()
    const { promise, phases } = transfer({ client, online: online.source })
    const first = await nthXhr(1)
    online.set(false)
    // The aborted POST hands over to the wait for the network.
    await vi.waitFor(() => expect(phases.at(-1)).toBe('waiting-online'))
    online.set(true)
    ;(await nthXhr(2)).respond(204)
    await promise
    expect(first.aborted).toBe(true)
    expect(calls.sign).toHaveLength(1)
    expect(phases).toEqual(['signing', 'uploading', 'waiting-online', 'uploading', 'finishing'])
  })

  it('counts a failure while offline as a pause, not as a failed attempt', async () => {
    const online = manualOnline(true)
    const { client } = fakeClient()
    const { promise, phases } = transfer({ client, online: online.source, maxAttempts: 1 })
    // The connection drops before the browser fires its offline event.
    const first = await nthXhr(1)
    online.set(false, false)
    first.failNetwork()
    await vi.waitFor(() => expect(phases.at(-1)).toBe('waiting-online'))
    online.set(true)
    ;(await nthXhr(2)).respond(204)
    await expect(promise).resolves.toEqual({ assetId: 100, contentType: 'image/png' })
  })

  it('gives up after 20 restarts, with the network error', async () => {
    const online = manualOnline(true)
    const { client } = fakeClient()
    const { promise, phases } = transfer({ client, online: online.source })
    const outcome = settle(promise)
    for (let n = 1; n <= 21; n++) {
      const xhr = await nthXhr(n)
      online.set(false, false)
      xhr.failNetwork()
      if (n === 21) break
      // Back online once the pipeline waits for the network.
      await vi.waitFor(() => expect(phases.at(-1)).toBe('waiting-online'))
      online.set(true)
    }
    const { error } = await outcome
    expect.soft(isNetworkError(error)).toEqual(true)
    expect.soft(FakeXhr.instances.length).toEqual(21)
  })

  it('stops listening for online events once the transfer ends', async () => {
    const online = manualOnline(true)
    const { client } = fakeClient()
    const { promise } = transfer({ client, online: online.source })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(online.listeners.size).toBe(0)
  })

  it('sweeps never-finished duplicates after a sign retried on a network error', async () => {
    const created = new Date(Date.now() + 10).toISOString()
    const unfinished = { content_length: null, content_type: null, created_at: created }
    const { client, calls } = fakeClient({
      signAsset: async (params, options) => {
        options?.onRetry?.(new NetworkError())
        return signedUpload(params.id ?? 101)
      },
      listAssets: async () => [
        storedAsset(100, unfinished),
        storedAsset(101, unfinished),
        storedAsset(90, { ...unfinished, content_length: 10 }),
        storedAsset(80, { ...unfinished, created_at: '2000-01-01T00:00:00Z' }),
        storedAsset(70, {
          ...unfinished,
          filename: 'https://s3.amazonaws.com/a.storyblok.com/f/1/abc/other.png',
        }),
      ],
    })
    const { promise, swept } = transfer({ client })
    ;(await nthXhr(1)).respond(204)
    await promise
    await swept()
    expect.soft(calls.list).toEqual(['photo'])
    expect.soft(calls.delete).toEqual([100])
  })

  it('does not sweep after a sign retried on a 429 (it was turned away)', async () => {
    const { client, calls } = fakeClient({
      signAsset: async (params, options) => {
        options?.onRetry?.(new HttpError(429, null, 'POST', 'https://x.test'))
        return signedUpload(params.id ?? 100)
      },
    })
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(calls.list).toEqual([])
  })

  it('does not list assets when no sign was ambiguous', async () => {
    const { client, calls } = fakeClient()
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(calls.list).toEqual([])
  })

  it('sweeps after a sign that failed with a 5xx, looking again until the delays run out', async () => {
    const waits: number[] = []
    const { client, calls } = fakeClient({
      signAsset: async () => {
        throw new HttpError(500, null, 'POST', 'https://x.test')
      },
    })
    const { swept } = transfer({ client, sleep: async (ms) => void waits.push(ms) })
    expect(await swept()).toEqual([0])
    expect.soft(waits).toEqual([2000, 5000, 10_000, 20_000])
    expect.soft(calls.list).toEqual(['photo', 'photo', 'photo', 'photo'])
  })

  it('does not keep the editor waiting for the sweep', async () => {
    const { client } = fakeClient({
      signAsset: async (params, options) => {
        options?.onRetry?.(new NetworkError())
        return signedUpload(params.id ?? 100)
      },
    })
    const { promise } = transfer({ client, sleep: () => new Promise(() => {}) })
    ;(await nthXhr(1)).respond(204)
    await expect(promise).resolves.toEqual({ assetId: 100, contentType: 'image/png' })
  })

  it('stops looking once it removed what the ambiguous signs may have left', async () => {
    const waits: number[] = []
    const created = new Date(Date.now() + 10).toISOString()
    const { client, calls } = fakeClient({
      signAsset: async (params, options) => {
        options?.onRetry?.(new NetworkError())
        return signedUpload(params.id ?? 101)
      },
      // The stray entry appears on the server only at the second look.
      listAssets: async () =>
        waits.length < 2
          ? []
          : [storedAsset(100, { content_length: null, content_type: null, created_at: created })],
    })
    const { promise, swept } = transfer({ client, sleep: async (ms) => void waits.push(ms) })
    ;(await nthXhr(1)).respond(204)
    await promise
    expect(await swept()).toEqual([1])
    expect.soft(waits).toEqual([2000, 5000])
    expect.soft(calls.delete).toEqual([100])
  })

  it('does not sweep after a sign refused with a 4xx (nothing was created)', async () => {
    const { client, calls } = fakeClient({
      signAsset: async () => {
        throw new HttpError(422, null, 'POST', 'https://x.test')
      },
    })
    await settle(transfer({ client }).promise)
    expect(calls.list).toEqual([])
  })

  it('keeps its outcome when the sweep fails', async () => {
    const { client } = fakeClient({
      signAsset: async (params, options) => {
        options?.onRetry?.(new NetworkError())
        return signedUpload(params.id ?? 100)
      },
      listAssets: async () => {
        throw new HttpError(500, null, 'GET', 'https://x.test')
      },
    })
    const { promise } = transfer({ client })
    ;(await nthXhr(1)).respond(204)
    await expect(promise).resolves.toEqual({ assetId: 100, contentType: 'image/png' })
  })
})
