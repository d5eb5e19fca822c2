// The gateway's settings: the environment (Node's `process.env`, a Worker's `env`) read once
// into a typed, checked object. A missing or malformed value is a `SettingsError` that names the
// variable and never quotes a secret's value, so the start stops with a message an operator can
// act on. README, "The upload gateway", lists every setting with its default.
import { getManagementBaseUrl, getRegion, type Region } from '@storyblok/region-helper'
import { parseAccept, type AcceptRule } from '../../src/domain/fileRules/accept'
import { parseFileSize, STORYBLOK_MAX_UPLOAD_BYTES } from '../../src/domain/fileRules/sizes'
import { parseAssetId } from '../../src/domain/asset'

export interface Settings {
  /** A personal access token (sent as is) or `Bearer <OAuth token>`: scoped to Assets, one space. */
  token: string
  spaceId: number
  /** The Management API base with its version, without a trailing slash. */
  apiBase: string
  /** Exact origins (`https://plugins.example.com`), the only ones CORS lets in. */
  allowedOrigins: readonly string[]
  /** Folder ids new uploads may go to; `null` is the library's root. */
  uploadFolders: readonly (number | null)[]
  maxFileSize: number
  accept: AcceptRule
  allowReplace: boolean
  allowPrivacyChange: boolean
  /** An editor may set or remove an asset's expiry (it can take a published asset off pages). */
  allowExpiry: boolean
  /** Upstream requests per second (Storyblok's limit for the token). */
  rateLimit: number
  ticketSecret: string
  ticketTtlSeconds: number
  callerRpm: number
  ipRpm: number
  callerQueue: number
  ipQueue: number
  openTickets: number
  maxBodyBytes: number
  /** Node only: take the client address from the last `X-Forwarded-For` entry. */
  trustProxy: boolean
  port: number
  host: string
}

/** The environment as both runtimes give it: names to strings (a Worker's env holds bindings too). */
export type Env = Readonly<Record<string, unknown>>

export class SettingsError extends Error {
  override readonly name = 'SettingsError'

  constructor(
    /** The environment variable at fault, e.g. `GATEWAY_TICKET_SECRET`. */
    readonly setting: string,
    problem: string,
  ) {
    super(`${setting}: ${problem}`)
  }
}

export function isSettingsError(error: unknown): error is SettingsError {
  return error instanceof Error && error.name === 'SettingsError'
}

const REGIONS: readonly Region[] = ['eu', 'us', 'ca', 'ap', 'cn']

/** The trimmed value, or `undefined` when the variable is absent or blank. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

function required(env: Env, name: string): string {
  const value = read(env, name)
  if (value === undefined) throw new SettingsError(name, 'is required')
  return value
}

function integer(env: Env, name: string, fallback: number, { min = 1, max = 1e9 } = {}): number {
  const value = read(env, name)
  if (value === undefined) return fallback
  const number = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(number >= min && number <= max))
    throw new SettingsError(name, `must be a whole number from ${min} to ${max}`)
  return number
}

function boolean(env: Env, name: string): boolean {
  const value = read(env, name)?.toLowerCase()
  if (value === undefined || value === 'false' || value === '0') return false
  if (value === 'true' || value === '1') return true
  throw new SettingsError(name, 'must be true or false')
}

/** `https:` anywhere; plain `http:` only on the loopback (the local Storyblok); no credentials. */
function apiBase(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new SettingsError(
      'STORYBLOK_API_BASE',
      'must be a URL such as https://mapi.storyblok.com/v1',
    )
  }
  const loopback = /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new SettingsError('STORYBLOK_API_BASE', 'must be https (http only for localhost)')
  if (url.username || url.password || url.search || url.hash)
    throw new SettingsError('STORYBLOK_API_BASE', 'must hold no user name, password, query or hash')
  return url.href.replace(/\/+$/, '')
}

function managementBase(env: Env, spaceId: number): string {
  const base = read(env, 'STORYBLOK_API_BASE')
  if (base !== undefined) return apiBase(base)
  const named = read(env, 'STORYBLOK_REGION')?.toLowerCase()
  if (named !== undefined && !REGIONS.includes(named as Region))
    throw new SettingsError('STORYBLOK_REGION', `must be one of ${REGIONS.join(', ')}`)
  const region = REGIONS.find((candidate) => candidate === named) ?? getRegion(spaceId)
  if (!region)
    throw new SettingsError('STORYBLOK_REGION', 'is required: the space id names no region')
  return `${getManagementBaseUrl(region)}/v1`
}

