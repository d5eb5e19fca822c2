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

  it('quotes the errors of no field as Storyblok wrote them', () => {
    const error = new ValidationError(422, { error: 'AI features are off' }, 'GET', url)
    expect(explainError(error).detail).toBe('AI features are off')
  })

  it('quotes a 422’s field errors in its detail', () => {
    const error = new ValidationError(422, { alt: ['is too long'] }, 'PUT', url)
    expect(explainError(error).detail).toBe('alt: is too long')
  })
})

describe('explainError for Storyblok’s AI alt text', () => {
  it.each([[403], [404], [422]])(
    'says a %i is the AI’s refusal, not the token’s, and offers nothing to do',
    (status) => {
      expect(explainError(http(status), 'alt-text')).toMatchObject({
        key: 'form.ai.refused',
        next: 'none',
      })
    },
  )

  it('still says a busy or failing server as such', () => {
    expect(explainError(http(502), 'alt-text').key).toBe('error.server')
  })

  it('gives a gateway’s refusal its own words', () => {
    const refusal = new HttpError(403, { error: 'Not allowed', rule: 'not-allowed' }, 'GET', url)
    expect(explainError(refusal, 'alt-text')).toMatchObject({
      key: 'error.gateway',
      detail: 'Not allowed',
    })
  })
})

describe('explainError for the upload gateway', () => {
  it.each([
    ['privacy-change', 'error.gateway.privacy-change'],
    ['replace', 'error.gateway.replace'],
    ['folder', 'error.gateway.folder'],
    ['declared-size', 'error.gateway.declared'],
    ['origin', 'error.gateway.origin'],
    ['preview-token', 'error.gateway.preview-token'],
    ['something-new', 'error.gateway'],
  ])('puts the rule %s in its own words', (rule, key) => {
    const refusal = new HttpError(403, { error: 'Refused by rule', rule }, 'PUT', url)
    expect(explainError(refusal)).toMatchObject({ key, detail: 'Refused by rule' })
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
