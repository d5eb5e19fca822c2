import { describe, expect, it } from 'vitest'
import {
  AbortError,
  ApiError,
  ConfigError,
  HttpError,
  IntegrityError,
  NetworkError,
  S3Error,
  TimeoutError,
  ValidationError,
  isAbortError,
  isConfigError,
  isExpiredPolicyError,
  isHttpError,
  isIntegrityError,
  isNetworkError,
  isS3Error,
  isTimeoutError,
  isValidationError,
} from '../../src/api/errors'

const url = 'https://mapi.storyblok.com/v1/spaces/1/assets'
const s3Xml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>1</RequestId></Error>`
const fieldErrors = (body: unknown) => new ValidationError(422, body, 'PUT', url).fieldErrors

describe('error classes', () => {
  it('give each class its literal name', () => {
    const names = [
      new ApiError('x'),
      new HttpError(500, null, 'GET', url),
      new ValidationError(422, {}, 'PUT', url),
      new S3Error(403, '', 'POST', url),
      new NetworkError(),
      new TimeoutError('x'),
      new AbortError(),
      new IntegrityError('x'),
      new ConfigError('token'),
    ].map((error) => error.name)
    expect(names).toEqual([
      'ApiError',
      'HttpError',
      'ValidationError',
      'S3Error',
      'NetworkError',
      'TimeoutError',
      'AbortError',
      'IntegrityError',
      'ConfigError',
    ])
  })

  it('keep the cause', () => {
    const cause = new TypeError('fetch failed')
    expect.soft(new NetworkError(cause).cause).toEqual(cause)
    expect.soft(new AbortError(cause).cause).toEqual(cause)
  })

  it('put method, url and status in an HTTP error message', () => {
    expect(new HttpError(404, null, 'GET', url).message).toBe(`GET ${url}: HTTP 404`)
  })

  it('keep status and body on an HTTP error', () => {
    const error = new HttpError(404, ['This record could not be found'], 'GET', url, 2000)
    expect.soft(error.status).toEqual(404)
    expect.soft(error.body).toEqual(['This record could not be found'])
    expect.soft(error.retryAfterMs).toEqual(2000)
  })

  it('make a validation error an HTTP error whose message lists the fields', () => {
    const error = new ValidationError(422, { name: ['has already been taken'] }, 'PUT', url)
    expect.soft(isHttpError(error)).toEqual(true)
    expect.soft(error.message).toEqual('name: has already been taken')
  })

  it('read the S3 error code from the XML body', () => {
    const error = new S3Error(400, s3Xml('EntityTooLarge', 'Too large'), 'POST', url)
    expect.soft(isHttpError(error)).toEqual(true)
    expect.soft(error.code).toEqual('EntityTooLarge')
    expect.soft(error.status).toEqual(400)
  })

  it('give a null S3 code for a body that is not an S3 error', () => {
    expect(new S3Error(502, '<html>Bad Gateway</html>', 'POST', url).code).toBeNull()
  })

  it('name the wrong option in a config error', () => {
    expect.soft(new ConfigError('baseUrl').option).toEqual('baseUrl')
    expect.soft(new ConfigError('baseUrl').message).toEqual('Invalid baseUrl')
  })
})

describe('field errors of a ValidationError', () => {
  it('reads Rails-style field errors', () => {
    expect(fieldErrors({ name: ['has already been taken'], alt: 'is too long' })).toEqual({
      name: ['has already been taken'],
      alt: ['is too long'],
    })
  })

  it('unwraps an errors object', () => {
    expect(fieldErrors({ errors: { filename: ['is invalid'] } })).toEqual({
      filename: ['is invalid'],
    })
  })

  it('puts {"error": "..."} under base', () => {
    expect(fieldErrors({ error: 'Asset is locked' })).toEqual({ base: ['Asset is locked'] })
  })

  it('puts an array of strings under base', () => {
    expect(fieldErrors(['Filename is invalid', 'Size is invalid'])).toEqual({
      base: ['Filename is invalid', 'Size is invalid'],
    })
  })

  it('puts a text body under base', () => {
    expect(fieldErrors('Unprocessable Entity')).toEqual({ base: ['Unprocessable Entity'] })
  })

  it('gives no errors for an empty body', () => {
    expect(fieldErrors(null)).toEqual({})
  })
})

describe('guards', () => {
  it('accept an HTTP error from another realm by its name', () => {
    const foreign = { name: 'HttpError', message: 'x', status: 502, method: 'GET', url, body: null }
    expect(isHttpError(foreign)).toBe(true)
  })

  it('count a validation error and an S3 error as HTTP errors', () => {
    const validation = { name: 'ValidationError', status: 422, fieldErrors: {} }
    const s3 = { name: 'S3Error', status: 403, code: 'AccessDenied' }
    expect.soft(isHttpError(validation)).toEqual(true)
    expect.soft(isHttpError(s3)).toEqual(true)
  })

  it('accept each kind from another realm by its name', () => {
    expect(
      [
        isValidationError({ name: 'ValidationError' }),
        isS3Error({ name: 'S3Error' }),
        isNetworkError({ name: 'NetworkError' }),
        isTimeoutError({ name: 'TimeoutError' }),
        isAbortError({ name: 'AbortError' }),
        isIntegrityError({ name: 'IntegrityError' }),
        isConfigError({ name: 'ConfigError' }),
      ].every(Boolean),
    ).toBe(true)
  })

  it('tell an HTTP error from a validation error', () => {
    expect(isValidationError(new HttpError(422, null, 'GET', url))).toBe(false)
  })

  it('accept the platform AbortError (DOMException) as an abort', () => {
    expect(isAbortError(new DOMException('The operation was aborted.', 'AbortError'))).toBe(true)
  })

  it('do not take a plain Error for an HTTP error', () => {
    expect(isHttpError(new Error('x'))).toBe(false)
  })

  it.each([null, undefined, 'HttpError', 42])('refuse %j', (value) => {
    expect(isHttpError(value) || isAbortError(value)).toBe(false)
  })
})

describe('isExpiredPolicyError', () => {
  it('recognises AccessDenied for an expired policy', () => {
    const body = s3Xml('AccessDenied', 'Invalid according to Policy: Policy expired.')
    expect(isExpiredPolicyError(new S3Error(403, body, 'POST', url))).toBe(true)
  })

  it('does not take another AccessDenied for expiry', () => {
    const body = s3Xml('AccessDenied', 'Invalid according to Policy: Extra input fields: x')
    expect(isExpiredPolicyError(new S3Error(403, body, 'POST', url))).toBe(false)
  })
})
