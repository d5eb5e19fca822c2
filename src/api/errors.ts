// Typed errors of the Management API client and the upload pipeline.
//
// Every class has a literal `name`, keeps `cause`, and has a guard that also compares `name`:
// the plugin runs in an iframe, and an error created in another realm (or rebuilt from a
// structured clone) fails `instanceof` while its `name` and fields survive.
// Messages never contain the token: the client sends it only as a header, and the pieces of
// the server's answer kept here are redacted by the client before they reach these classes.

export const ErrorName = {
  api: 'ApiError',
  http: 'HttpError',
  validation: 'ValidationError',
  s3: 'S3Error',
  network: 'NetworkError',
  timeout: 'TimeoutError',
  abort: 'AbortError',
  integrity: 'IntegrityError',
  responseShape: 'ResponseShapeError',
  config: 'ConfigError',
} as const

export type ErrorNameValue = (typeof ErrorName)[keyof typeof ErrorName]

export interface ApiErrorOptions {
  cause?: unknown
}

/** Base class of every error this module throws. */
export class ApiError extends Error {
  override readonly name: string = ErrorName.api
  /**
   * Set when the pipeline tried to remove the asset entry it had created (after a cancel or a
   * final failure) and that removal failed: the asset may still exist in the space.
   */
  cleanupError?: unknown

  constructor(message: string, options: ApiErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined)
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface HttpErrorInit extends ApiErrorOptions {
  status: number
  /** The parsed JSON answer, or its text when it was not JSON, or `null` when empty. */
  body: unknown
  method: string
  /** Without credentials: the token travels in a header only. */
  url: string
  /** From `Retry-After`, in milliseconds, when the server sent one. */
  retryAfterMs?: number | null
  message?: string
}

/** The server answered with a status outside 2xx. */
export class HttpError extends ApiError {
  override readonly name: string = ErrorName.http
  readonly status: number
  readonly body: unknown
  readonly method: string
  readonly url: string
  readonly retryAfterMs: number | null

  constructor(init: HttpErrorInit) {
    super(
      init.message ??
        `${init.method} ${init.url} failed with HTTP ${init.status}${summarizeBody(init.body)}`,
      init,
    )
    this.status = init.status
    this.body = init.body
    this.method = init.method
    this.url = init.url
    this.retryAfterMs = init.retryAfterMs ?? null
  }
}

/** Field errors of a 422, keyed by field; errors not tied to a field are under `base` (Rails). */
export type FieldErrors = Record<string, string[]>

/** HTTP 422: the server refused the values sent. */
export class ValidationError extends HttpError {
  override readonly name: string = ErrorName.validation
  readonly fieldErrors: FieldErrors

  constructor(init: Omit<HttpErrorInit, 'status'> & { status?: number }) {
    const fieldErrors = parseFieldErrors(init.body)
    super({
      ...init,
      status: init.status ?? 422,
      message: init.message ?? `Validation failed: ${formatFieldErrors(fieldErrors)}`,
    })
    this.fieldErrors = fieldErrors
  }
}

export interface S3ErrorInit extends Omit<HttpErrorInit, 'method'> {
  /** The S3 error code, e.g. `AccessDenied`, `EntityTooLarge`, `SlowDown`; `null` when the body had none. */
  code: string | null
  s3Message: string | null
}

/** The S3-style upload target refused the POST. */
export class S3Error extends HttpError {
  override readonly name: string = ErrorName.s3
  readonly code: string | null
  readonly s3Message: string | null

  constructor(init: S3ErrorInit) {
    super({
      ...init,
      method: 'POST',
      message:
        init.message ??
        `Upload to storage failed with HTTP ${init.status}${init.code ? ` (${init.code}${init.s3Message ? `: ${init.s3Message}` : ''})` : ''}`,
    })
    this.code = init.code
    this.s3Message = init.s3Message
  }
}

export interface RequestErrorInit extends ApiErrorOptions {
  method?: string
  url?: string
}

/** No (complete) answer arrived: connection refused, reset, DNS, CORS, offline. */
export class NetworkError extends ApiError {
  override readonly name: string = ErrorName.network
  readonly method: string | null
  readonly url: string | null
  /**
   * True when the status line had arrived and the connection broke while reading the body:
   * the server did process the request, so a non-idempotent one must not be sent again.
   */
  readonly responseReceived: boolean

  constructor(init: RequestErrorInit & { message?: string; responseReceived?: boolean } = {}) {
    super(
      init.message ??
        `Network error${init.method && init.url ? ` during ${init.method} ${init.url}` : ''}`,
      init,
    )
    this.method = init.method ?? null
    this.url = init.url ?? null
    this.responseReceived = init.responseReceived ?? false
  }
}

/** The request took longer than allowed (or, for the upload, made no progress for that long). */
export class TimeoutError extends ApiError {
  override readonly name: string = ErrorName.timeout
  readonly timeoutMs: number
  readonly method: string | null
  readonly url: string | null

