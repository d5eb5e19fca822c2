// The plugin's options, as the block schema gives them (every value a string), read once into
// typed values. Every problem names the option and its cause, and all of them come in one list;
// while the list is not empty, nothing is uploaded or saved.
import { getRegion, isRegion, type Region } from '@storyblok/region-helper'
import { parseAssetId } from '../domain/asset'
import { parseAccept, type AcceptRule } from '../domain/fileRules/accept'
import { parseFileSize } from '../domain/fileRules/sizes'
import { isSafeApiBase, withoutCredentials } from '../domain/urls'

/** Every option, in the order of `field-plugin.config.json` and the README's table. */
export const OPTION_NAMES = [
  'managementToken',
  'spaceId',
  'apiBaseUrl',
  'region',
  'assetFolderId',
  'rateLimit',
  'accept',
  'maxFileSize',
  'requireAlt',
  'assetToken',
  'multiple',
  'maxFiles',
] as const

export type OptionName = (typeof OPTION_NAMES)[number]

export interface PluginOptions {
  /** Management API token (a personal access token, or `Bearer <oauth token>`); required. */
  managementToken: string
  /** The space: the editor's, else the `spaceId` option (the Sandbox sends none). */
  spaceId: number | undefined
  /** The `apiBaseUrl` override (a proxy, the local Storyblok), with its version path. */
  apiBaseUrl: string | undefined
  /** The `region` option, else the space id's region; `undefined` when neither says. */
  region: Region | undefined
  assetFolderId: number | undefined
  /** Management API requests per second. */
  rateLimit: number
  accept: AcceptRule
  /** The field's limit in bytes; `null` for Storyblok's own. */
  maxFileSize: number | null
  requireAlt: boolean
  /** Delivery API asset token, to preview private assets. */
  assetToken: string | undefined
  /** Many assets, stored in the shape of Storyblok's `multiasset` field. */
  multiple: boolean
  /** With `multiple`: the most assets the field takes; `undefined` for no limit. */
  maxFiles: number | undefined
}

export type OptionProblemCode =
  | 'missing'
  | 'token-format'
  | 'not-a-url'
  | 'insecure-url'
  | 'credentials-in-url'
  | 'unknown-region'
  | 'no-space'
  | 'no-region'
  | 'not-a-positive-integer'
  | 'too-high'
  | 'not-a-boolean'
  | 'not-a-type'
  | 'no-types'
  | 'not-a-size'

export interface OptionProblem {
  option: OptionName
  code: OptionProblemCode
  /** What to quote in the message: the offending value or part of it (never a secret). */
  value?: string
}

export const DEFAULT_RATE_LIMIT = 3
/**
 * Storyblok's plans allow 3 or 6 requests per second. A far higher value is a typo, and the
 * throttle asks for one lock per allowed request: 100,000 froze the plugin for a minute.
 */
export const MAX_RATE_LIMIT = 50

const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  yes: true,
  '1': true,
  on: true,
  false: false,
  no: false,
  '0': false,
  off: false,
}

/** A token travels in a header: one word, or `Bearer <word>`; a line break or space is a copy error. */
const TOKEN = /^(Bearer )?[^\s]+$/

/** HTTPS, or plain HTTP only for the local Storyblok on this machine; never with credentials. */
function checkApiBaseUrl(value: string): OptionProblemCode | null {
  if (isSafeApiBase(value)) return null
  if (/^[a-z][\w+.-]*:\/\/[^/?#]*@/i.test(value)) return 'credentials-in-url'
  return /^http:\/\//i.test(value) ? 'insecure-url' : 'not-a-url'
}

/**
 * Reads the options. `editorSpaceId` is the space the editor reported (`undefined` in the
 * Sandbox, which sends `null`).
 */
export function parseOptions(
  record: Readonly<Record<string, string>>,
  editorSpaceId?: number,
): { options: PluginOptions; problems: OptionProblem[] } {
  const problems: OptionProblem[] = []
  const get = (name: OptionName) => record[name]?.trim() ?? ''
  /** Reads one option; `parse` returns undefined for a value it refuses. */
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
  const token = (option: OptionName) => {
    const value = get(option)
    // The value is a secret: the message names the cause, never the value.
    if (value && !TOKEN.test(value)) problems.push({ option, code: 'token-format' })
    return value
  }

  const managementToken = token('managementToken')
  if (!managementToken) problems.push({ option: 'managementToken', code: 'missing' })
  const assetToken = token('assetToken') || undefined

  const rawBase = get('apiBaseUrl')
  const baseProblem = rawBase ? checkApiBaseUrl(rawBase) : null
  if (baseProblem) {
    problems.push({ option: 'apiBaseUrl', code: baseProblem, value: withoutCredentials(rawBase) })
  }
  const region = read('region', 'unknown-region', (value) => {
    const lower = value.toLowerCase()
    return isRegion(lower) ? lower : undefined
  })
  const id = (value: string) => parseAssetId(value) ?? undefined
  const optionSpaceId = read('spaceId', 'not-a-positive-integer', id)
  const spaceId = editorSpaceId ?? optionSpaceId
  if (spaceId === undefined && !problems.some((problem) => problem.option === 'spaceId'))
    problems.push({ option: 'spaceId', code: 'no-space' })

  // An override whose path is empty gets `/v1`; any other path is kept as given.
  const base = rawBase && !baseProblem ? new URL(rawBase) : null
  const apiBaseUrl = base ? base.origin + (base.pathname.replace(/\/+$/, '') || '/v1') : undefined
  // EU and CN share a range of ids, so `region` overrides what the id says.
  const derived = spaceId === undefined ? undefined : getRegion(spaceId)
  const resolvedRegion = region ?? (isRegion(derived) ? derived : undefined)
  if (!rawBase && spaceId !== undefined && !resolvedRegion && !get('region'))
    problems.push({ option: 'region', code: 'no-region', value: String(spaceId) })

  const accept = parseAccept(get('accept'))
  if ('invalid' in accept) {
    problems.push(
      accept.invalid
        ? { option: 'accept', code: 'not-a-type', value: accept.invalid }
        : { option: 'accept', code: 'no-types' },
    )
  }
  const count = (value: string) => (/^[1-9]\d{0,15}$/.test(value) ? Number(value) : undefined)
  const boolean = (value: string) => BOOLEANS[value.toLowerCase()]
  const rateLimit = read('rateLimit', 'not-a-positive-integer', count)
  if (rateLimit !== undefined && rateLimit > MAX_RATE_LIMIT) {
    problems.push({ option: 'rateLimit', code: 'too-high', value: String(MAX_RATE_LIMIT) })
  }

  return {
    options: {
      managementToken,
      spaceId,
      apiBaseUrl,
      region: resolvedRegion,
      assetFolderId: read('assetFolderId', 'not-a-positive-integer', id),
      rateLimit: Math.min(rateLimit ?? DEFAULT_RATE_LIMIT, MAX_RATE_LIMIT),
      accept:
        'invalid' in accept ? { anything: true, patterns: [], groups: [], others: [] } : accept,
      maxFileSize: read('maxFileSize', 'not-a-size', parseFileSize) ?? null,
      requireAlt: read('requireAlt', 'not-a-boolean', boolean) ?? false,
      assetToken,
      multiple: read('multiple', 'not-a-boolean', boolean) ?? false,
      maxFiles: read('maxFiles', 'not-a-positive-integer', count),
    },
    problems,
  }
}
