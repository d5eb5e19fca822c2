// The Management API client. Every call goes through `request()`: URL building, the
// Authorization header, JSON in and out, empty answers, throttling, timeouts, retries and the
// mapping of every failure to a typed error (./errors.ts) happen there and nowhere else.

import {
  AbortError,
  ConfigError,
  HttpError,
  NetworkError,
  ResponseShapeError,
  TimeoutError,
  ValidationError,
  isApiError,
  isHttpError,
  type HttpMethod,
} from './errors'
import { parseAsset, parseAssetList, parseFinishedAsset, parseSignedUpload } from './parse'
import { isSafeApiBase } from './region'
import {
  DEFAULT_MAX_ATTEMPTS,
  parseRetryAfter,
  retryDecision,
  retryKindForMethod,
  type RetryKind,
} from './retry'
import { defaultSleep, sleepFor, throwIfAborted, type Sleep } from './sleep'
import { createThrottle, type Throttle } from './throttle'
import type {
  Asset,
  AssetUpdate,
  FinishedAsset,
  ManagementClient,
  RequestOptions,
  SignParams,
  SignedUpload,
} from './types'

/** The part of `fetch` the client uses. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

export interface ManagementClientOptions {
  /** The API base with its version, e.g. `https://mapi.storyblok.com/v1` (see `resolveApiBaseUrl`). */
  baseUrl: string
  spaceId: number
  /** A personal access token, or `Bearer <oauth token>`; sent as is in `Authorization`. */
  token: string
  /** @default globalThis.fetch */
  fetch?: FetchLike
  /** Request starts per second; `null` turns throttling off. @default 3 (Storyblok's Starter plan) */
  rateLimit?: number | null
  /** Per attempt, including reading the answer. @default 30000 */
  timeoutMs?: number
  /** Attempts per call, the first included. @default 4 */
  maxAttempts?: number
  /** @default Date.now */
  now?: () => number
  /** @default setTimeout-based, abortable */
  sleep?: Sleep
  /** @default Math.random */
  random?: () => number
  /** Share one limiter between clients that use the same token. @default a new one from `rateLimit` */
  throttle?: Throttle
}

type Query = Record<string, string | number | undefined>

interface RequestSpec extends RequestOptions {
  method: HttpMethod
  /** Below `/spaces/:space_id`. */
  path: string
  query?: Query
  /** Sent as JSON. */
  body?: unknown
  kind?: RetryKind
}

