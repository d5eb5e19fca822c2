import {
  getManagementBaseUrl,
  getRegion,
  getRegionBaseUrl,
  isRegion,
  type Region,
} from '@storyblok/region-helper'
import { ConfigError } from './errors'

/**
 * `value` as a URL that may be shown, loaded or given the token: `https:`, or `http:` on the
 * loopback (the local emulator). Anything else would travel in clear text, or is no URL at all
 * (`javascript:`, `data:`, relative values).
 */
function safeUrl(value: string): URL | null {
  try {
    const url = new URL(value)
    const local =
      url.protocol === 'http:' && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname)
    return url.protocol === 'https:' || local ? url : null
  } catch {
    return null
  }
}

/** Whether a URL may be shown or loaded (`<img src>`, a link); see `safeUrl`. */
export const isSafeUrl = (value: string): boolean => !!safeUrl(value)

/** A base the token may be sent to (see `safeUrl`); credentials in the URL are refused too. */
export function isSafeApiBase(value: string): boolean {
  const url = safeUrl(value)
  return !!url && !url.username && !url.password
}

/**
 * The Management API base for a space: `apiBaseUrl` if given (a proxy, the local emulator),
 * else the host of `region`, else of the space id's region (`@storyblok/region-helper`; EU and
 * CN share a range, so `region` overrides), with `/v1` appended (the helper gives the host
 * only). An override whose path is empty gets `/v1` too; any other path is kept as given.
 * Throws `ConfigError` naming the option that is wrong (`TypeError` for an override that is not
 * a URL).
 */
export function resolveApiBaseUrl({
  spaceId,
  region,
  apiBaseUrl,
}: {
  spaceId: number | string
  region?: string
  apiBaseUrl?: string
}): { apiBaseUrl: string } {
  if (apiBaseUrl !== undefined) {
    // Its safety is checked where the token is sent: `createManagementClient`.
    const url = new URL(apiBaseUrl.trim())
    return { apiBaseUrl: url.origin + (url.pathname.replace(/\/+$/, '') || '/v1') }
  }
  // The helper reads digit strings too; anything else gives `undefined`.
  const resolved = region ?? getRegion(spaceId)
  if (!isRegion(resolved)) throw new ConfigError(region === undefined ? 'spaceId' : 'region')
  return { apiBaseUrl: `${getManagementBaseUrl(resolved)}/v1` }
}

/**
 * The Delivery API base (for private assets' signed URLs): `https://api.storyblok.com/v2/cdn`,
 * `https://api-<region>.storyblok.com/v2/cdn`. Given a loopback `apiBaseUrl` (the local
 * emulator), the same origin: `http://localhost:7070/v1` → `http://localhost:7070/v2/cdn`.
 */
export function deliveryBaseUrl(region: Region, apiBaseUrl = ''): string {
  const local = safeUrl(apiBaseUrl)
  return `${local?.protocol === 'http:' ? local.origin : getRegionBaseUrl(region)}/v2/cdn`
}

/**
 * The CDN URL of an asset: the Management API answers with an S3 URL
 * (`https://s3.amazonaws.com/a.storyblok.com/f/…`), which the image service does not serve.
 * Removes the `s3.amazonaws.com/` segment, as the host (Storyblok) or as the first path
 * segment (the local emulator: `http://localhost:7070/s3.amazonaws.com/a.storyblok.com/f/…`).
 * Other values are returned unchanged.
 */
export const cdnUrl = (filename: string): string =>
  filename.replace(/^(https?:\/\/(?:[^/?#]+\/)?)s3\.amazonaws\.com\//, '$1')