  constructor(init: RequestErrorInit & { timeoutMs: number }) {
    super(
      `Timed out after ${init.timeoutMs} ms${init.method && init.url ? ` during ${init.method} ${init.url}` : ''}`,
      init,
    )
    this.timeoutMs = init.timeoutMs
    this.method = init.method ?? null
    this.url = init.url ?? null
  }
}

/** The user (or the component's disposal) cancelled. Never retried. */
export class AbortError extends ApiError {
  override readonly name: string = ErrorName.abort

  constructor(options: ApiErrorOptions & { message?: string } = {}) {
    super(options.message ?? 'The operation was cancelled', options)
  }
}

export interface IntegrityFacts {
  contentLength: number | null
  contentType: string | null
}

/** The upload was finished but the stored file is not the one that was sent. */
export class IntegrityError extends ApiError {
  override readonly name: string = ErrorName.integrity
  readonly assetId: number
  readonly expected: IntegrityFacts
  readonly actual: IntegrityFacts

  constructor(
    init: ApiErrorOptions & { assetId: number; expected: IntegrityFacts; actual: IntegrityFacts },
  ) {
    super(
      `Asset ${init.assetId} does not match the uploaded file: expected ${formatFacts(init.expected)}, stored ${formatFacts(init.actual)}`,
      init,
    )
    this.assetId = init.assetId
    this.expected = init.expected
    this.actual = init.actual
  }
}

/** A 2xx answer whose body does not have the shape this client relies on. */
export class ResponseShapeError extends ApiError {
  override readonly name: string = ErrorName.responseShape
  /** What was being read, e.g. `SignedUpload`. */
  readonly expected: string
  /** The first field found wrong, e.g. `post_url`. */
  readonly field: string | null

  constructor(init: ApiErrorOptions & { expected: string; field?: string | null }) {
    super(
      `Unexpected response: not a ${init.expected}${init.field ? ` (field \`${init.field}\`)` : ''}`,
      init,
    )
    this.expected = init.expected
    this.field = init.field ?? null
  }
}

/** A client or pipeline option is missing or unusable; `option` names it. */
export class ConfigError extends ApiError {
  override readonly name: string = ErrorName.config
  readonly option: string

  constructor(init: ApiErrorOptions & { option: string; message: string }) {
    super(`Invalid option \`${init.option}\`: ${init.message}`, init)
    this.option = init.option
  }
}

// ---------------------------------------------------------------------------------------------
// Guards. `instanceof` first (same realm), then the name and the fields another realm keeps.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function hasName(
  error: unknown,
  names: readonly string[],
): error is Record<string, unknown> & { name: string } {
  return isRecord(error) && typeof error.name === 'string' && names.includes(error.name)
}

const HTTP_NAMES: readonly string[] = [ErrorName.http, ErrorName.validation, ErrorName.s3]
const API_NAMES: readonly string[] = Object.values(ErrorName)

export function isApiError(error: unknown): error is ApiError {
  return (
    error instanceof ApiError || (hasName(error, API_NAMES) && typeof error.message === 'string')
  )
}

export function isHttpError(error: unknown): error is HttpError {
  return (
    error instanceof HttpError ||
    (hasName(error, HTTP_NAMES) &&
      typeof error.status === 'number' &&
      typeof error.method === 'string' &&
      typeof error.url === 'string')
  )
}

export function isValidationError(error: unknown): error is ValidationError {
  return (
    error instanceof ValidationError ||
    (isHttpError(error) &&
      error.name === ErrorName.validation &&
      isRecord(Reflect.get(error, 'fieldErrors')))
  )
}

export function isS3Error(error: unknown): error is S3Error {
  return error instanceof S3Error || (isHttpError(error) && error.name === ErrorName.s3)
}

export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError || hasName(error, [ErrorName.network])
}

export function isTimeoutError(error: unknown): error is TimeoutError {
  return (
    error instanceof TimeoutError ||
    (hasName(error, [ErrorName.timeout]) && typeof error.timeoutMs === 'number')
  )
}

/**
 * Also true for the platform's own abort (`DOMException` named `AbortError`, what `fetch` and
 * `AbortSignal.abort()` raise): both mean the caller cancelled.
 */
export function isAbortError(error: unknown): error is AbortError {
  return error instanceof AbortError || hasName(error, [ErrorName.abort])
}

export function isIntegrityError(error: unknown): error is IntegrityError {
  return (
    error instanceof IntegrityError ||
    (hasName(error, [ErrorName.integrity]) && typeof error.assetId === 'number')
  )
}

export function isResponseShapeError(error: unknown): error is ResponseShapeError {
  return error instanceof ResponseShapeError || hasName(error, [ErrorName.responseShape])
}

export function isConfigError(error: unknown): error is ConfigError {
  return (
    error instanceof ConfigError ||
    (hasName(error, [ErrorName.config]) && typeof error.option === 'string')
  )
}

// ---------------------------------------------------------------------------------------------