export function createManagementClient(options: ManagementClientOptions): ManagementClient {
  const {
    baseUrl,
    spaceId,
    token,
    fetch: fetchFn = globalThis.fetch,
    rateLimit = 3,
    timeoutMs = 30_000,
    maxAttempts = DEFAULT_MAX_ATTEMPTS,
    now = Date.now,
    sleep = defaultSleep,
    random = Math.random,
  } = options

  if (!isSafeApiBase(baseUrl)) {
    throw new ConfigError({
      option: 'baseUrl',
      message: 'must use https (http only for localhost)',
    })
  }
  if (!Number.isSafeInteger(spaceId) || spaceId <= 0) {
    throw new ConfigError({ option: 'spaceId', message: 'must be a positive integer' })
  }
  const authorization = token.trim()
  // A header value cannot hold line breaks; refusing here keeps `fetch` from throwing a
  // TypeError that might quote the value.
  if (authorization === '' || /[\r\n]/.test(authorization)) {
    throw new ConfigError({ option: 'token', message: 'must be a non-empty single-line string' })
  }
  if (typeof fetchFn !== 'function')
    throw new ConfigError({ option: 'fetch', message: 'no fetch available' })

  const throttle =
    options.throttle ??
    (rateLimit === null ? null : createThrottle({ perSecond: rateLimit, now, sleep }))
  const root = `${baseUrl.replace(/\/+$/, '')}/spaces/${spaceId}`

  function buildUrl(path: string, query: Query | undefined): string {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) params.set(key, String(value))
    }
    const search = params.toString()
    return `${root}${path}${search === '' ? '' : `?${search}`}`
  }

  /** Removes the token should a server echo it; applied to every text kept in an error. */
  function redact(text: string): string {
    return authorization.length >= 8 ? text.split(authorization).join('[redacted]') : text
  }

  function parseErrorBody(text: string): unknown {
    const clean = redact(text)
    if (clean.trim() === '') return null
    try {
      const value: unknown = JSON.parse(clean)
      return value
    } catch {
      return clean
    }
  }

  /** One attempt: the caller's signal and the timeout both abort it. */
  async function send(
    spec: RequestSpec,
    url: string,
    payload: string | undefined,
  ): Promise<unknown> {
    const { method, signal } = spec
    const controller = new AbortController()
    let timedOut = false
    const onAbort = (): void => controller.abort(signal?.reason)
    signal?.addEventListener('abort', onAbort, { once: true })
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    let status: number | null = null
    try {
      const headers: Record<string, string> = {
        Accept: 'application/json',
        Authorization: authorization,
      }
      if (payload !== undefined) headers['Content-Type'] = 'application/json'
      let response: Response
      let text: string
      try {
        throwIfAborted(signal)
        response = await fetchFn(url, { method, headers, body: payload, signal: controller.signal })
        status = response.status
        text = await response.text()
      } catch (cause) {
        if (signal?.aborted) throw new AbortError({ cause })
        if (timedOut) throw new TimeoutError({ timeoutMs, method, url, cause })
        throw new NetworkError({ method, url, cause, responseReceived: status !== null })
      }

      if (!response.ok) {
        const init = {
          status: response.status,
          body: parseErrorBody(text),
          method,
          url,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
        }
        throw response.status === 422 ? new ValidationError(init) : new HttpError(init)
      }
      if (text.trim() === '') return null
      try {
        const value: unknown = JSON.parse(text)
        return value
      } catch (cause) {
        throw new ResponseShapeError({ expected: 'JSON', cause })
      }
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
  }

  async function request(spec: RequestSpec): Promise<unknown> {
    const url = buildUrl(spec.path, spec.query)
    const kind = spec.kind ?? retryKindForMethod(spec.method)
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body)
    for (let attempt = 1; ; attempt++) {
      try {
        throwIfAborted(spec.signal)
        return await (throttle
          ? throttle.run(() => send(spec, url, payload), spec.signal)
          : send(spec, url, payload))
      } catch (caught) {
        const error = isApiError(caught)
          ? caught
          : new NetworkError({ method: spec.method, url, cause: caught })
        // A retried DELETE whose first attempt was processed but whose answer was lost finds
        // the asset gone: that is the success the caller asked for.
        if (spec.method === 'DELETE' && attempt > 1 && isHttpError(error) && error.status === 404)
          return null
        const decision = retryDecision({ kind, error, attempt, maxAttempts, random })
        if (!decision.retry) throw error
        try {
          spec.onRetry?.({ attempt, error, delayMs: decision.delayMs })
        } catch {
          // An observer's failure must not change the request's outcome.
        }
        await sleepFor(sleep, decision.delayMs, spec.signal)
      }
    }
  }

  return {
    spaceId,

    async signAsset(params: SignParams, options: RequestOptions = {}): Promise<SignedUpload> {
      const body = {
        filename: params.filename,
        size: params.size,
        asset_folder_id: params.asset_folder_id,
        validate_upload: 1,
        id: params.id,
      }
      // Signing *with* an id replaces that asset's file and creates nothing, so it is as safe to
      // repeat as a PUT; only a sign without id creates an asset (see `retryDecision`).
      const kind = params.id === undefined ? 'sign' : 'idempotent'
      return parseSignedUpload(
        await request({ ...options, method: 'POST', path: '/assets', body, kind }),
      )
    },

    async finishUpload(assetId: number, options: RequestOptions = {}): Promise<FinishedAsset> {
      return parseFinishedAsset(
        await request({ ...options, method: 'GET', path: `/assets/${assetId}/finish_upload` }),
      )
    },

    async getAsset(assetId: number, options: RequestOptions = {}): Promise<Asset> {
      return parseAsset(await request({ ...options, method: 'GET', path: `/assets/${assetId}` }))
    },

    async updateAsset(
      assetId: number,
      update: AssetUpdate,
      options: RequestOptions = {},
    ): Promise<void> {
      await request({
        ...options,
        method: 'PUT',
        path: `/assets/${assetId}`,
        body: { asset: update },
      })
    },

    async deleteAsset(assetId: number, options: RequestOptions = {}): Promise<void> {
      await request({ ...options, method: 'DELETE', path: `/assets/${assetId}` })
    },

    async listAssets(query = {}, options: RequestOptions = {}): Promise<Asset[]> {
      return parseAssetList(await request({ ...options, method: 'GET', path: '/assets', query }))
    },
  }
}
