// The Management API client. Every call goes through `request()`: URL building, the
// Authorization header, JSON in and out, empty answers, throttling, timeouts, retries and the
// mapping of every failure to a typed error (./errors.ts) happen there and nowhere else.
//
// It talks either to Storyblok with a token, or to the upload gateway (README, "The upload
// gateway"), which holds the token and answers the same paths with the same shapes. Through the
// gateway no Authorization header is sent; instead the calls carry who asks (a random id of this
// plugin instance, the user id the editor reported, which the gateway logs as unverified, and
// the space's preview token the editor handed over, which the gateway checks),
// the sign call names the file's size in bytes, and the calls on an upload of this browser's own
// carry the gateway's ticket for it. None of these go to Storyblok itself, whose CORS answers
// would refuse unknown headers.

import {
  AbortError,
  ApiError,
  ConfigError,
  HttpError,
  InvalidAssetIdError,
  NetworkError,
  TimeoutError,
  ValidationError,
  isHttpError,
} from './errors'
import { parseAssetId } from '../domain/asset'
import { DEFAULT_RATE_LIMIT } from '../domain/limits'
import { isSafeApiBase } from '../domain/urls'
import { abortable, defaultSleep, onAbort } from './abort'
import {
  parseAltText,
  parseAsset,
  parseAssetList,
  parseFolders,
  parseSignedUpload,
  parseTags,
} from './parse'
import { parseRetryAfter, retryDelay } from './retry'
import { createThrottle, storageLedger } from './throttle'
import type { InternalTag } from '../domain/tags'
import type { ManagementClientOptions } from './clientOptions'
import type { ManagementClient, RequestOptions } from './types'

export type { FetchLike, GatewayCaller, ManagementClientOptions } from './clientOptions'

/**
 * Every form in which an answer could echo the token: as configured, without `Bearer `,
 * URL-encoded and JSON-escaped; longest first, so a longer form is never left half redacted.
 */
export function secretForms(token: string): string[] {
  if (!token) return []
  const bare = token.replace(/^Bearer\s+/i, '')
  const forms = [token, bare, encodeURIComponent(bare), JSON.stringify(bare).slice(1, -1)]
  return [...new Set(forms)].filter(Boolean).sort((a, b) => b.length - a.length)
}

/** An id for a URL path: checked here too, so no caller can aim the token at another path. */
/** An asset or folder id checked before it goes into a path or a query. */
function checkedId(id: number): number {
  if (parseAssetId(id) === null) throw new InvalidAssetIdError()
  return id
}

function assetPath(id: number, suffix = ''): string {
  return `/assets/${checkedId(id)}${suffix}`
}

/** Tags asked per page, and the most pages read: a space's first 1000 asset tags are named. */
const TAG_PAGE = 100
const TAG_PAGES = 10