export type ErrorKind =
  | 'validation'
  | 's3'
  | 'http'
  | 'network'
  | 'timeout'
  | 'abort'
  | 'integrity'
  | 'response'
  | 'config'
  | 'unknown'

export interface ErrorDescription {
  kind: ErrorKind
  status?: number
  /** A short, token-free text for the editor. */
  detail: string
}

/** What the UI needs to show an error, whatever was thrown. */
export function describeError(error: unknown): ErrorDescription {
  if (isValidationError(error))
    return {
      kind: 'validation',
      status: error.status,
      detail: formatFieldErrors(error.fieldErrors),
    }
  if (isS3Error(error))
    return { kind: 's3', status: error.status, detail: error.code ?? error.message }
  if (isHttpError(error)) return { kind: 'http', status: error.status, detail: error.message }
  if (isNetworkError(error)) return { kind: 'network', detail: error.message }
  if (isTimeoutError(error)) return { kind: 'timeout', detail: error.message }
  if (isAbortError(error)) return { kind: 'abort', detail: error.message }
  if (isIntegrityError(error)) return { kind: 'integrity', detail: error.message }
  if (isResponseShapeError(error)) return { kind: 'response', detail: error.message }
  if (isConfigError(error)) return { kind: 'config', detail: error.message }
  if (error instanceof Error) return { kind: 'unknown', detail: error.message }
  return { kind: 'unknown', detail: String(error) }
}

// ---------------------------------------------------------------------------------------------
// Bodies.

/**
 * Reads Rails-style field errors: `{"name":["has already been taken"]}`, also wrapped in
 * `errors`, a plain `{"error": "..."}`, an array of strings (Storyblok answers some 404/422 so),
 * or a text body. Messages not tied to a field go under `base`.
 */
export function parseFieldErrors(body: unknown): FieldErrors {
  const result: FieldErrors = {}
  const add = (field: string, message: unknown): void => {
    const texts = toStrings(message)
    if (texts.length === 0) return
    result[field] = [...(result[field] ?? []), ...texts]
  }
  if (typeof body === 'string') {
    add('base', body.trim())
  } else if (Array.isArray(body)) {
    add('base', body)
  } else if (isRecord(body)) {
    const source = isRecord(body.errors) && !Array.isArray(body.errors) ? body.errors : body
    for (const [key, value] of Object.entries(source)) {
      add(key === 'error' || key === 'errors' || key === 'message' ? 'base' : key, value)
    }
  }
  return result
}

function toStrings(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value]
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)]
  if (Array.isArray(value)) return value.flatMap(toStrings)
  return []
}

export function formatFieldErrors(fieldErrors: FieldErrors): string {
  const parts = Object.entries(fieldErrors).map(([field, messages]) =>
    field === 'base' ? messages.join(', ') : `${field} ${messages.join(', ')}`,
  )
  return parts.length > 0 ? parts.join('; ') : 'no details given'
}

function summarizeBody(body: unknown): string {
  let text = ''
  if (typeof body === 'string') text = body
  else if (isRecord(body) && typeof body.error === 'string') text = body.error
  else if (isRecord(body) && typeof body.message === 'string') text = body.message
  else if (Array.isArray(body)) text = toStrings(body).join(', ')
  text = text.trim()
  if (text === '' || text.startsWith('<')) return ''
  return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`
}

function formatFacts(facts: IntegrityFacts): string {
  return `${facts.contentLength ?? '?'} bytes of ${facts.contentType ?? 'unknown type'}`
}

export interface S3ErrorBody {
  code: string | null
  message: string | null
}

/**
 * Reads `<Error><Code>…</Code><Message>…</Message></Error>`. A regular expression, not
 * `DOMParser`: the same code runs in Node (tests, the emulator) where there is no DOM, and the
 * body is a flat document S3 writes itself.
 */
export function parseS3ErrorXml(text: string): S3ErrorBody {
  return { code: readXmlElement(text, 'Code'), message: readXmlElement(text, 'Message') }
}

function readXmlElement(text: string, element: string): string | null {
  const match = new RegExp(`<${element}>([^<]*)</${element}>`).exec(text)
  if (!match?.[1]) return null
  return match[1]
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
}

export const S3ErrorCode = {
  accessDenied: 'AccessDenied',
  entityTooLarge: 'EntityTooLarge',
  entityTooSmall: 'EntityTooSmall',
  slowDown: 'SlowDown',
  requestTimeout: 'RequestTimeout',
  internalError: 'InternalError',
  serviceUnavailable: 'ServiceUnavailable',
} as const

/** `AccessDenied` because the signed policy (or the request) expired: S3 says "Policy expired". */
export function isExpiredPolicyError(error: unknown): boolean {
  return (
    isS3Error(error) &&
    error.code === S3ErrorCode.accessDenied &&
    /expired/i.test(`${error.s3Message ?? ''} ${typeof error.body === 'string' ? error.body : ''}`)
  )
}
