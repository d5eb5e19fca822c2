// The plugin's options, as the block schema gives them (every value a string), read once into
// typed values. Every problem names the option and its cause, and all of them come in one list;
// while the list is not empty, nothing is uploaded or saved.
import { getRegion, isRegion, type Region } from '@storyblok/region-helper'
import { parseAssetId } from '../domain/asset'
import { parseAccept, type AcceptRule } from '../domain/fileRules/accept'
import { parseFileSize } from '../domain/fileRules/sizes'
import { DEFAULT_RATE_LIMIT, MAX_RATE_LIMIT } from '../domain/limits'
import { isSafeApiBase, withoutCredentials } from '../domain/urls'

/** Every option, in the order of `field-plugin.config.json` and the README's table. */
export const OPTION_NAMES = [
  'gatewayUrl',
  'managementToken',
  'spaceId',
  'apiBaseUrl',
  'region',
  'assetFolderId',
  'rateLimit',
  'accept',
  'maxFileSize',
  'keepLocation',
  'requireAlt',
  'assetToken',
  'multiple',
  'maxFiles',
] as const

export type OptionName = (typeof OPTION_NAMES)[number]

export interface PluginOptions {
  /**
   * The upload gateway's API base (`<gatewayUrl>/v1`): the recommended setup, with no token in
   * the browser. Exactly one of `gatewayUrl` and `managementToken` is set.
   */
  gatewayUrl: string | undefined
  /** Management API token (a personal access token, or `Bearer <oauth token>`). */
  managementToken: string | undefined
  /** The space: the editor's, else the `spaceId` option (the Sandbox sends none). */
  spaceId: number | undefined
  /**
   * The `apiBaseUrl` override (a proxy, the local Storyblok), with its version path. With
   * `gatewayUrl` no call goes there: it only says where the local Storyblok's CDN is.
   */
  apiBaseUrl: string | undefined
  /** The `region` option, else the space id's region; `undefined` when neither says. */
  region: Region | undefined
  assetFolderId: number | undefined
  /** Management API requests per second. */
  rateLimit: number
  accept: AcceptRule
  /** The field's limit in bytes; `null` for Storyblok's own. */
  maxFileSize: number | null
  /**
   * `true`: a photo's location stays in the uploaded file unless the editor removes it; by
   * default it is removed unless the editor keeps it.
   */
  keepLocation: boolean
  requireAlt: boolean
  /** Delivery API asset token, to preview private assets. */
  assetToken: string | undefined
  /** Many assets, stored in the shape of Storyblok's `multiasset` field. */
  multiple: boolean
  /** With `multiple`: the most assets the field takes; `undefined` for no limit. */
  maxFiles: number | undefined
}

export type OptionProblemCode =
  /** Neither `gatewayUrl` nor `managementToken`. */
  | 'no-access'
  /** `managementToken` set next to `gatewayUrl`: the token must go. */
  | 'remove-with-gateway'
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

/**
 * A token travels in a header: one word, or `Bearer <word>`; a line break or space is a copy error.
 * `Bearer <word>` is the OAuth form; Storyblok refuses a personal access token written so, but no
 * shape tells the two kinds apart, so that is left to the 401 and its message (error.unauthorized).
 */
const TOKEN = /^(Bearer )?[^\s]+$/

