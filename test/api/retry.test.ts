import { describe, expect, it } from 'vitest'
import {
  AbortError,
  HttpError,
  NetworkError,
  S3Error,
  TimeoutError,
  ValidationError,
} from '../../src/api/errors'
import { backoffDelay, parseRetryAfter, retryDelay } from '../../src/api/retry'

const url = 'https://mapi.storyblok.com/v1/spaces/1/assets'
const http = (status: number, retryAfterMs: number | null = null): HttpError =>
  new HttpError(status, null, 'GET', url, retryAfterMs)
const half = () => 0.5
/** The wait after a first failed attempt of an idempotent call, or `null`. */
const idempotent = (error: unknown, attempt = 1) =>
  retryDelay(error, { attempt, maxAttempts: 4, random: half })
const sign = (error: unknown) =>
  retryDelay(error, { attempt: 1, maxAttempts: 4, creates: true, random: half })

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

  it('caps a long wait at a minute', () => {
    expect(parseRetryAfter('3600', now)).toBe(60_000)
  })

  it.each([null, undefined, '', 'soon', '-1'])('returns null for %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeNull()
  })
})

describe('backoffDelay', () => {
  it('grows exponentially from 500 ms at the top of the jitter range', () => {
    const top = () => 0.999999
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, top))).toEqual([
      499, 999, 1999, 3999,
    ])
  })

  it('never exceeds the cap of 8 s', () => {
    expect(backoffDelay(20, () => 0.999999)).toBeLessThan(8000)
  })

  it('is zero at the bottom of the jitter range (full jitter)', () => {
    expect(backoffDelay(3, () => 0)).toBe(0)
  })
})

describe('retryDelay', () => {
  it.each([408, 429, 500, 502, 503, 504, 599])('retries an idempotent call after %i', (status) => {
    expect(idempotent(http(status))).toBe(250)
  })

  it.each([400, 401, 403, 404, 409])('does not retry %i', (status) => {
    expect(idempotent(http(status))).toBeNull()
  })

  it('waits what Retry-After asked for, plus up to 250 ms of jitter, before any backoff', () => {
    // random() is 0.5 here: 125 ms of jitter.
    expect(idempotent(http(429, 1500))).toBe(1625)
  })

  it('retries an idempotent call after a timeout', () => {
    expect(idempotent(new TimeoutError('x'))).toBe(250)
  })

  it('does not retry a validation error', () => {
    expect(idempotent(new ValidationError(422, { name: ['taken'] }, 'PUT', url))).toBeNull()
  })

  it('stops after maxAttempts', () => {
    expect(idempotent(http(503), 4)).toBeNull()
  })

  it('never retries a user abort', () => {
    expect(idempotent(new AbortError())).toBeNull()
  })

  it('never retries an unknown error', () => {
    expect(idempotent(new TypeError('bug'))).toBeNull()
  })

  it('retries a sign after a 429 (the request was turned away)', () => {
    expect(sign(http(429, 200))).toBe(325)
  })

  it('retries a sign after a network error before any answer', () => {
    expect(sign(new NetworkError())).toBe(250)
  })

  it('does not retry a sign whose answer broke after the status arrived', () => {
    expect(sign(new NetworkError(null, true))).toBeNull()
  })

  it.each([500, 502, 503, 504, 408])(
    'does not retry a sign after %i (it may have created the asset)',
    (status) => {
      expect(sign(http(status))).toBeNull()
    },
  )

  it('does not retry a sign after a timeout', () => {
    expect(sign(new TimeoutError('x'))).toBeNull()
  })

  it('retries an S3 SlowDown (503) as idempotent', () => {
    const body = '<Error><Code>SlowDown</Code></Error>'
    expect(idempotent(new S3Error(503, body, 'POST', 'https://s3.test'))).toBe(250)
  })
})
