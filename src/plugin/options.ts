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

/** HTTPS, or plain HTTP only for the local Storyblok on this machine. */
export function checkApiBaseUrl(value: string): OptionProblemCode | null {
  if (isSafeApiBase(value)) return null
  return /^http:\/\//i.test(value) ? 'insecure-url' : 'not-a-url'
}

const BOOLEANS: Record<string, boolean> = {
  true: true,
  yes: true,
  '1': true,
  on: true,
  false: false,
  no: false,
  '0': false,
  off: false,
}

export function parseOptions(record: Record<string, string>): {
  options: PluginOptions
  problems: OptionProblem[]
} {
  const problems: OptionProblem[] = []
  const get = (name: OptionName) => record[name]?.trim() ?? ''
  /** Reads one option; `read` returns undefined for a value it refuses. */
  function read<T>(
    option: OptionName,
    code: OptionProblemCode,
    parse: (value: string) => T | undefined,
  ): T | undefined {
    const value = get(option)
    if (value === '') return undefined
    const parsed = parse(value)
    if (parsed === undefined) problems.push({ option, code, value })
    return parsed
  }
  const positive = (value: string) => (/^[1-9]\d{0,15}$/.test(value) ? Number(value) : undefined)

  const managementToken = get('managementToken')
  if (!managementToken) problems.push({ option: 'managementToken', code: 'missing' })
  const apiBaseUrl = get('apiBaseUrl')
  const baseProblem = apiBaseUrl ? checkApiBaseUrl(apiBaseUrl) : null
  if (baseProblem) problems.push({ option: 'apiBaseUrl', code: baseProblem, value: apiBaseUrl })
  const assetToken = get('assetToken')

  return {
    options: {
      managementToken,
      apiBaseUrl: apiBaseUrl && !baseProblem ? apiBaseUrl.replace(/\/+$/, '') : undefined,
      // An empty region is derived from the space id when the client is made (`resolveApiBaseUrl`).
      region: read('region', 'unknown-region', (value) => {
        const region = value.toLowerCase()
        return isRegion(region) ? region : undefined
      }),
      assetFolderId: read('assetFolderId', 'not-a-positive-integer', positive),
      rateLimit: read('rateLimit', 'not-a-positive-integer', positive) ?? DEFAULT_RATE_LIMIT,
      accept: get('accept'),
      maxFileSize: get('maxFileSize'),
      requireAlt:
        read('requireAlt', 'not-a-boolean', (value) => BOOLEANS[value.toLowerCase()]) ?? false,
      assetToken: assetToken || undefined,
    },
    problems,
  }
}
