// @vitest-environment node
// 1,000 calls in a second from one caller, against a local Storyblok that enforces its 3/s
// limit: the per-caller caps answer 429 with a rule at once, only a handful go upstream, and
// no 429 of Storyblok's ever reaches the caller. Then an honest editor is still served.
import { describe, expect, it } from 'vitest'
import { uploadThroughGateway } from '../../scripts/support/gatewayClient'
import { fileBytes, useGatewayStack } from './support/stack'

const stack = useGatewayStack({ emulator: { rateLimit: 3 } })

describe('a flood from one caller', () => {
  it('is capped per caller before it reaches Storyblok, and others are still served', async () => {
    const honest = stack.client('honest-editor')
    const { id } = await uploadThroughGateway(honest, fileBytes(), 'a.png')
    const attacker = stack.client('attacker-session')
    const since = Date.now()
    const started = performance.now()
    const answers = await Promise.all(Array.from({ length: 1000 }, () => attacker.read(id)))
    const rules = new Map<string, number>()
    for (const answer of answers) {
      const rule =
        answer.status === 200 ? 'ok' : String((answer.body as { rule?: string } | null)?.rule)
      rules.set(rule, (rules.get(rule) ?? 0) + 1)
    }
    // Sent within about a second; everything over the caps answered at once.
    expect(performance.now() - started).toBeLessThan(15_000)
    // A place frees now and then while the flood still arrives: a few more than the cap of 10.
    expect(rules.get('ok')).toBeLessThanOrEqual(30)
    expect((rules.get('caller-rate') ?? 0) + (rules.get('caller-queue') ?? 0)).toBe(
      1000 - (rules.get('ok') ?? 0),
    )
    expect(rules.get('caller-rate')).toBeGreaterThanOrEqual(700)
    for (const answer of answers.filter((a) => a.status === 429))
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0)
    const upstream = await stack.control.managementApiLog(since)
    expect(upstream.length).toBeLessThanOrEqual(30)
    expect(upstream.filter((entry) => entry.status === 429)).toEqual([])
    // The honest editor, another session from the same address, is served.
    expect((await honest.read(id)).status).toBe(200)
  })

  it('caps the requests of many made-up sessions from one address per IP', async () => {
    // An id the route refuses: counted by the limits, never sent upstream.
    const answers = await Promise.all(
      Array.from({ length: 1300 }, (_, i) => stack.client(`made-up-${i}-session`).read('x')),
    )
    const rules = answers.map((answer) => (answer.body as { rule?: string } | null)?.rule)
    expect(rules.filter((rule) => rule === 'ip-rate').length).toBeGreaterThanOrEqual(100)
    expect(rules.filter((rule) => rule === 'asset-id').length).toBeLessThanOrEqual(1200)
  })
})
