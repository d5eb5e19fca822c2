// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createTickets, type TicketClaims } from '../../gateway/src/tickets'

const tickets = createTickets('a-ticket-secret-of-at-least-32-chars!')
const NOW = Date.UTC(2026, 0, 1)
const CLAIMS: TicketClaims = {
  spaceId: 42,
  assetId: 1001,
  expiresAt: NOW / 1000 + 60,
  bytes: 1234,
  type: 'image/png',
  replace: false,
}
const expected = { spaceId: 42, assetId: 1001, now: NOW }

describe('upload tickets', () => {
  it('verifies a ticket it issued, with its claims', async () => {
    const ticket = await tickets.issue(CLAIMS)
    expect(ticket).toMatch(/^v1\.[\w-]+\.[\w-]+$/)
    expect(await tickets.verify(ticket, expected)).toEqual({ ok: true, claims: CLAIMS })
  })

  it('gives two uploads of the same claims different tickets (a nonce)', async () => {
    expect(await tickets.issue(CLAIMS)).not.toBe(await tickets.issue(CLAIMS))
  })

  it('refuses a missing ticket', async () => {
    expect(await tickets.verify(null, expected)).toEqual({ ok: false, rule: 'ticket-missing' })
  })

  it('refuses a ticket whose payload was changed (a larger size)', async () => {
    const [version, , mac] = (await tickets.issue(CLAIMS)).split('.')
    const forged = Buffer.from(JSON.stringify({ s: 42, a: 1001, e: CLAIMS.expiresAt, b: 9e9 }))
    const ticket = `${version}.${forged.toString('base64url')}.${mac}`
    expect(await tickets.verify(ticket, expected)).toEqual({ ok: false, rule: 'ticket-invalid' })
  })

  it('refuses a ticket signed with another secret', async () => {
    const other = createTickets('another-secret-that-is-32-chars-long!!')
    const ticket = await other.issue(CLAIMS)
    expect(await tickets.verify(ticket, expected)).toEqual({ ok: false, rule: 'ticket-invalid' })
  })

  it.each(['v1', 'v1..', 'v2.e30.AAAA', 'v1.e30.!!!', 'x'.repeat(5000)])(
    'refuses the malformed ticket %j',
    async (ticket) => {
      expect(await tickets.verify(ticket, expected)).toEqual({ ok: false, rule: 'ticket-invalid' })
    },
  )

  it('refuses an expired ticket', async () => {
    const ticket = await tickets.issue({ ...CLAIMS, expiresAt: NOW / 1000 })
    expect(await tickets.verify(ticket, expected)).toEqual({ ok: false, rule: 'ticket-expired' })
  })

  it('refuses the ticket of another asset', async () => {
    const ticket = await tickets.issue({ ...CLAIMS, assetId: 1002 })
    expect(await tickets.verify(ticket, expected)).toEqual({
      ok: false,
      rule: 'ticket-other-asset',
    })
  })

  it('refuses the ticket of another space', async () => {
    const ticket = await tickets.issue({ ...CLAIMS, spaceId: 43 })
    expect(await tickets.verify(ticket, expected)).toEqual({
      ok: false,
      rule: 'ticket-other-space',
    })
  })
})
