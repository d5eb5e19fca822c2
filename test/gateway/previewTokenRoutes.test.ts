// @vitest-environment node
// The preview token in front of every route (README, "Who can call the gateway"): the gateway
// on Node against the local Storyblok, whose Delivery API knows the editor page's preview token.
import { describe, expect, it } from 'vitest'
import { startNodeGateway } from '../../gateway/src/nodeServer'
import { createGatewayClient, uploadThroughGateway } from '../../scripts/support/gatewayClient'
import { DEFAULT_PUBLIC_TOKEN } from '../../emulator/server'
import { useEmulator } from '../support/emulator'
import { fileBytes, gatewayEnv, logMark, ORIGIN, useGatewayStack } from './support/stack'

const deliveryCalls = (log: readonly { route: string }[]) =>
  log.filter((entry) => entry.route === 'delivery').length

describe('the gateway with the preview token check (the default)', () => {
  const stack = useGatewayStack()

  it.each([
    ['no preview token', null],
    ['a token that is not this space’s', 'someone-elses-token'],
    ['the space’s public token (spaces/me knows it, drafts refuse it)', DEFAULT_PUBLIC_TOKEN],
  ])('refuses a call with %s, and nothing reaches the Management API', async (_label, token) => {
    const since = await logMark()
    const client = stack.client(undefined, ORIGIN, token)
    for (const answer of [
      await client.list(),
      await client.sign({ filename: 'a.png', content_length: 4 }),
    ]) {
      expect(answer.status).toBe(403)
      expect(answer.body).toMatchObject({ rule: 'preview-token' })
    }
    expect(await stack.control.managementApiLog(since)).toEqual([])
    expect(await stack.control.assets()).toEqual([])
  })

  it('logs a refused write with its rule, and the token neither in a log line nor an answer', async () => {
    const answer = await stack.client(undefined, ORIGIN, 'wrong-preview-token').sign({
      filename: 'a.png',
      content_length: 4,
    })
    const line = JSON.parse(stack.logs.at(-1) ?? '{}') as Record<string, unknown>
    expect(line).toMatchObject({ op: 'sign', outcome: 'refused', rule: 'preview-token' })
    expect(`${answer.text}${stack.logs.join('')}`).not.toContain('wrong-preview-token')
  })

  it('says that the public token is not enough, and keeps the token out of the answer', async () => {
    const token = stack.emulator.publicToken
    const answer = await stack.client(undefined, ORIGIN, token).list()
    expect(answer.status).toBe(403)
    expect(answer.body).toMatchObject({
      rule: 'preview-token',
      error: expect.stringContaining("the space's preview token is needed"),
    })
    expect(answer.text).not.toContain(token)
  })

  it('uploads with the editor’s preview token, asking the Delivery API once per question', async () => {
    const since = await logMark()
    const client = stack.client()
    const { finish } = await uploadThroughGateway(client, fileBytes(64), 'ok.png')
    expect(finish.status).toBe(200)
    expect((await client.list()).status).toBe(200)
    const log = await stack.control.requestLog(since)
    // Another test of this file may have asked already: the answers are kept for minutes.
    expect(deliveryCalls(log)).toBeLessThanOrEqual(2)
    expect(log.filter((entry) => entry.route === 'delivery' && entry.status !== 200)).toEqual([])
  })

  it('answers /health and preflights without a token', async () => {
    expect((await fetch(`${stack.gateway.url}/health`)).status).toBe(200)
    const preflight = await fetch(`${stack.gateway.url}/v1/spaces/1/assets`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET' },
    })
    expect(preflight.status).toBe(204)
  })
})

describe('the gateway with GATEWAY_REQUIRE_PREVIEW_TOKEN=false (the official Sandbox)', () => {
  const stack = useGatewayStack({ env: { GATEWAY_REQUIRE_PREVIEW_TOKEN: 'false' } })

  it('serves a call without a token, and never asks the Delivery API', async () => {
    const since = await logMark()
    const answer = await stack.client(undefined, ORIGIN, null).list()
    expect(answer.status).toBe(200)
    expect(deliveryCalls(await stack.control.requestLog(since))).toBe(0)
  })
})

describe('the gateway when the Delivery API cannot be reached', () => {
  const local = useEmulator()

  it('answers 502 upstream-unreachable, and nothing reaches the Management API', async () => {
    const gateway = await startNodeGateway({
      // Port 9 (discard) on the loopback: nothing listens there.
      env: gatewayEnv(local.emulator, { STORYBLOK_DELIVERY_BASE: 'http://127.0.0.1:9/v2/cdn' }),
      logSink: () => {},
    })
    try {
      // Counted, not timed: the start's own check of the token may share the millisecond.
      const before = (await local.control.managementApiLog()).length
      const answer = await createGatewayClient({
        baseUrl: `${gateway.url}/v1`,
        spaceId: local.emulator.spaceId,
        origin: ORIGIN,
        previewToken: local.emulator.previewToken,
      }).list()
      expect(answer.status).toBe(502)
      expect(answer.body).toMatchObject({ rule: 'upstream-unreachable' })
      expect(answer.text).not.toContain(local.emulator.previewToken)
      expect(await local.control.managementApiLog()).toHaveLength(before)
    } finally {
      await gateway.close()
    }
  })
})