/** HTTPS, or plain HTTP only for the local Storyblok on this machine; never with credentials. */
function checkApiBaseUrl(value: string): OptionProblemCode | null {
  if (isSafeApiBase(value)) return null
  if (/^[a-z][\w+.-]*:\/\/[^/?#]*@/i.test(value)) return 'credentials-in-url'
  return /^http:\/\//i.test(value) ? 'insecure-url' : 'not-a-url'
}

/** Reads one option at a time, collecting every problem. */
function optionReader(record: Readonly<Record<string, string>>) {
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
  /** A secret: the message names the cause, never the value. */
  function token(option: OptionName): string | undefined {
    const value = get(option)
    if (value && !TOKEN.test(value)) problems.push({ option, code: 'token-format' })
    return value || undefined
  }
  /** An API base: its origin and path (`/v1` for an empty one), or undefined with a problem. */
  function base(option: OptionName, { version = false } = {}): string | undefined {
    const raw = get(option)
    if (!raw) return undefined
    const problem = checkApiBaseUrl(raw)
    if (problem) {
      problems.push({ option, code: problem, value: withoutCredentials(raw) })
      return undefined
    }
    const url = new URL(raw)
    const path = url.pathname.replace(/\/+$/, '')
    // The gateway answers the Management API's paths under its own base: `<gatewayUrl>/v1`.
    return url.origin + (version ? `${path.replace(/\/v1$/, '')}/v1` : path || '/v1')
  }
  return { problems, get, read, token, base }
}

type Reader = ReturnType<typeof optionReader>

const count = (value: string) => (/^[1-9]\d{0,15}$/.test(value) ? Number(value) : undefined)
const boolean = (value: string) => BOOLEANS[value.toLowerCase()]
const id = (value: string) => parseAssetId(value) ?? undefined

/** How the plugin reaches the API: the gateway (recommended) or a token, exactly one. */
function readAccess({ problems, token, base }: Reader) {
  const gatewayUrl = base('gatewayUrl', { version: true })
  const managementToken = token('managementToken')
  if (gatewayUrl && managementToken)
    problems.push({ option: 'managementToken', code: 'remove-with-gateway' })
  else if (!gatewayUrl && !managementToken && !problems.some((p) => p.option === 'gatewayUrl'))
    problems.push({ option: 'gatewayUrl', code: 'no-access' })
  return { gatewayUrl, managementToken }
}

/** The space, and where its API is: the editor's space, else the option; the region it is in. */
function readSpace({ problems, get, read, base }: Reader, editorSpaceId: number | undefined) {
  const apiBaseUrl = base('apiBaseUrl')
  const region = read('region', 'unknown-region', (value) => {
    const lower = value.toLowerCase()
    return isRegion(lower) ? lower : undefined
  })
  const optionSpaceId = read('spaceId', 'not-a-positive-integer', id)
  const spaceId = editorSpaceId ?? optionSpaceId
  if (spaceId === undefined && !problems.some((problem) => problem.option === 'spaceId'))
    problems.push({ option: 'spaceId', code: 'no-space' })
  // EU and CN share a range of ids, so `region` overrides what the id says.
  const derived = spaceId === undefined ? undefined : getRegion(spaceId)
  const resolvedRegion = region ?? (isRegion(derived) ? derived : undefined)
  if (!get('apiBaseUrl') && spaceId !== undefined && !resolvedRegion && !get('region'))
    problems.push({ option: 'region', code: 'no-region', value: String(spaceId) })
  return { spaceId, apiBaseUrl, region: resolvedRegion }
}

/** Which files the field takes, and how many requests per second it may make. */
function readLimits({ problems, get, read }: Reader) {
  const accept = parseAccept(get('accept'))
  if ('invalid' in accept) {
    problems.push(
      accept.invalid
        ? { option: 'accept', code: 'not-a-type', value: accept.invalid }
        : { option: 'accept', code: 'no-types' },
    )
  }
  const rateLimit = read('rateLimit', 'not-a-positive-integer', count)
  if (rateLimit !== undefined && rateLimit > MAX_RATE_LIMIT) {
    problems.push({ option: 'rateLimit', code: 'too-high', value: String(MAX_RATE_LIMIT) })
  }
  return {
    rateLimit: Math.min(rateLimit ?? DEFAULT_RATE_LIMIT, MAX_RATE_LIMIT),
    accept: 'invalid' in accept ? { anything: true, patterns: [], groups: [], others: [] } : accept,
    maxFileSize: read('maxFileSize', 'not-a-size', parseFileSize) ?? null,
    maxFiles: read('maxFiles', 'not-a-positive-integer', count),
  }
}

/**
 * Reads the options. `editorSpaceId` is the space the editor reported (`undefined` in the
 * Sandbox, which sends `null`).
 */
export function parseOptions(
  record: Readonly<Record<string, string>>,
  editorSpaceId?: number,
): { options: PluginOptions; problems: OptionProblem[] } {
  const reader = optionReader(record)
  const { read, token } = reader
  return {
    options: {
      ...readAccess(reader),
      ...readSpace(reader, editorSpaceId),
      ...readLimits(reader),
      assetFolderId: read('assetFolderId', 'not-a-positive-integer', id),
      keepLocation: read('keepLocation', 'not-a-boolean', boolean) ?? false,
      requireAlt: read('requireAlt', 'not-a-boolean', boolean) ?? false,
      assetToken: token('assetToken'),
      multiple: read('multiple', 'not-a-boolean', boolean) ?? false,
    },
    problems: reader.problems,
  }
}
