// Typed errors of the Management API client and the upload pipeline.
//
// Every class has a literal `name` and keeps `cause`; the guards compare `name` only: the plugin
// runs in an iframe, and an error created in another realm (or rebuilt from a structured clone)
// fails `instanceof` while its `name` and fields survive.
// Messages never contain the token: the client sends it only as a header, and redacts it from
// the answers it keeps (`HttpError.body`).

/** Base class of every error this module throws. */
export class ApiError extends Error {
  override name = 'ApiError'
}

/** The server answered with a status outside 2xx. */
export class HttpError extends ApiError {
  override name = 'HttpError'
  constructor(
    readonly status: number,
    /** The parsed JSON answer, or its text when it was not JSON, or `null` when empty. */
    readonly body: unknown,
    readonly method: string,
    /** Without credentials: the token travels in a header only. */
    readonly url: string,
    /** From `Retry-After`, in milliseconds, when the server sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(`${method} ${url}: HTTP ${status}`)
  }
}

/** Field errors of a 422, keyed by field; errors not tied to a field are under `base` (Rails). */
export type FieldErrors = Record<string, string[]>

/**
 * Reads Rails-style field errors: `{"name":["has already been taken"]}`, also wrapped in
 * `errors`, a plain `{"error": "..."}`, an array of strings (Storyblok answers some 404/422 so),
 * or a text body. Messages not tied to a field go under `base`.
 */
function parseFieldErrors(body: unknown, field = 'base', result: FieldErrors = {}): FieldErrors {
  if (typeof body === 'string' && body.trim()) (result[field] ??= []).push(body)
  else if (Array.isArray(body)) for (const item of body) parseFieldErrors(item, field, result)
  else if (typeof body === 'object' && body)
    for (const [key, value] of Object.entries(body))
      parseFieldErrors(value, /^(error|errors|message)$/.test(key) ? field : key, result)
  return result
}

/** HTTP 422: the server refused the values sent. */
export class ValidationError extends HttpError {
  override name = 'ValidationError'
  readonly fieldErrors = parseFieldErrors(this.body)
  override message = Object.entries(this.fieldErrors)
    .map(([field, texts]) => `${field}: ${texts.join(', ')}`)
    .join('; ')
}

/** The S3-style upload target refused the POST. */
export class S3Error extends HttpError {
  override name = 'S3Error'
  /** From `<Error><Code>…</Code>`, e.g. `AccessDenied`, `EntityTooLarge`, `SlowDown`. */
  readonly code = /<Code>([^<]+)/.exec(String(this.body))?.[1] ?? null
}

/** No (complete) answer arrived: connection refused, reset, DNS, CORS, offline. */
export class NetworkError extends ApiError {
  override name = 'NetworkError'
  constructor(
    cause?: unknown,
    /**
     * True when the status line had arrived and the connection broke while reading the body:
     * the server did process the request, so a non-idempotent one must not be sent again.
     */
    readonly responseReceived = false,
  ) {
    super('Network error', { cause })
  }
}

/** The request took longer than allowed (or, for the upload, made no progress for that long). */
export class TimeoutError extends ApiError {
  override name = 'TimeoutError'
}

/** The user (or the component's disposal) cancelled. Never retried. */
export class AbortError extends ApiError {
  override name = 'AbortError'

  constructor(cause?: unknown) {
    super('Cancelled', { cause })
  }
}

/** The upload was finished but the stored file is not the one that was sent. */
export class IntegrityError extends ApiError {
  override name = 'IntegrityError'
}

/** finish_upload confirmed the upload, but the asset could not be read back yet (it exists). */
export class AssetNotReadyError extends ApiError {
  override name = 'AssetNotReadyError'

  constructor(cause?: unknown) {
    super('The asset is not readable yet', { cause })
  }
}

/**
 * Not an asset id (ids are positive integers): refused before any request, so that no value
 * from outside can aim the token at another path. Also what the official Sandbox's picker gives
 * (a placeholder with id 0).
 */
export class InvalidAssetIdError extends ApiError {
  override name = 'InvalidAssetIdError'

  constructor() {
    super('Not an asset id')
  }
}

/** A client option is unusable; `option` names it. */
export class ConfigError extends ApiError {
  override name = 'ConfigError'
  constructor(readonly option: string) {
    super(`Invalid ${option}`)
  }
}

// Guards: by `name` (see the top of this file). `Object(error)` reads a name off anything,
// `null` and strings included, without a cast.
const guard =
  <T>(...names: string[]) =>
  (error: unknown): error is T =>
    names.includes(Object(error).name)

export const isHttpError = guard<HttpError>('HttpError', 'ValidationError', 'S3Error')
export const isValidationError = guard<ValidationError>('ValidationError')
export const isS3Error = guard<S3Error>('S3Error')
export const isNetworkError = guard<NetworkError>('NetworkError')
export const isTimeoutError = guard<TimeoutError>('TimeoutError')
/**
 * Also true for the platform's own abort (`DOMException` named `AbortError`, what `fetch` and
 * `AbortSignal.abort()` raise): both mean the caller cancelled.
 */
export const isAbortError = guard<AbortError>('AbortError')
export const isIntegrityError = guard<IntegrityError>('IntegrityError')
export const isConfigError = guard<ConfigError>('ConfigError')
export const isAssetNotReadyError = guard<AssetNotReadyError>('AssetNotReadyError')
export const isInvalidAssetIdError = guard<InvalidAssetIdError>('InvalidAssetIdError')

/** The storage refused a signature that ran out: "Policy expired", "Request has expired". */
export const isExpiredPolicyError = (error: unknown): boolean =>
  isS3Error(error) && /expired/i.test(String(error.body))
