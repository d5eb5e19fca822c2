// The plugin's options, as the block schema gives them (every value a string). Each problem
// names the option and how to fix it; the UI shows them in plain words.
import { isRegion } from '@storyblok/region-helper'
import { isSafeApiBase } from '../api/region'

export interface PluginOptions {
  /** Management API token (personal access token or OAuth token); required to upload. */
  managementToken: string
  /** Overrides the regional Management API base, e.g. `http://localhost:7070/v1`. */
  apiBaseUrl: string | undefined
  /** `eu`, `us`, `ca`, `ap` or `cn`; derived from the space id when empty. */
  region: string | undefined
  assetFolderId: number | undefined
  /** Management API requests per second. */
  rateLimit: number
  /** `<input accept>`-style list, or Storyblok's `images,videos,audios,texts`. */
  accept: string
  /** Bytes or `20MB`-style. */
  maxFileSize: string
  requireAlt: boolean
  /** Delivery API asset token, to preview private assets. */
  assetToken: string | undefined
}

export type OptionName = keyof PluginOptions

export type OptionProblemCode =
  | 'missing'
  | 'not-a-url'
  | 'insecure-url'
  | 'unknown-region'
  | 'no-region'
  | 'not-a-positive-integer'
  | 'not-a-boolean'

export interface OptionProblem {
  option: OptionName
  code: OptionProblemCode
  value?: string
}

export const DEFAULT_RATE_LIMIT = 3

function trimmed(record: Record<string, string>, name: string): string {
  const value = record[name]
  return typeof value === 'string' ? value.trim() : ''
}

function positiveInteger(value: string): number | null {
  return /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null
}

function parseBoolean(value: string): boolean | null {
  if (value === '') return false
  if (/^(true|yes|1|on)$/i.test(value)) return true
  if (/^(false|no|0|off)$/i.test(value)) return false
  return null
}

/** HTTPS, or plain HTTP only for the local Storyblok on this machine. */
export function checkApiBaseUrl(value: string): OptionProblemCode | null {
  if (isSafeApiBase(value)) return null
  return /^http:\/\//i.test(value) ? 'insecure-url' : 'not-a-url'
}

export function parseOptions(record: Record<string, string>): {
  options: PluginOptions
  problems: OptionProblem[]
} {
  const problems: OptionProblem[] = []

  const managementToken = trimmed(record, 'managementToken')
  if (managementToken === '') problems.push({ option: 'managementToken', code: 'missing' })

  const apiBaseRaw = trimmed(record, 'apiBaseUrl')
  let apiBaseUrl: string | undefined
  if (apiBaseRaw !== '') {
    const problem = checkApiBaseUrl(apiBaseRaw)
    if (problem) problems.push({ option: 'apiBaseUrl', code: problem, value: apiBaseRaw })
    else apiBaseUrl = apiBaseRaw.replace(/\/+$/, '')
  }

  // An empty region is derived from the space id when the client is made (`resolveApiBaseUrl`).
  const regionRaw = trimmed(record, 'region').toLowerCase()
  let region: string | undefined
  if (regionRaw !== '') {
    if (isRegion(regionRaw)) region = regionRaw
    else problems.push({ option: 'region', code: 'unknown-region', value: regionRaw })
  }

  const folderRaw = trimmed(record, 'assetFolderId')
  let assetFolderId: number | undefined
  if (folderRaw !== '') {
    const folder = positiveInteger(folderRaw)
    if (folder === null) {
      problems.push({ option: 'assetFolderId', code: 'not-a-positive-integer', value: folderRaw })
    } else assetFolderId = folder
  }

  const rateRaw = trimmed(record, 'rateLimit')
  let rateLimit = DEFAULT_RATE_LIMIT
  if (rateRaw !== '') {
    const rate = positiveInteger(rateRaw)
    if (rate === null) {
      problems.push({ option: 'rateLimit', code: 'not-a-positive-integer', value: rateRaw })
    } else rateLimit = rate
  }

  const requireAltRaw = trimmed(record, 'requireAlt')
  const requireAlt = parseBoolean(requireAltRaw)
  if (requireAlt === null) {
    problems.push({ option: 'requireAlt', code: 'not-a-boolean', value: requireAltRaw })
  }

  const assetToken = trimmed(record, 'assetToken')

  return {
    options: {
      managementToken,
      apiBaseUrl,
      region,
      assetFolderId,
      rateLimit,
      accept: trimmed(record, 'accept'),
      maxFileSize: trimmed(record, 'maxFileSize'),
      requireAlt: requireAlt ?? false,
      assetToken: assetToken === '' ? undefined : assetToken,
    },
    problems,
  }
}
