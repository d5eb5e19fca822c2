import { describe, expect, it } from 'vitest'
import {
  AbortError,
  ApiError,
  ConfigError,
  HttpError,
  IntegrityError,
  NetworkError,
  ResponseShapeError,
  S3Error,
  TimeoutError,
  ValidationError,
  describeError,
  isAbortError,
  isApiError,
  isExpiredPolicyError,
  isHttpError,
  isIntegrityError,
  isNetworkError,
  isS3Error,
  isTimeoutError,
  isValidationError,
  parseFieldErrors,
  parseS3ErrorXml,
} from '../../src/api/errors'

const url = 'https://mapi.storyblok.com/v1/spaces/1/assets'
const s3Xml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>1</RequestId></Error>`

describe('error classes', () => {
  it('give each class its literal name', () => {
    const names = [
      new ApiError('x'),
      new HttpError({ status: 500, body: null, method: 'GET', url }),
      new ValidationError({ body: {}, method: 'PUT', url }),
      new S3Error({ status: 403, body: '', url, code: 'AccessDenied', s3Message: null }),
      new NetworkError(),
      new TimeoutError({ timeoutMs: 1 }),
      new AbortError(),
      new IntegrityError({
        assetId: 1,
        expected: { contentLength: 1, contentType: null },
        actual: { contentLength: 2, contentType: null },
      }),
      new ResponseShapeError({ expected: 'Asset' }),
      new ConfigError({ option: 'token', message: 'missing' }),
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
      'ResponseShapeError',
      'ConfigError',
    ])
  })

  it('keep the cause', () => {
    const cause = new TypeError('fetch failed')
    expect(new NetworkError({ cause }).cause).toBe(cause)
  })

  it('put status, method and url in an HTTP error message', () => {
    const error = new HttpError({
      status: 404,
      body: ['This record could not be found'],
      method: 'GET',
      url,
    })
    expect(error.message).toBe(`GET ${url} failed with HTTP 404: This record could not be found`)
  })

  it('make a validation error an HTTP 422', () => {
    const error = new ValidationError({
      body: { name: ['has already been taken'] },
      method: 'PUT',
      url,
    })
    expect([error.status, error instanceof HttpError]).toEqual([422, true])
  })

  it('make an S3 error an HTTP error with its code', () => {
    const error = new S3Error({
      status: 400,
      body: '',
      url,
      code: 'EntityTooLarge',
      s3Message: 'Your proposed upload exceeds the maximum allowed size',
    })
    expect([error instanceof HttpError, error.code, error.method]).toEqual([
      true,
      'EntityTooLarge',
      'POST',
    ])
  })
})

describe('guards', () => {
  it('accept an HTTP error from another realm by its name and fields', () => {
    const foreign = { name: 'HttpError', message: 'x', status: 502, method: 'GET', url, body: null }
    expect(isHttpError(foreign)).toBe(true)
  })

  it('refuse an object named HttpError without a status', () => {
    expect(isHttpError({ name: 'HttpError', message: 'x' })).toBe(false)
  })

  it('count a validation error and an S3 error as HTTP errors', () => {
    const validation = new ValidationError({ body: {}, method: 'PUT', url })
    const s3 = new S3Error({ status: 403, body: '', url, code: null, s3Message: null })
    expect([isHttpError(validation), isHttpError(s3)]).toEqual([true, true])
  })

  it('accept a foreign validation error with fieldErrors', () => {
    const foreign = {
      name: 'ValidationError',
      message: 'x',
      status: 422,
      method: 'PUT',
      url,
      fieldErrors: { name: ['taken'] },
    }
    expect(isValidationError(foreign)).toBe(true)
  })

  it('tell an HTTP error from a validation error', () => {
    expect(isValidationError(new HttpError({ status: 422, body: null, method: 'GET', url }))).toBe(
      false,
    )
  })

  it('accept a foreign S3 error', () => {
    expect(
      isS3Error({
        name: 'S3Error',
        message: 'x',
        status: 403,
        method: 'POST',
        url,
        code: 'AccessDenied',
      }),
    ).toBe(true)
  })

  it('accept the platform AbortError (DOMException) as an abort', () => {
    expect(isAbortError(new DOMException('The operation was aborted.', 'AbortError'))).toBe(true)
  })

  it('accept a foreign timeout with its timeoutMs', () => {
    expect(isTimeoutError({ name: 'TimeoutError', message: 'x', timeoutMs: 5 })).toBe(true)
  })

  it('accept a foreign network error', () => {
    expect(isNetworkError({ name: 'NetworkError', message: 'x' })).toBe(true)
  })

  it('accept a foreign integrity error with its asset id', () => {
    expect(isIntegrityError({ name: 'IntegrityError', message: 'x', assetId: 3 })).toBe(true)
  })

  it('do not take a plain Error for an API error', () => {
    expect(isApiError(new Error('x'))).toBe(false)
  })

  it.each([null, undefined, 'HttpError', 42])('refuse %j', (value) => {
    expect(isHttpError(value) || isApiError(value) || isAbortError(value)).toBe(false)
  })
})

describe('parseFieldErrors', () => {
  it('reads Rails-style field errors', () => {
    expect(parseFieldErrors({ name: ['has already been taken'], alt: 'is too long' })).toEqual({
      name: ['has already been taken'],
      alt: ['is too long'],
    })
  })

  it('unwraps an errors object', () => {
    expect(parseFieldErrors({ errors: { filename: ['is invalid'] } })).toEqual({
      filename: ['is invalid'],
    })
  })

  it('puts {"error": "..."} under base', () => {
    expect(parseFieldErrors({ error: 'Asset is locked' })).toEqual({ base: ['Asset is locked'] })
  })

  it('puts an array of strings under base', () => {
    expect(parseFieldErrors(['Filename is invalid', 'Size is invalid'])).toEqual({
      base: ['Filename is invalid', 'Size is invalid'],
    })
  })

  it('puts a text body under base', () => {
    expect(parseFieldErrors('Unprocessable Entity')).toEqual({ base: ['Unprocessable Entity'] })
  })

  it('gives no errors for an empty body', () => {
    expect(parseFieldErrors(null)).toEqual({})
  })

  it('makes the ValidationError message list the fields', () => {
    const error = new ValidationError({
      body: { name: ['has already been taken'] },
      method: 'PUT',
      url,
    })
    expect(error.message).toBe('Validation failed: name has already been taken')
  })
})

describe('parseS3ErrorXml', () => {
  it('reads the code and message', () => {
    expect(
      parseS3ErrorXml(s3Xml('AccessDenied', 'Invalid according to Policy: Policy expired.')),
    ).toEqual({
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    })
  })

  it('decodes XML entities', () => {
    expect(parseS3ErrorXml(s3Xml('InvalidArgument', 'a &lt;b&gt; &amp; c')).message).toBe(
      'a <b> & c',
    )
  })

  it('gives nulls for a body that is not an S3 error', () => {
    expect(parseS3ErrorXml('<html>Bad Gateway</html>')).toEqual({ code: null, message: null })
  })
})

describe('isExpiredPolicyError', () => {
  it('recognises AccessDenied for an expired policy', () => {
    const error = new S3Error({
      status: 403,
      body: '',
      url,
      code: 'AccessDenied',
      s3Message: 'Invalid according to Policy: Policy expired.',
    })
    expect(isExpiredPolicyError(error)).toBe(true)
  })

  it('does not take another AccessDenied for expiry', () => {
    const error = new S3Error({
      status: 403,
      body: '',
      url,
      code: 'AccessDenied',
      s3Message: 'Invalid according to Policy: Extra input fields: x',
    })
    expect(isExpiredPolicyError(error)).toBe(false)
  })
})

describe('describeError', () => {
  it('describes a validation error with its fields', () => {
    const error = new ValidationError({ body: { name: ['taken'] }, method: 'PUT', url })
    expect(describeError(error)).toEqual({ kind: 'validation', status: 422, detail: 'name taken' })
  })

  it('describes an S3 error by its code', () => {
    const error = new S3Error({
      status: 400,
      body: '',
      url,
      code: 'EntityTooLarge',
      s3Message: null,
    })
    expect(describeError(error)).toEqual({ kind: 's3', status: 400, detail: 'EntityTooLarge' })
  })

  it('describes something thrown that is not an error', () => {
    expect(describeError('boom')).toEqual({ kind: 'unknown', detail: 'boom' })
  })
})
