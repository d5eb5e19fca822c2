import {
  getManagementBaseUrl,
  getRegion,
  getRegionBaseUrl,
  isRegion,
  type Region,
} from '@storyblok/region-helper'
import { ConfigError } from './errors'

export type { Region }

export interface ResolveApiBaseUrlOptions {
  spaceId: number | string
  /** Overrides the region read from the space id (EU and CN share a range). */
  region?: string
  /** Overrides everything (a proxy, the local emulator); must pass `isSafeApiBase`. */
  apiBaseUrl?: string
}

export interface ResolvedApiBase {
  /** Ends with the API version, e.g. `https://mapi.storyblok.com/v1`; no trailing slash. */
  apiBaseUrl: string
  /** `null` when `apiBaseUrl` was given. */
  region: Region | null
  source: 'apiBaseUrl' | 'region' | 'spaceId'
}

const LOCAL_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]']

function parseUrl(value: string): URL | null {
  try {
    return new URL(value)
  } catch {
    return null
  }
}

function isLocalHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOCAL_HOSTS.includes(url.hostname)
}

/**
 * A base the token may be sent to: `https:`, or `http:` on the loopback (the local emulator).
 * Anything else would send the token in clear text; credentials in the URL are refused too.
 */
export function isSafeApiBase(value: string): boolean {
  const url = parseUrl(value)
  if (!url || url.username !== '' || url.password !== '') return false
  return url.protocol === 'https:' || isLocalHttp(url)
}

/**
 * The Management API base for a space: `apiBaseUrl` if given, else the host of `region` or of
 * the space id's region (`@storyblok/region-helper`) with `/v1` appended (the helper gives the
 * host only). An override whose path is empty gets `/v1` too; any other path is kept as given.
 * Throws `ConfigError` naming the option that is wrong.
 */
export function resolveApiBaseUrl({
  spaceId,
  region,
  apiBaseUrl,
}: ResolveApiBaseUrlOptions): ResolvedApiBase {
  if (apiBaseUrl !== undefined) {
    const url = parseUrl(apiBaseUrl.trim())
    if (!url) throw new ConfigError({ option: 'apiBaseUrl', message: 'not a URL' })
    if (!isSafeApiBase(url.href)) {
      throw new ConfigError({
        option: 'apiBaseUrl',
        message: 'must use https (http only for localhost)',
      })
    }
    const path = url.pathname.replace(/\/+$/, '')
    return {
      apiBaseUrl: `${url.origin}${path === '' ? '/v1' : path}`,
      region: null,
      source: 'apiBaseUrl',
    }
  }
  if (region !== undefined) {
    if (!isRegion(region))
      throw new ConfigError({ option: 'region', message: `unknown region "${region}"` })
    return { apiBaseUrl: `${getManagementBaseUrl(region)}/v1`, region, source: 'region' }
  }
  // The helper reads digit strings too; a BigInt or a non-integer gives `undefined`.
  const fromSpace = getRegion(spaceId)
  if (fromSpace === undefined) {
    throw new ConfigError({
      option: 'spaceId',
      message: 'no Storyblok region matches this space id',
    })
  }
  return {
    apiBaseUrl: `${getManagementBaseUrl(fromSpace)}/v1`,
    region: fromSpace,
    source: 'spaceId',
  }
}

/**
 * The Delivery API base (for private assets' signed URLs): `https://api.storyblok.com/v2/cdn`,
 * `https://api-<region>.storyblok.com/v2/cdn`. Given a loopback `apiBaseUrl` (the local
 * emulator), the same origin: `http://localhost:7070/v1` → `http://localhost:7070/v2/cdn`.
 */
export function deliveryBaseUrl(region: Region, apiBaseUrl?: string): string {
  const local = apiBaseUrl === undefined ? null : parseUrl(apiBaseUrl)
  if (local && isLocalHttp(local)) return `${local.origin}/v2/cdn`
  return `${getRegionBaseUrl(region)}/v2/cdn`
}

/**
 * The CDN URL of an asset: the Management API answers with an S3 URL
 * (`https://s3.amazonaws.com/a.storyblok.com/f/…`), which the image service does not serve.
 * Removes the `s3.amazonaws.com/` segment, as the host (Storyblok) or as the first path
 * segment (the local emulator: `http://localhost:7070/s3.amazonaws.com/a.storyblok.com/f/…`).
 * Other values are returned unchanged.
 */
export function cdnUrl(filename: string): string {
  return filename.replace(/^(https?:\/\/(?:[^/?#]+\/)?)s3\.amazonaws\.com\//, '$1')
}

/**
 * Whether a URL may be shown or loaded (`<img src>`, a link): `https:`, or `http:` on
 * localhost/127.0.0.1. Refuses `javascript:`, `data:`, other `http:` hosts and relative values.
 */
export function isSafeUrl(value: string): boolean {
  const url = parseUrl(value)
  if (!url) return false
  return url.protocol === 'https:' || isLocalHttp(url)
}
