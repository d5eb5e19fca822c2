import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isAbortError, isNetworkError, isS3Error, isTimeoutError } from '../../src/api/errors'
import { postToS3 } from '../../src/api/s3'
import type { SignedUpload, UploadProgress } from '../../src/api/types'
import { FakeXhr, s3ErrorXml } from './fakeXhr'

const signed: SignedUpload = {
  id: 7,
  post_url: 'https://s3.amazonaws.com/a.storyblok.com',
  fields: {
    key: 'f/1/abc/x.png',
    acl: 'public-read',
    Expires: 'Sun, 19 Jan 2038 03:14:07 GMT',
    'Cache-Control': 'public; max-age=31536000',
    'Content-Type': 'image/png',
    policy: 'e30=',
    'x-amz-credential': 'AKIA/20250101/us-east-1/s3/aws4_request',
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-date': '20250101T000000Z',
    'x-amz-signature': 'abc',
  },
}

const file = new File([new Uint8Array(10)], 'x.png', { type: 'image/png' })

function start(options: Parameters<typeof postToS3>[2] = {}) {
  const promise = postToS3(signed, file, { createXhr: () => new FakeXhr(), ...options })
  const xhr = FakeXhr.instances.at(-1)
  if (!xhr) throw new Error('no XHR created')
  return { promise, xhr }
}

beforeEach(() => {
  FakeXhr.instances = []
})

afterEach(() => {
  vi.useRealTimers()
})

describe('postToS3', () => {
  it('POSTs to post_url', () => {
    const { xhr } = start()
    expect.soft(xhr.method).toEqual('POST')
    expect.soft(xhr.url).toEqual(signed.post_url)
  })

  it('sends every field in order, then file last', () => {
    const { xhr } = start()
    expect(xhr.fieldNames()).toEqual([...Object.keys(signed.fields), 'file'])
  })

  it('sends the field values unchanged', () => {
    const { xhr } = start()
    expect(
      Object.fromEntries([...(xhr.body?.entries() ?? [])].filter(([name]) => name !== 'file')),
    ).toEqual(signed.fields)
  })

  it('sends the file itself as the file part', async () => {
    const { xhr } = start()
    const part = xhr.body?.get('file')
    expect(part instanceof Blob ? part.size : null).toBe(10)
  })

  it('sends the file under the name it is stored as, not the name the browser gave it', () => {
    const named = postToS3(signed, new File([new Uint8Array(4)], 'a\u0000b\u0007\u200bc.png'), {
      createXhr: () => new FakeXhr(),
      filename: 'abc.png',
    })
    void named.catch(() => {})
    const part = FakeXhr.instances.at(-1)?.body?.get('file')
    expect(part instanceof File ? part.name : null).toBe('abc.png')
  })

  it('sets no request header (no Authorization, no manual Content-Type)', () => {
    const { xhr } = start()
    expect(xhr.requestHeaders).toEqual({})
  })

  it('forwards byte progress', () => {
    const seen: UploadProgress[] = []
    const { xhr } = start({ onProgress: (progress) => seen.push(progress) })
    xhr.progress(4, 10)
    expect(seen).toEqual([{ loaded: 4, total: 10 }])
  })

  it.each([200, 201, 204])('resolves on %i', async (status) => {
    const { promise, xhr } = start()
    xhr.respond(status)
    await expect(promise).resolves.toBeUndefined()
  })

  it('rejects an S3 XML error as S3Error with its code and status', async () => {
    const { promise, xhr } = start()
    xhr.respond(
      400,
      s3ErrorXml('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'),
    )
    const error = await promise.catch((caught: unknown) => caught)
    expect(isS3Error(error) ? [error.status, error.code] : error).toEqual([400, 'EntityTooLarge'])
  })

  it('rejects a network error as NetworkError', async () => {
    const { promise, xhr } = start()
    xhr.failNetwork()
    await expect(promise).rejects.toSatisfy(isNetworkError)
  })

  it('aborts the XHR at once when the signal aborts', () => {
    const controller = new AbortController()
    const { promise, xhr } = start({ signal: controller.signal })
    promise.catch(() => {})
    controller.abort()
    expect(xhr.aborted).toBe(true)
  })

  it('rejects with AbortError when the signal aborts', async () => {
    const controller = new AbortController()
    const { promise } = start({ signal: controller.signal })
    controller.abort()
    await expect(promise).rejects.toSatisfy(isAbortError)
  })

  it('does not open a request for an already aborted signal', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      postToS3(signed, file, { signal: controller.signal, createXhr: () => new FakeXhr() }),
    ).rejects.toSatisfy(isAbortError)
    expect(FakeXhr.instances).toHaveLength(0)
  })

  it('times out after a stall without progress', async () => {
    vi.useFakeTimers()
    const { promise, xhr } = start({ timeoutMs: 1000 })
    const outcome = promise.catch((caught: unknown) => caught)
    vi.advanceTimersByTime(1000)
    expect.soft(isTimeoutError(await outcome)).toEqual(true)
    expect.soft(xhr.aborted).toEqual(true)
  })

  it('does not time out while progress keeps coming', async () => {
    vi.useFakeTimers()
    const { promise, xhr } = start({ timeoutMs: 1000 })
    for (let i = 1; i <= 5; i++) {
      vi.advanceTimersByTime(900)
      xhr.progress(i, 10)
    }
    xhr.respond(204)
    await expect(promise).resolves.toBeUndefined()
  })
})