export function createManagementClient({
  baseUrl,
  spaceId,
  token,
  gateway,
  fetch = globalThis.fetch,
  rateLimit = DEFAULT_RATE_LIMIT,
  timeoutMs = 30_000,
  maxAttempts = 4,
  now = Date.now,
  sleep = defaultSleep,
  random = Math.random,
  locks,
  ledger,
}: ManagementClientOptions): ManagementClient {
  if (!isSafeApiBase(baseUrl)) throw new ConfigError('baseUrl')
  if ((token === undefined) === (gateway === undefined)) throw new ConfigError('token')
  // A header value cannot hold line breaks; refusing here keeps `fetch` from throwing a
  // TypeError that might quote the value.
  if (token !== undefined && /^\s*$|[\r\n]/.test(token)) throw new ConfigError('token')
  if (gateway && !/^[\w-]{8,64}$/.test(gateway.session)) throw new ConfigError('gateway')
  if (/[\r\n]/.test(gateway?.previewToken ?? '')) throw new ConfigError('gateway')
  if (parseAssetId(spaceId) === null) throw new ConfigError('spaceId')
  const space = `${baseUrl.replace(/\/+$/, '')}/spaces/${spaceId}`
  const root = `${space}/assets`
  const secrets = [token, gateway?.previewToken].flatMap((secret) => secretForms(secret ?? ''))
  const via = gateway ? 'gateway' : 'token'

  /** The headers of a call: the token, or (through the gateway) who asks and the ticket. */
  function headersFor(ticket: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (token !== undefined) headers.Authorization = token
    if (gateway) {
      headers['X-Editor-Session'] = gateway.session
      if (gateway.userId !== undefined) headers['X-Storyblok-User-Id'] = String(gateway.userId)
      if (gateway.previewToken) headers['X-Storyblok-Preview-Token'] = gateway.previewToken
      if (ticket) headers['X-Upload-Ticket'] = ticket
    }
    return headers
  }
  // Keyed by the space, never by the token: lock names are visible to every script on the origin.
  const key = `storyblok-asset-uploader ${root}`
  const throttle = createThrottle({
    perSecond: rateLimit ?? Infinity,
    key,
    locks,
    ledger: ledger === undefined ? storageLedger(`${key} answers`) : (ledger ?? undefined),
    sleep,
    now,
  })

  /** One attempt: the caller's signal and the timeout both abort it. */
  async function send(
    method: string,
    url: string,
    { body, signal, ticket }: { body?: string; signal?: AbortSignal; ticket?: string },
  ) {
    const controller = new AbortController()
    const abort = (): void => controller.abort()
    const unsubscribe = onAbort(signal, abort)
    const timer = setTimeout(abort, timeoutMs)
    let response: Response | undefined
    let text: string
    try {
      response = await fetch(url, {
        method,
        body,
        signal: controller.signal,
        headers: headersFor(ticket),
      })
      // Should a server echo the token, it is removed from everything kept in an error.
      text = secrets.reduce(
        (answer, secret) => answer.replaceAll(secret, '[redacted]'),
        await response.text(),
      )
    } catch (cause) {
      throw signal?.aborted
        ? new AbortError(cause)
        : controller.signal.aborted
          ? new TimeoutError('Timed out', { cause })
          : new NetworkError(cause, !!response)
    } finally {
      clearTimeout(timer)
      unsubscribe()
    }
    // An error's body is kept as text when it is not JSON; an empty answer is `null`.
    let value: unknown = text.trim() ? text : null
    try {
      value = JSON.parse(text)
    } catch {
      if (response.ok && value) throw new ApiError('Unexpected response: not JSON')
    }
    if (response.ok) return value
    throw new (response.status === 422 ? ValidationError : HttpError)(
      response.status,
      value,
      method,
      url,
      parseRetryAfter(response.headers.get('retry-after'), now()),
    )
  }

  /**
   * One call to `path` under the space (`/assets…`, `/internal_tags…`, `/asset_folders`): `json`
   * is the body; `creates` marks the POST that creates an asset, retried only where that is safe
   * (`retryDelay`).
   */
  async function request(
    method: string,
    path: string,
    { signal, onRetry, ticket }: RequestOptions = {},
    { json, creates = false }: { json?: object; creates?: boolean } = {},
  ): Promise<unknown> {
    const body = json && JSON.stringify(json)
    for (let attempt = 1; ; attempt++) {
      try {
        return await throttle.run(
          () => send(method, space + path, { body, signal, ticket }),
          signal,
        )
      } catch (error) {
        // A retried DELETE whose first attempt was processed but whose answer was lost finds
        // the asset gone: that is the success the caller asked for.
        if (method === 'DELETE' && attempt > 1 && isHttpError(error) && error.status === 404)
          return null
        const delay = retryDelay(error, { attempt, maxAttempts, creates, random })
        if (delay === null) throw error
        onRetry?.(error)
        await abortable(sleep(delay, signal), signal)
      }
    }
  }

  return {
    via,
    // Signing *with* an id replaces that asset's file and creates nothing, so it is as safe to
    // repeat as a PUT; only a sign without id creates an asset (see `retryDelay`).
    signAsset: async ({ content_length: bytes, ...params }, options) => {
      if (params.id !== undefined) assetPath(params.id)
      // The file's size in bytes is the gateway's to check; Storyblok's sign does not take it.
      const json = gateway ? { ...params, content_length: bytes } : params
      return parseSignedUpload(
        await request('POST', '/assets', options, {
          json: { ...json, validate_upload: 1 },
          creates: !params.id,
        }),
      )
    },
    finishUpload: async (id, options) =>
      parseAsset(await request('GET', assetPath(id, '/finish_upload'), options)),
    getAsset: async (id, options) => parseAsset(await request('GET', assetPath(id), options)),
    updateAsset: async (id, asset, options) => {
      await request('PUT', assetPath(id), options, { json: { asset } })
    },
    deleteAsset: async (id, options) => {
      await request('DELETE', assetPath(id), options)
    },
    listAssets: async (search, { inFolder, ...options } = {}) => {
      const folder = inFolder === undefined ? '' : `&in_folder=${checkedId(inFolder)}`
      const query = `/assets?search=${encodeURIComponent(search)}&per_page=100${folder}`
      return parseAssetList(await request('GET', query, options))
    },
    listFolders: async (options) => parseFolders(await request('GET', '/asset_folders', options)),
    generateAltText: async (id, language, options) =>
      parseAltText(
        await request(
          'GET',
          assetPath(id, `/generate_image_alt_text?language=${encodeURIComponent(language)}`),
          options,
        ),
      ),
    // Page by page until a short page; bounded, so a server that always answers a full page
    // cannot keep the plugin asking.
    listTags: async (options) => {
      const tags: InternalTag[] = []
      for (let page = 1; page <= TAG_PAGES; page++) {
        const query = `by_object_type=asset&per_page=${TAG_PAGE}&page=${page}`
        const answer = parseTags(await request('GET', `/internal_tags?${query}`, options))
        tags.push(...answer)
        if (answer.length < TAG_PAGE) break
      }
      return tags
    },
  }
}
