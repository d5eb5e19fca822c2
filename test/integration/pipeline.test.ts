// The upload pipeline (runUpload: sign, S3 POST, finish, verify) against the local Storyblok,
// with a fault injected at every step. After every run, the emulator must hold at most the one
// asset of the upload, finished when the upload succeeded: never a duplicate, never a
// never-finished leftover.
import { describe, expect, it } from 'vitest'
import type { ManagementClientOptions } from '../../src/api/client'
import {
  isAbortError,
  isHttpError,
  isIntegrityError,
  isNetworkError,
  isS3Error,
  isTimeoutError,
  isValidationError,
} from '../../src/api/errors'
import { defaultSleep, type Sleep } from '../../src/api/abort'
import type { ManagementClient, SignParams } from '../../src/api/types'
import { createConnectivity } from '../../src/api/upload/connectivity'
import { createJob, type UploadEnvironment, type UploadStep } from '../../src/api/upload/job'
import type { OnlineSource } from '../../src/api/upload/online'
import { runUpload, uploadEnvironment } from '../../src/api/upload/run'
import type { Asset } from '../../src/domain/asset'
import { makePng } from '../fixtures/png'
import { manualOnline } from '../support/online'
import { NodeXhr } from '../../scripts/support/nodeXhr'
import { useEmulator } from '../support/emulator'
import { emulatorClient, quickSleep } from './emulatorClient'
import type { EmulatorState, FaultSpec } from '../../emulator/controlClient'

// Reset before each test, which also restores the start-up config: no rate limit.
const local = useEmulator()

const png = makePng(40, 30)
const file = new File([new Uint8Array(png)], 'photo.png', { type: 'image/png' })

/** A client that also records every sign's parameters. */
function recordingClient(options: Partial<ManagementClientOptions> = {}): {
  client: ManagementClient
  signs: SignParams[]
} {
  const inner = emulatorClient(local.emulator, options)
  const signs: SignParams[] = []
  return {
    signs,
    client: {
      ...inner,
      signAsset: (params, requestOptions) => {
        signs.push(params)
        return inner.signAsset(params, requestOptions)
      },
    },
  }
}

interface RunResult {
  asset: Asset | null
  error: unknown
  /** The entry could not be removed. */
  cleanupError: unknown
  phases: UploadStep[]
  signs: SignParams[]
  state: EmulatorState
}

interface UploadOptions extends Partial<
  Pick<UploadEnvironment, 'sweepDelaysMs' | 'stallTimeoutMs' | 'maxAttempts'>
> {
  signal?: AbortSignal
  sleep?: Sleep
  online?: OnlineSource
  replaceAssetId?: number
  onPhase?: (phase: UploadStep) => void
}

/** An asset entry that nobody finishes, as a sign whose answer was lost leaves behind. */
async function createUnfinishedAsset(filename: string): Promise<void> {
  await fetch(`${local.emulator.apiBaseUrl}/spaces/${local.emulator.spaceId}/assets`, {
    method: 'POST',
    headers: { Authorization: local.emulator.token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ filename }),
  })
}

/** One user upload, as the uploads store runs it. */
async function upload(
  { signal, online, replaceAssetId, onPhase, ...env }: UploadOptions = {},
  clientOptions: Partial<ManagementClientOptions> = {},
): Promise<RunResult> {
  const { client, signs } = recordingClient(clientOptions)
  const phases: UploadStep[] = []
  const sweeps: Promise<number>[] = []
  const job = createJob({ client, file, filename: 'photo.png', size: '40x30', replaceAssetId })
  const outcome = await runUpload(job, {
    env: uploadEnvironment({
      connectivity: createConnectivity(online ?? manualOnline(true).source),
      createXhr: () => new NodeXhr(),
      sleep: quickSleep,
      sweepDelaysMs: [0],
      ...env,
    }),
    hooks: {
      onStep: (phase) => {
        phases.push(phase)
        onPhase?.(phase)
      },
      onSweep: (sweep) => sweeps.push(sweep),
    },
    signal: signal ?? new AbortController().signal,
  })
  // The sweep runs on after the upload; the invariant holds once it is over.
  await Promise.all(sweeps)
  return {
    asset: outcome.ok ? outcome.asset : null,
    error: outcome.ok ? null : outcome.error,
    cleanupError: outcome.ok ? null : (outcome.cleanupError ?? null),
    phases,
    signs,
    state: await local.control.state(),
  }
}

