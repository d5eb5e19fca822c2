// Where the gateway calls Storyblok: the Management API (assets, with the token) and the
// Delivery API (the check of the editor's preview token, app.ts). Both come from the space's
// region (docs/reference/management-api-assets.md, "Regions and hosts"), each with an
// override for a proxy or the local Storyblok.
import {
  getManagementBaseUrl,
  getRegion,
  getRegionBaseUrl,
  type Region,
} from '@storyblok/region-helper'
import { read, SettingsError, type Env } from './env'

const REGIONS: readonly Region[] = ['eu', 'us', 'ca', 'ap', 'cn']

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/

/** `https:` anywhere; plain `http:` only on the loopback (the local Storyblok); no credentials. */
function checkedBase(setting: string, value: string, example: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new SettingsError(setting, `must be a URL such as ${example}`)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname)))
    throw new SettingsError(setting, 'must be https (http only for localhost)')
  if (url.username || url.password || url.search || url.hash)
    throw new SettingsError(setting, 'must hold no user name, password, query or hash')
  return url
}

const withoutSlash = (url: URL) => url.href.replace(/\/+$/, '')

/** `STORYBLOK_REGION`, else the region the space id names. */
function regionOf(env: Env, spaceId: number): Region {
  const named = read(env, 'STORYBLOK_REGION')?.toLowerCase()
  if (named !== undefined && !REGIONS.includes(named as Region))
    throw new SettingsError('STORYBLOK_REGION', `must be one of ${REGIONS.join(', ')}`)
  const region = REGIONS.find((candidate) => candidate === named) ?? getRegion(spaceId)
  if (!region)
    throw new SettingsError('STORYBLOK_REGION', 'is required: the space id names no region')
  return region
}

/** The Management API base with `/v1`: `STORYBLOK_API_BASE`, else the region's. */
export function managementBase(env: Env, spaceId: number): string {
  const base = read(env, 'STORYBLOK_API_BASE')
  if (base !== undefined)
    return withoutSlash(checkedBase('STORYBLOK_API_BASE', base, 'https://mapi.storyblok.com/v1'))
  return `${getManagementBaseUrl(regionOf(env, spaceId))}/v1`
}

/**
 * The Delivery API base with `/v2/cdn`: `STORYBLOK_DELIVERY_BASE`; else, beside a loopback
 * `STORYBLOK_API_BASE` (the local Storyblok), the same origin, as the plugin does
 * (src/api/region.ts); else the region's (`https://api.storyblok.com/v2/cdn`,
 * `https://api-us.storyblok.com/v2/cdn`…).
 */
export function deliveryBase(env: Env, spaceId: number): string {
  const base = read(env, 'STORYBLOK_DELIVERY_BASE')
  if (base !== undefined)
    return withoutSlash(
      checkedBase('STORYBLOK_DELIVERY_BASE', base, 'https://api.storyblok.com/v2/cdn'),
    )
  const api = read(env, 'STORYBLOK_API_BASE')
  const local = api === undefined ? undefined : new URL(managementBase(env, spaceId))
  if (local?.protocol === 'http:') return `${local.origin}/v2/cdn`
  return `${getRegionBaseUrl(regionOf(env, spaceId))}/v2/cdn`
}