function origins(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let origin = ''
      try {
        origin = new URL(entry).origin
      } catch {
        // Not a URL at all: reported below.
      }
      if (origin === 'null' || origin !== entry.replace(/\/$/, ''))
        throw new SettingsError(
          'GATEWAY_ALLOWED_ORIGINS',
          `"${entry}" is not an origin (scheme://host[:port], no path)`,
        )
      return origin
    })
}

function folders(value: string | undefined): (number | null)[] {
  if (value === undefined) return [null]
  return value.split(',').map((entry) => {
    const id = entry.trim() === 'root' ? null : parseAssetId(entry.trim())
    if (id === null && entry.trim() !== 'root')
      throw new SettingsError(
        'GATEWAY_UPLOAD_FOLDERS',
        `"${entry.trim()}" is neither a folder id nor root`,
      )
    return id
  })
}

function spaceIdOf(env: Env): number {
  const id = parseAssetId(required(env, 'STORYBLOK_SPACE_ID'))
  if (id === null) throw new SettingsError('STORYBLOK_SPACE_ID', 'must be a positive integer')
  return id
}

function tokenOf(env: Env): string {
  const token = required(env, 'STORYBLOK_TOKEN')
  // A header value cannot hold a line break; refusing here keeps `fetch` from throwing an
  // error that might quote it.
  if (/[\r\n]/.test(token)) throw new SettingsError('STORYBLOK_TOKEN', 'must be one line')
  return token
}

function acceptOf(env: Env): AcceptRule {
  const rule = parseAccept(read(env, 'GATEWAY_ACCEPT') ?? '')
  if ('invalid' in rule) throw new SettingsError('GATEWAY_ACCEPT', `cannot read "${rule.invalid}"`)
  return rule
}

function maxFileSizeOf(env: Env): number {
  const value = read(env, 'GATEWAY_MAX_FILE_SIZE')
  if (value === undefined) return STORYBLOK_MAX_UPLOAD_BYTES
  const bytes = parseFileSize(value)
  if (bytes === undefined || bytes > STORYBLOK_MAX_UPLOAD_BYTES)
    throw new SettingsError(
      'GATEWAY_MAX_FILE_SIZE',
      "must be bytes or a size like 20MB, at most Storyblok's limit",
    )
  return bytes
}

function ticketSecretOf(env: Env): string {
  const secret = required(env, 'GATEWAY_TICKET_SECRET')
  if (secret.length < 32)
    throw new SettingsError('GATEWAY_TICKET_SECRET', 'must be at least 32 characters')
  return secret
}

/** Reads and checks every setting; throws a `SettingsError` naming the first one at fault. */
export function parseSettings(env: Env): Settings {
  const spaceId = spaceIdOf(env)
  return {
    token: tokenOf(env),
    spaceId,
    apiBase: managementBase(env, spaceId),
    allowedOrigins: origins(required(env, 'GATEWAY_ALLOWED_ORIGINS')),
    uploadFolders: folders(read(env, 'GATEWAY_UPLOAD_FOLDERS')),
    maxFileSize: maxFileSizeOf(env),
    accept: acceptOf(env),
    allowReplace: boolean(env, 'GATEWAY_ALLOW_REPLACE'),
    allowPrivacyChange: boolean(env, 'GATEWAY_ALLOW_PRIVACY_CHANGE'),
    allowExpiry: boolean(env, 'GATEWAY_ALLOW_EXPIRY'),
    rateLimit: integer(env, 'GATEWAY_RATE_LIMIT', 3, { max: 50 }),
    ticketSecret: ticketSecretOf(env),
    ticketTtlSeconds: integer(env, 'GATEWAY_TICKET_TTL_SECONDS', 86_400, { min: 5, max: 604_800 }),
    callerRpm: integer(env, 'GATEWAY_CALLER_RPM', 300),
    ipRpm: integer(env, 'GATEWAY_IP_RPM', 1200),
    callerQueue: integer(env, 'GATEWAY_CALLER_QUEUE', 10, { max: 1000 }),
    ipQueue: integer(env, 'GATEWAY_IP_QUEUE', 50, { max: 10_000 }),
    openTickets: integer(env, 'GATEWAY_OPEN_TICKETS', 50, { max: 100_000 }),
    maxBodyBytes: integer(env, 'GATEWAY_MAX_BODY_BYTES', 32_768, { min: 1024, max: 1_048_576 }),
    trustProxy: boolean(env, 'GATEWAY_TRUST_PROXY'),
    port: integer(env, 'PORT', 8787, { min: 0, max: 65_535 }),
    host: read(env, 'HOST') ?? '127.0.0.1',
  }
}
