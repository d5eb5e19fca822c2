// @vitest-environment node
// The space's shared state on Node: open tickets (their cap per address, and the sweep that
// removes what an expired ticket left unfinished) against the local Storyblok.
import { describe, expect, it } from 'vitest'
import { createMemoryCoordinator } from '../../gateway/src/coordinator'
import { createLogger } from '../../gateway/src/log'
import { parseSettings } from '../../gateway/src/settings'
import { postToStorage, signedFormOf } from '../../scripts/support/gatewayClient'
import { useEmulator } from '../support/emulator'
import { fileBytes, gatewayEnv } from './support/stack'

const local = useEmulator()

function setup(extra: Record<string, string> = {}) {
  let clock = Date.now()
  const lines: string[] = []
  const scheduled: number[] = []
  const coordinator = createMemoryCoordinator({
    settings: parseSettings(gatewayEnv(local.emulator, { GATEWAY_RATE_LIMIT: '50', ...extra })),
    fetch,
    log: createLogger((line) => lines.push(line), [local.emulator.token]),
    now: () => clock,
    schedule: (at) => scheduled.push(at),
  })
  const sign = async () => {
    const answer = await coordinator.upstream({
      caller: { ip: 'ip', session: 's' },
      method: 'POST',
      path: '',
      body: JSON.stringify({ filename: 'a.png' }),
    })
    return signedFormOf({ ...(JSON.parse(answer.body) as object), ticket: 't' })
  }
  return {
    coordinator,
    lines,
    scheduled,
    sign,
    advance: (ms: number) => (clock += ms),
    now: () => clock,
  }
}

describe('the memory coordinator', () => {
  it('caps open tickets per address, counting signs on their way', async () => {
    const { coordinator } = setup({ GATEWAY_OPEN_TICKETS: '2' })
    expect(await coordinator.reserveTicket('a')).toBeNull()
    await coordinator.openTicket({ assetId: 1, ip: 'a', expiresAt: Date.now() + 1000 }, true)
    expect(await coordinator.reserveTicket('a')).toBeNull()
    expect(await coordinator.reserveTicket('a')).toMatchObject({
      status: 429,
      rule: 'open-tickets',
    })
    expect(await coordinator.reserveTicket('b')).toBeNull()
    await coordinator.releaseReservation('a')
    await coordinator.closeTicket(1)
    expect(await coordinator.reserveTicket('a')).toBeNull()
  })

  it('knows a new entry while its ticket is open, and never a replace', async () => {
    const { coordinator, now } = setup()
    await coordinator.openTicket(
      { assetId: 1, ip: 'a', expiresAt: now() + 5000, newEntry: true },
      false,
    )
    await coordinator.openTicket(
      { assetId: 2, ip: 'a', expiresAt: now() + 5000, newEntry: false },
      false,
    )
    await coordinator.openTicket({ assetId: 3, ip: 'a', expiresAt: now() + 5000 }, false)
    expect(await coordinator.isNewEntry(1)).toBe(true)
    expect(await coordinator.isNewEntry(2)).toBe(false)
    // A record of an earlier version: unknown, so the finish asks the library.
    expect(await coordinator.isNewEntry(3)).toBe(false)
    await coordinator.closeTicket(1)
    expect(await coordinator.isNewEntry(1)).toBe(false)
  })

  it('asks for a sweep at the earliest expiry', async () => {
    const { coordinator, scheduled, now } = setup()
    await coordinator.openTicket({ assetId: 1, ip: 'a', expiresAt: now() + 5000 }, false)
    await coordinator.openTicket({ assetId: 2, ip: 'a', expiresAt: now() + 2000 }, false)
    expect(scheduled.at(-1)).toBe(now() + 2000)
  })

  it('finds the earliest expiry among more open tickets than a call may take arguments', async () => {
    const earliest = Date.now() + 1000
    const restored = Array.from({ length: 200_000 }, (_, index) => ({
      assetId: index + 1,
      ip: `ip-${index}`,
      expiresAt: earliest + 200_000 - index,
    }))
    const scheduled: number[] = []
    const coordinator = createMemoryCoordinator({
      settings: parseSettings(gatewayEnv(local.emulator)),
      fetch,
      log: createLogger(() => {}, [local.emulator.token]),
      schedule: (at) => scheduled.push(at),
      restored,
    })
    await coordinator.openTicket({ assetId: 0, ip: 'a', expiresAt: earliest + 5 }, false)
    expect(scheduled).toEqual([earliest + 1])
  })

  it('deletes the unfinished entry of an expired ticket, and keeps a finished one', async () => {
    const { coordinator, sign, advance, now, lines } = setup()
    const unfinished = await sign()
    const finished = await sign()
    await postToStorage(finished, fileBytes(), 'a.png')
    await coordinator.upstream({
      caller: { ip: 'ip', session: 's' },
      method: 'GET',
      path: `/${finished.id}/finish_upload`,
    })
    for (const { id } of [unfinished, finished])
      await coordinator.openTicket({ assetId: id, ip: 'a', expiresAt: now() + 1000 }, false)
    await coordinator.sweep()
    expect(await local.control.assets()).toHaveLength(2)
    advance(1001)
    await coordinator.sweep()
    expect((await local.control.assets()).map((asset) => asset.id)).toEqual([finished.id])
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        op: 'expire',
        assetId: unfinished.id,
        outcome: 'ok',
        userVerified: false,
      }),
    ])
    // Both tickets are closed: the address may open new ones.
    expect(await coordinator.reserveTicket('a')).toBeNull()
  })

  it('keeps an expired ticket for later when Storyblok cannot say', async () => {
    const { coordinator, sign, advance, now, scheduled } = setup()
    const { id } = await sign()
    await coordinator.openTicket({ assetId: id, ip: 'a', expiresAt: now() + 10 }, false)
    advance(20)
    await local.control.addFault({ route: 'get', status: 500, body: { error: 'down' } })
    await coordinator.sweep()
    expect(await local.control.assets()).toHaveLength(1)
    expect(scheduled.at(-1)).toBe(now() + 60_000)
    advance(60_000)
    await coordinator.sweep()
    expect(await local.control.assets()).toEqual([])
  })
})
