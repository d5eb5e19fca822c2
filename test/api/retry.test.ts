import { describe, expect, it } from 'vitest'
import {
  AbortError,
  HttpError,
  NetworkError,
  S3Error,
  TimeoutError,
  ValidationError,
} from '../../src/api/errors'
import {
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  retryDecision,
  retryKindForMethod,
} from '../../src/api/retry'

const http = (status: number, retryAfterMs: number | null = null): HttpError =>
  new HttpError({
    status,
    body: null,
    method: 'GET',
    url: 'https://mapi.storyblok.com/v1/spaces/1/assets',
    retryAfterMs,
  })

describe('isRetryableStatus', () => {
  it.each([408, 429, 500, 502, 503, 504, 599])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true)
  })

  it.each([200, 204, 400, 401, 403, 404, 409, 422])('does not retry %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-02T03:04:05Z')

  it('reads delta-seconds as milliseconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000)
  })

  it('reads fractional seconds', () => {
    expect(parseRetryAfter('0.5', now)).toBe(500)
  })

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter('Thu, 02 Jan 2025 03:04:08 GMT', now)).toBe(3000)
  })

  it('turns a date in the past into zero', () => {
    expect(parseRetryAfter('Thu, 02 Jan 2025 03:00:00 GMT', now)).toBe(0)
  })

  it('caps a long wait', () => {
    expect(parseRetryAfter('3600', now, 10_000)).toBe(10_000)
  })

  it.each([null, undefined, '', 'soon', '-1'])('returns null for %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeNull()
  })
})

describe('backoffDelay', () => {
  it('grows exponentially at the top of the jitter range', () => {
    const top = () => 0.999999
    expect(
      [1, 2, 3, 4].map((attempt) =>
        backoffDelay(attempt, { baseMs: 100, capMs: 10_000, random: top }),
      ),
    ).toEqual([99, 199, 399, 799])
  })

  it('never exceeds the cap', () => {
    expect(backoffDelay(20, { baseMs: 500, capMs: 8000, random: () => 0.999999 })).toBeLessThan(
      8000,
    )
  })

  it('is zero at the bottom of the jitter range (full jitter)', () => {
    expect(backoffDelay(3, { random: () => 0 })).toBe(0)
  })

  it('uses 500 ms as the default base', () => {
    expect(backoffDelay(1, { random: () => 0.5 })).toBe(250)
  })
})

describe('retryKindForMethod', () => {
  it('treats POST as the non-idempotent sign', () => {
    expect(retryKindForMethod('post')).toBe('sign')
  })

  it.each(['GET', 'PUT', 'DELETE'])('treats %s as idempotent', (method) => {
    expect(retryKindForMethod(method)).toBe('idempotent')
  })
})

describe('retryDecision', () => {
  const base = { attempt: 1, maxAttempts: 4, random: () => 0.5, baseMs: 100 }

  it('retries an idempotent request after a 503 with backoff', () => {
    expect(retryDecision({ ...base, kind: 'idempotent', error: http(503) })).toEqual({
      retry: true,
      delayMs: 50,
    })
  })

  it('waits what Retry-After asked for before any backoff', () => {
    expect(retryDecision({ ...base, kind: 'idempotent', error: http(429, 1500) })).toEqual({
      retry: true,
      delayMs: 1500,
    })
  })

  it('retries an idempotent request after a timeout', () => {
    expect(
      retryDecision({ ...base, kind: 'idempotent', error: new TimeoutError({ timeoutMs: 10 }) })
        .retry,
    ).toBe(true)
  })

  it('does not retry a 404', () => {
    expect(retryDecision({ ...base, kind: 'idempotent', error: http(404) }).retry).toBe(false)
  })

  it('does not retry a validation error', () => {
    const error = new ValidationError({
      body: { name: ['taken'] },
      method: 'PUT',
      url: 'https://x.test/v1',
    })
    expect(retryDecision({ ...base, kind: 'idempotent', error }).retry).toBe(false)
  })

  it('stops after maxAttempts', () => {
    expect(retryDecision({ ...base, attempt: 4, kind: 'idempotent', error: http(503) }).retry).toBe(
      false,
    )
  })

  it('never retries a user abort', () => {
    expect(retryDecision({ ...base, kind: 'idempotent', error: new AbortError() }).retry).toBe(
      false,
    )
  })

  it('never retries an unknown error', () => {
    expect(retryDecision({ ...base, kind: 'idempotent', error: new TypeError('bug') }).retry).toBe(
      false,
    )
  })

  it('retries a sign after a 429 (the request was turned away)', () => {
    expect(retryDecision({ ...base, kind: 'sign', error: http(429, 200) })).toEqual({
      retry: true,
      delayMs: 200,
    })
  })

  it('retries a sign after a network error before any answer', () => {
    expect(retryDecision({ ...base, kind: 'sign', error: new NetworkError() }).retry).toBe(true)
  })

  it('does not retry a sign whose answer broke after the status arrived', () => {
    expect(
      retryDecision({ ...base, kind: 'sign', error: new NetworkError({ responseReceived: true }) })
        .retry,
    ).toBe(false)
  })

  it.each([500, 502, 503, 504, 408])(
    'does not retry a sign after %i (it may have created the asset)',
    (status) => {
      expect(retryDecision({ ...base, kind: 'sign', error: http(status) }).retry).toBe(false)
    },
  )

  it('does not retry a sign after a timeout', () => {
    expect(
      retryDecision({ ...base, kind: 'sign', error: new TimeoutError({ timeoutMs: 10 }) }).retry,
    ).toBe(false)
  })

  it('retries an S3 SlowDown (503) as idempotent', () => {
    const error = new S3Error({
      status: 503,
      body: '',
      url: 'https://s3.test',
      code: 'SlowDown',
      s3Message: null,
    })
    expect(retryDecision({ ...base, kind: 'idempotent', error }).retry).toBe(true)
  })
})
