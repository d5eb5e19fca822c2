import { getManagementBaseUrl, getRegionBaseUrl, type Region } from '@storyblok/region-helper'
import { loopbackOrigin } from '../domain/urls'

// Where a space's Management and Delivery APIs are (docs/reference/management-api-assets.md,
// "Regions and hosts").

/**
 * The Management API base: the `apiBaseUrl` override if given (a proxy, the local emulator),
 * else the region's host (`@storyblok/region-helper` gives the host only) with `/v1`.
 */
export function managementBaseUrl(region: Region | undefined, apiBaseUrl?: string): string | null {
  return apiBaseUrl ?? (region ? `${getManagementBaseUrl(region)}/v1` : null)
}

/**
 * The Delivery API base (for private assets' signed URLs): `https://api.storyblok.com/v2/cdn`,
 * `https://api-<region>.storyblok.com/v2/cdn`. Given a loopback `apiBaseUrl` (the local
 * emulator), the same origin: `http://localhost:7070/v1` → `http://localhost:7070/v2/cdn`.
 */
export function deliveryBaseUrl(region: Region | undefined, apiBaseUrl = ''): string | null {
  const local = loopbackOrigin(apiBaseUrl)
  if (local) return `${local}/v2/cdn`
  return region ? `${getRegionBaseUrl(region)}/v2/cdn` : null
}
