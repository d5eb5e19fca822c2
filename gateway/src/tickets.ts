// Upload tickets: the gateway's signed proof that this browser started the upload of one asset
// id. `v1.<base64url(payload JSON)>.<base64url(HMAC-SHA256 of "v1.<payload>")>`, with WebCrypto
// (`crypto.subtle`), which Workers and Node 20 both have. Stateless: the gateway keeps no list
// of issued tickets to check them (the coordinator counts open ones only for the per-IP cap).
import { isRecord } from '../../src/domain/record'

/** What a ticket says. */
export interface TicketClaims {
  spaceId: number
  assetId: number
  /** Unix seconds; a re-sign with this ticket carries it over, never later. */
  expiresAt: number
  /** The file size the browser declared when signing. */
  bytes: number
  /** The Content-Type the upload's signature fixed, when the sign answer had one. */
  type?: string
  /**
   * A replace: of an asset this browser did not create (allowReplace), or a re-sign of one
   * already finished. Never deleted by us.
   */
  replace: boolean
}

export type TicketRule =
  | 'ticket-missing'
  | 'ticket-invalid'
  | 'ticket-expired'
  | 'ticket-other-asset'
  | 'ticket-other-space'

export type TicketCheck = { ok: true; claims: TicketClaims } | { ok: false; rule: TicketRule }

export interface Tickets {
  issue(claims: TicketClaims): Promise<string>
  /** Checks signature, space, asset and expiry, in that order; `now` in ms. */
  verify(
    ticket: string | null | undefined,
    expected: { spaceId: number; assetId: number; now: number },
  ): Promise<TicketCheck>
}

const encoder = new TextEncoder()

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
    return Uint8Array.from(binary, (char) => char.charCodeAt(0))
  } catch {
    return null
  }
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0

/** The payload as claims, or `null` when a field is missing or of the wrong type. */
function claimsOf(payload: unknown): TicketClaims | null {
  if (!isRecord(payload)) return null
  const { s, a, e, b, t, r } = payload
  if (!isCount(s) || !isCount(a) || !isCount(e) || !isCount(b)) return null
  if (t !== undefined && typeof t !== 'string') return null
  return {
    spaceId: s,
    assetId: a,
    expiresAt: e,
    bytes: b,
    replace: r === true,
    ...(t ? { type: t } : {}),
  }
}

/** Longest ticket read: a payload of a few ids and a content type fits many times over. */
const MAX_TICKET_LENGTH = 1024

export function createTickets(secret: string): Tickets {
  const key = crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )

  return {
    async issue(claims) {
      const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(9)))
      const payload = {
        s: claims.spaceId,
        a: claims.assetId,
        e: claims.expiresAt,
        b: claims.bytes,
        ...(claims.type ? { t: claims.type } : {}),
        ...(claims.replace ? { r: true } : {}),
        n: nonce,
      }
      const body = `v1.${toBase64Url(encoder.encode(JSON.stringify(payload)))}`
      const mac = await crypto.subtle.sign('HMAC', await key, encoder.encode(body))
      return `${body}.${toBase64Url(new Uint8Array(mac))}`
    },

    async verify(ticket, { spaceId, assetId, now }) {
      if (!ticket) return { ok: false, rule: 'ticket-missing' }
      const parts = ticket.length <= MAX_TICKET_LENGTH ? ticket.split('.') : []
      const [version, payload, mac] = parts
      const signature = fromBase64Url(mac ?? '')
      if (parts.length !== 3 || version !== 'v1' || !payload || !signature)
        return { ok: false, rule: 'ticket-invalid' }
      // crypto.subtle.verify compares in constant time.
      const valid = await crypto.subtle.verify(
        'HMAC',
        await key,
        signature,
        encoder.encode(`v1.${payload}`),
      )
      if (!valid) return { ok: false, rule: 'ticket-invalid' }
      let claims: TicketClaims | null = null
      try {
        claims = claimsOf(JSON.parse(new TextDecoder().decode(fromBase64Url(payload) ?? undefined)))
      } catch {
        // Signed by us, so this cannot happen unless the secret leaked; refused all the same.
      }
      if (!claims) return { ok: false, rule: 'ticket-invalid' }
      if (claims.spaceId !== spaceId) return { ok: false, rule: 'ticket-other-space' }
      if (claims.assetId !== assetId) return { ok: false, rule: 'ticket-other-asset' }
      if (claims.expiresAt * 1000 <= now) return { ok: false, rule: 'ticket-expired' }
      return { ok: true, claims }
    },
  }
}