/** The invariant: the upload left exactly its own finished asset, or nothing. */
function expectClean(result: RunResult): void {
  if (result.asset) {
    expect(result.state.assets.map((asset) => [asset.id, asset.uploaded, asset.finished])).toEqual([
      [result.asset.id, true, true],
    ])
  } else {
    expect(result.state.assets).toEqual([])
  }
}

async function withFault(
  fault: FaultSpec,
  options: UploadOptions = {},
  clientOptions: Partial<ManagementClientOptions> = {},
) {
  await local.control.addFault(fault)
  return upload(options, clientOptions)
}

describe('upload pipeline against the emulator', () => {
  it('uploads, finishes and verifies one asset', async () => {
    const result = await upload()
    expect.soft(result.error).toEqual(null)
    expect.soft(result.asset?.content_length).toEqual(png.length)
    expect.soft(result.state.requests.sign).toEqual(1)
    expectClean(result)
  })

  describe('sign faults', () => {
    it('429 with Retry-After: retried, one asset', async () => {
      const result = await withFault({
        route: 'sign',
        status: 429,
        body: { error: 'Rate limit' },
        headers: { 'Retry-After': '0' },
      })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.sign).toEqual(2)
      expectClean(result)
    })

    it('500: not retried (it could have created the asset), HttpError, nothing left', async () => {
      const result = await withFault({
        route: 'sign',
        status: 500,
        body: { error: 'Internal Server Error' },
      })
      expect.soft(isHttpError(result.error) && result.error.status).toEqual(500)
      expect.soft(result.state.requests.sign).toEqual(1)
      expectClean(result)
    })

    it('503: not retried, HttpError, nothing left', async () => {
      const result = await withFault({ route: 'sign', status: 503 })
      expect.soft(isHttpError(result.error) && result.error.status).toEqual(503)
      expect.soft(result.state.requests.sign).toEqual(1)
      expectClean(result)
    })

    it('422: ValidationError, not retried', async () => {
      const result = await withFault({
        route: 'sign',
        status: 422,
        body: { filename: ['is invalid'] },
      })
      expect(isValidationError(result.error) && result.error.fieldErrors).toEqual({
        filename: ['is invalid'],
      })
      expectClean(result)
    })

    it('connection dropped before the answer: retried, one asset, duplicates swept', async () => {
      const result = await withFault({ route: 'sign', drop: 'before-response' })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.sign).toEqual(2)
      expect.soft(result.state.requests.list).toEqual(1)
      expectClean(result)
    })

    it('answer cut mid-body: not retried (the server answered), NetworkError, nothing left', async () => {
      const result = await withFault({ route: 'sign', drop: 'mid-transfer', status: 200 })
      expect.soft(isNetworkError(result.error)).toEqual(true)
      expect.soft(result.state.requests.sign).toEqual(1)
      expectClean(result)
    })

    it('timeout: TimeoutError, not retried, nothing left', async () => {
      // The sweep waits past the server's delay: whether the server finishes the abandoned
      // sign or not, nothing may be left.
      const result = await withFault(
        { route: 'sign', delayMs: 200 },
        { sweepDelaysMs: [300], sleep: defaultSleep },
        { timeoutMs: 50 },
      )
      expect.soft(isTimeoutError(result.error)).toEqual(true)
      expect.soft(result.state.requests.sign).toEqual(1)
      expectClean(result)
    })

    it('timeout while the server still creates the asset: the late entry is swept', async () => {
      // Whether the emulator finishes a sign whose client went away depends on timing; a real
      // server that had received it would: the test creates such a late entry itself.
      await local.control.addFault({ route: 'sign', delayMs: 200 })
      setTimeout(() => void createUnfinishedAsset('photo.png'), 100)
      const result = await upload(
        // Sweep after the late entry exists.
        { sweepDelaysMs: [300], sleep: defaultSleep },
        { timeoutMs: 50 },
      )
      expect.soft(isTimeoutError(result.error)).toEqual(true)
      expect.soft((result.state.requests.delete ?? 0) >= 1).toEqual(true)
      expectClean(result)
    })
  })

  describe('S3 faults', () => {
    it('500 InternalError: retried with the same signature', async () => {
      const result = await withFault({
        route: 's3',
        status: 500,
        body: '<Error><Code>InternalError</Code><Message>x</Message></Error>',
      })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.sign).toEqual(1)
      expect.soft(result.state.requests.s3).toEqual(2)
      expectClean(result)
    })

    it('503 SlowDown: retried', async () => {
      const result = await withFault({
        route: 's3',
        status: 503,
        body: '<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>',
      })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.s3).toEqual(2)
      expectClean(result)
    })

    it('connection dropped before the answer: retried', async () => {
      const result = await withFault({ route: 's3', drop: 'before-response' })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.s3).toEqual(2)
      expectClean(result)
    })

    it('connection cut mid-upload: retried from the first byte', async () => {
      const result = await withFault({ route: 's3', drop: 'mid-transfer' })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.s3).toEqual(2)
      expectClean(result)
    })

    it('stalled POST: TimeoutError after the stall timeout, then retried', async () => {
      const result = await withFault({ route: 's3', delayMs: 400 }, { stallTimeoutMs: 100 })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.s3).toEqual(2)
      expectClean(result)
    })

    it('EntityTooLarge: final S3Error, the created asset removed', async () => {
      const result = await withFault({
        route: 's3',
        status: 400,
        body: '<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>',
      })
      expect.soft(isS3Error(result.error) && result.error.code).toEqual('EntityTooLarge')
      expect.soft(result.state.requests.s3).toEqual(1)
      expect.soft(result.state.requests.delete).toEqual(1)
      expectClean(result)
    })

    it('policy violated (AccessDenied, not expiry): final, asset removed', async () => {
      const result = await withFault({
        route: 's3',
        status: 403,
        body: '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Extra input fields: x</Message></Error>',
      })
      expect.soft(isS3Error(result.error) && result.error.code).toEqual('AccessDenied')
      expect.soft(result.state.requests.sign).toEqual(1)
      expectClean(result)
    })

    it('AccessDenied for an expired policy: re-signed with the asset id, one asset', async () => {
      const result = await withFault({
        route: 's3',
        status: 403,
        body: '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>',
      })
      const firstId = result.asset?.id
      expect.soft(result.error).toEqual(null)
      expect.soft(result.signs.map((sign) => sign.id)).toEqual([undefined, firstId])
      expectClean(result)
    })

    it('every attempt fails: final S3Error after maxAttempts, asset removed', async () => {
      const result = await withFault({ route: 's3', status: 500, times: -1 }, { maxAttempts: 3 })
      expect.soft(isS3Error(result.error) && result.error.status).toEqual(500)
      expect.soft(result.state.requests.s3).toEqual(3)
      expectClean(result)
    })
  })

  describe('policy expiry (emulator policyTtlSeconds)', () => {
    it('a policy that expired during a slow POST: re-signed with the same id, then uploaded', async () => {
      await local.control.setConfig({ policyTtlSeconds: 1 })
      // The first POST is held 1.5 s before the policy is checked: it has expired by then.
      const result = await withFault({ route: 's3', delayMs: 1500 })
      const id = result.asset?.id
      expect.soft(result.error).toEqual(null)
      expect.soft(result.signs.map((sign) => sign.id)).toEqual([undefined, id])
      expect.soft(result.state.requests.s3).toEqual(2)
      expectClean(result)
    })

    it('policies that are always expired: re-signed with the same id up to maxResigns, then a final S3Error', async () => {
      await local.control.setConfig({ policyTtlSeconds: 0 })
      const result = await upload()
      const signed = result.signs.map((sign) => sign.id)
      expect(isS3Error(result.error) && result.error.code).toBe('AccessDenied')
      expect(signed).toHaveLength(3)
      expect(signed[0]).toBeUndefined()
      // The re-signs name the asset the first sign created, never a new one.
      expect(signed[1]).toEqual(expect.any(Number))
      expect(signed[2]).toBe(signed[1])
      expectClean(result)
    })
  })

  describe('finish and read faults', () => {
    it('finish 500: retried on its own, without uploading again', async () => {
      const result = await withFault({ route: 'finish', status: 500 })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.finish).toEqual(2)
      expect.soft(result.state.requests.s3).toEqual(1)
      expectClean(result)
    })

    it('finish 429 with Retry-After: retried', async () => {
      const result = await withFault({
        route: 'finish',
        status: 429,
        headers: { 'Retry-After': '0' },
        body: { error: 'Rate limit' },
      })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.finish).toEqual(2)
      expectClean(result)
    })

    it('finish connection dropped: retried', async () => {
      const result = await withFault({ route: 'finish', drop: 'before-response' })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.finish).toEqual(2)
      expectClean(result)
    })

    it('finish too slow: TimeoutError, retried', async () => {
      const result = await withFault({ route: 'finish', delayMs: 300 }, {}, { timeoutMs: 100 })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.finish).toEqual(2)
      expectClean(result)
    })

    it('finish 422: final, the uploaded asset kept; finishing again alone succeeds', async () => {
      const { client } = recordingClient()
      await local.control.addFault({
        route: 'finish',
        status: 422,
        body: { error: 'Upload could not be validated' },
      })
      const job = createJob({ client, file, filename: 'photo.png' })
      const context = {
        env: uploadEnvironment({ createXhr: () => new NodeXhr(), sleep: quickSleep }),
        hooks: {},
        signal: new AbortController().signal,
      }
      const first = await runUpload(job, context)
      // A retry runs the same job: the file is stored, so it only finishes again.
      const second = await runUpload(job, context)
      const state = await local.control.state()
      expect(!first.ok && isValidationError(first.error)).toBe(true)
      expect(second.ok && second.asset.content_length).toBe(png.length)
      expect(state.requests.sign).toBe(1)
      expect(state.requests.s3).toBe(1)
      expect(state.requests.finish).toBe(2)
    })

    it('get 500 after finishing: retried', async () => {
      const result = await withFault({ route: 'get', status: 500 })
      expect.soft(result.error).toEqual(null)
      expect.soft(result.state.requests.get).toEqual(2)
      expectClean(result)
    })

    it('a stored size that differs from the file: IntegrityError, not a success', async () => {
      const wrong = {
        id: 1,
        filename: 'http://x/photo.png',
        alt: null,
        title: null,
        copyright: null,
        focus: null,
        is_private: false,
        content_type: 'image/png',
        content_length: png.length - 1,
        meta_data: {},
      }
      const result = await withFault({ route: 'get', status: 200, body: wrong })
      expect.soft(isIntegrityError(result.error)).toEqual(true)
      expect
        .soft(result.error instanceof Error && result.error.message)
        .toEqual(
          `Asset 1 holds ${png.length - 1} bytes of image/png, not ${png.length} of image/png`,
        )
    })
  })

  describe('cancel', () => {
    it('during the S3 POST: AbortError at once, the created asset removed', async () => {
      const controller = new AbortController()
      await local.control.addFault({ route: 's3', delayMs: 2000 })
      const result = await upload({
        signal: controller.signal,
        onPhase: (phase) => {
          // Cancel as soon as the POST has started.
          if (phase === 'uploading') setTimeout(() => controller.abort(), 50)
        },
      })
      expect.soft(isAbortError(result.error)).toEqual(true)
      expect.soft((result.state.requests.delete ?? 0) >= 1).toEqual(true)
      expectClean(result)
    })

    /**
     * Cancels while the sign is held for 200 ms; meanwhile an unfinished entry named `lateName`
     * appears, standing in for the server finishing the abandoned sign (see the sign timeout
     * test). The sweep waits until that late entry exists.
     */
    async function cancelDuringSign(lateName: string): Promise<RunResult> {
      const controller = new AbortController()
      await local.control.addFault({ route: 'sign', delayMs: 200 })
      setTimeout(() => controller.abort(), 50)
      setTimeout(() => void createUnfinishedAsset(lateName), 100)
      return upload({ signal: controller.signal, sweepDelaysMs: [300], sleep: defaultSleep })
    }

    it('during the sign: AbortError, the entry the server created late is swept', async () => {
      const result = await cancelDuringSign('photo.png')
      expect.soft(isAbortError(result.error)).toEqual(true)
      expect.soft((result.state.requests.delete ?? 0) >= 1).toEqual(true)
      expectClean(result)
    })

    it('the sweep leaves an unfinished asset of another name alone', async () => {
      const result = await cancelDuringSign('other.png')
      expect(result.state.assets.map((asset) => asset.short_filename)).toEqual(['other.png'])
    })

    it('a removal that fails is reported as cleanupError, the asset left', async () => {
      const controller = new AbortController()
      await local.control.addFault({ route: 's3', delayMs: 2000 })
      await local.control.addFault({ route: 'delete', status: 500, times: -1 })
      const result = await upload({
        signal: controller.signal,
        onPhase: (phase) => {
          if (phase === 'uploading') setTimeout(() => controller.abort(), 50)
        },
      })
      const { cleanupError } = result
      expect(isAbortError(result.error)).toBe(true)
      expect(isHttpError(cleanupError) && cleanupError.status).toBe(500)
      expect(result.state.assets).toHaveLength(1)
    })
  })

  describe('offline', () => {
    it('pauses while offline and restarts the POST when back online', async () => {
      const online = manualOnline(true)
      const set = (next: boolean) => online.set(next)
      let dropped = false
      await local.control.addFault({ route: 's3', delayMs: 1000 })
      const result = await upload({
        online: online.source,
        onPhase: (phase) => {
          // Drop off the network once the first POST is under way (and only then).
          if (phase === 'uploading' && !dropped) {
            dropped = true
            setTimeout(() => set(false), 50)
          }
          // Back online a little later.
          if (phase === 'waiting-online') setTimeout(() => set(true), 50)
        },
      })
      expect.soft(result.error).toBeNull()
      expect
        .soft(result.phases)
        .toEqual(['signing', 'uploading', 'waiting-online', 'uploading', 'finishing'])
      expect.soft(result.state.requests.s3).toBe(2)
      expect.soft(result.state.requests.sign).toBe(1)
      expect.soft(online.listeners.size).toBe(0)
      expectClean(result)
    })
  })

  describe('replace', () => {
    it('uploads a new file under the same asset id', async () => {
      const first = await upload()
      const id = first.asset?.id
      const replaced = await upload({ replaceAssetId: id })
      expect.soft(replaced.asset?.id).toEqual(id)
      expect.soft(replaced.signs.map((sign) => sign.id)).toEqual([id])
      expect.soft(replaced.state.assets.length).toEqual(1)
    })

    it('never removes the replaced asset when the transfer fails', async () => {
      const first = await upload()
      await local.control.addFault({
        route: 's3',
        status: 400,
        body: '<Error><Code>EntityTooLarge</Code><Message>x</Message></Error>',
      })
      const replaced = await upload({ replaceAssetId: first.asset?.id })
      expect.soft(isS3Error(replaced.error)).toEqual(true)
      expect.soft(replaced.state.assets.map((asset) => asset.id)).toEqual([first.asset?.id])
    })
  })

  describe('sweep', () => {
    it('a failing list during the sweep does not fail the upload', async () => {
      await local.control.addFault({ route: 'sign', drop: 'before-response' })
      await local.control.addFault({ route: 'list', status: 500, times: -1 })
      const result = await upload()
      expect.soft(result.error).toEqual(null)
      expect.soft((result.state.requests.list ?? 0) >= 1).toEqual(true)
      expectClean(result)
    })
  })
})
