// The gateway's settings: the environment (Node's `process.env`, a Worker's `env`) read once
// into a typed, checked object. A missing or malformed value is a `SettingsError` that names the
// variable and never quotes a secret's value, so the start stops with a message an operator can
// act on. README, "The upload gateway", lists every setting with its default.
import { parseAccept, type AcceptRule } from '../../src/domain/fileRules/accept'
import { parseFileSize, STORYBLOK_MAX_UPLOAD_BYTES } from '../../src/domain/fileRules/sizes'
import { parseAssetId } from '../../src/domain/asset'
import { read, SettingsError, type Env } from './env'
import { deliveryBase, managementBase } from './hosts'

export { isSettingsError, SettingsError, type Env } from './env'

export interface Settings {
  /** A personal access token (sent as is) or `Bearer <OAuth token>`: scoped to Assets, one space. */
  token: string
  spaceId: number
  /** The Management API base with its version, without a trailing slash. */
  apiBase: string
  /** The Delivery API base (`…/v2/cdn`), where the editor's preview token is checked. */
  deliveryBase: string
  /** Every call but `/health` needs the preview token of this space (`X-Storyblok-Preview-Token`). */
  requirePreviewToken: boolean
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

function boolean(env: Env, name: string, fallback = false): boolean {
  const value = read(env, name)?.toLowerCase()
  if (value === undefined) return fallback
  if (value === 'false' || value === '0') return false
  if (value === 'true' || value === '1') return true
  throw new SettingsError(name, 'must be true or false')
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
    deliveryBase: deliveryBase(env, spaceId),
    requirePreviewToken: boolean(env, 'GATEWAY_REQUIRE_PREVIEW_TOKEN', true),
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
