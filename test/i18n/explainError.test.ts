import { describe, expect, it } from 'vitest'
import {
  AbortError,
  AssetNotReadyError,
  HttpError,
  IntegrityError,
  InvalidAssetIdError,
  NetworkError,
  S3Error,
  TimeoutError,
  ValidationError,
} from '../../src/api/errors'
import { explainError } from '../../src/i18n/explainError'

const url = 'https://mapi.storyblok.com/v1/spaces/1/assets'
const http = (status: number) => new HttpError(status, null, 'GET', url)
const s3 = (code: string, status = 400) =>
  new S3Error(status, `<Error><Code>${code}</Code></Error>`, 'POST', url)

describe('explainError', () => {
  it.each([
    ['a cancel', new AbortError(), 'error.cancelled', 'none'],
    ['the platform’s own abort', new DOMException('x', 'AbortError'), 'error.cancelled', 'none'],
    ['a stored file that differs', new IntegrityError('x'), 'error.integrity', 'retry'],
    ['an asset not readable yet', new AssetNotReadyError(), 'error.notReady', 'retry'],
    ['the Sandbox picker’s placeholder', new InvalidAssetIdError(), 'error.notAnAsset', 'none'],
    ['a file over S3’s limit', s3('EntityTooLarge'), 'error.tooLarge', 'choose-file'],
    ['an empty file', s3('EntityTooSmall'), 'error.emptyFile', 'choose-file'],
    ['a refused policy', s3('AccessDenied', 403), 'error.uploadRejected', 'retry'],
    ['a storage failure', s3('InternalError', 500), 'error.server', 'retry'],
    [
      'refused data',
      new ValidationError(422, { alt: ['bad'] }, 'PUT', url),
      'error.validation',
      'retry',
    ],
    ['a refused token', http(401), 'error.unauthorized', 'check-token'],
    ['a token without the right', http(403), 'error.forbidden', 'check-token'],
    ['an asset that is gone', http(404), 'error.notFound', 'choose-file'],
    ['a busy server', http(429), 'error.rateLimited', 'retry'],
    ['a server failure', http(502), 'error.server', 'retry'],
    ['another HTTP answer', http(409), 'error.http', 'retry'],
    ['a timeout', new TimeoutError('x'), 'error.timeout', 'retry'],
    ['no network', new NetworkError(), 'error.network', 'retry'],
    ['anything else', new Error('?'), 'error.unknown', 'retry'],
  ])('puts %s in plain words, with its next step', (_label, error, key, next) => {
    expect(explainError(error)).toMatchObject({ key, next })
  })

  it('keeps the technical detail, for “Details”', () => {
    expect(explainError(http(502)).detail).toBe(`HttpError: GET ${url}: HTTP 502`)
    expect(explainError('text thrown').detail).toBe('text thrown')
  })

  it('quotes a 422’s field errors in its detail', () => {
    const error = new ValidationError(422, { alt: ['is too long'] }, 'PUT', url)
    expect(explainError(error).detail).toBe('ValidationError: alt: is too long')
  })
})

describe('the upload gateway’s refusal of an expiry', () => {
  const refusal = new HttpError(
    403,
    { error: 'expire_at may not be changed through this gateway', rule: 'expiry-change' },
    'PUT',
    url,
  )

  it('says plainly that nothing was saved and which switch allows it', () => {
    expect(explainError(refusal).key).toBe('error.gateway.expiry-change')
  })

  it('offers no retry, which would be refused again', () => {
    expect(explainError(refusal).next).toBe('none')
  })
})
