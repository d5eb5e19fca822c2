// @vitest-environment node
// The start on Node: settings, then a read of the space with the token. A token or space the
// API refuses stops it with the setting named, and never with the token in the message.
import { describe, expect, it, vi } from 'vitest'
import { startNodeGateway } from '../../gateway/src/nodeServer'
import { isSettingsError } from '../../gateway/src/settings'
import { useEmulator } from '../support/emulator'
import { createGatewayClient, signedFormOf } from '../../scripts/support/gatewayClient'
import { printGatewayTrouble, spawnGateway } from '../../scripts/support/gatewayProcess'
import { projectRoot } from '../../scripts/bare'
import { gatewayEnv, ORIGIN } from './support/stack'

const local = useEmulator()

async function startError(extra: Record<string, string>) {
  try {
    const gateway = await startNodeGateway({
      env: gatewayEnv(local.emulator, extra),
      logSink: () => {},
    })
    await gateway.close()
  } catch (error) {
    if (isSettingsError(error)) return error
    throw error
  }
  throw new Error('the gateway started')
}

/** A client of the plugin's kind, from the allowed origin, for the gateway at `url`. */
const clientOf = (url: string, session: string) =>
  createGatewayClient({
    baseUrl: `${url}/v1`,
    spaceId: local.emulator.spaceId,
    origin: ORIGIN,
    previewToken: local.emulator.previewToken,
    session,
  })

describe('startNodeGateway', () => {
  it('starts with good settings and answers /health', async () => {
    const gateway = await startNodeGateway({ env: gatewayEnv(local.emulator), logSink: () => {} })
    try {
      expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect((await fetch(`${gateway.url}/health`)).status).toBe(200)
    } finally {
      await gateway.close()
    }
  })

  it('names STORYBLOK_TOKEN when Storyblok refuses the token, without quoting it', async () => {
    const error = await startError({ STORYBLOK_TOKEN: 'wrong-token-value' })
    expect(error.setting).toBe('STORYBLOK_TOKEN')
    expect(error.message).not.toContain('wrong-token-value')
  })

  it('names STORYBLOK_SPACE_ID when the space is unknown', async () => {
    expect((await startError({ STORYBLOK_SPACE_ID: '12345' })).setting).toBe('STORYBLOK_SPACE_ID')
  })

  it('names STORYBLOK_API_BASE when nothing answers there', async () => {
    expect((await startError({ STORYBLOK_API_BASE: 'http://127.0.0.1:9/v1' })).setting).toBe(
      'STORYBLOK_API_BASE',
    )
  })

  it('sweeps on a timer: the unfinished entry of an expired ticket is deleted', async () => {
    const gateway = await startNodeGateway({
      env: gatewayEnv(local.emulator, { GATEWAY_TICKET_TTL_SECONDS: '5' }),
      logSink: () => {},
    })
    try {
      const client = clientOf(gateway.url, 'timer-session')
      const { id } = signedFormOf(
        (await client.sign({ filename: 'a.png', content_length: 9 })).body,
      )
      expect((await local.control.assets()).map((asset) => asset.id)).toEqual([id])
      // Waits for the ticket to expire (5 s) and the timer's sweep to delete the entry.
      await vi.waitFor(async () => expect(await local.control.assets()).toEqual([]), {
        timeout: 20_000,
        interval: 500,
      })
    } finally {
      await gateway.close()
    }
  })

  it('names a malformed setting before calling anyone', async () => {
    const error = await startError({ GATEWAY_TICKET_SECRET: 'too short' })
    expect(error.message).toBe('GATEWAY_TICKET_SECRET: must be at least 32 characters')
  })
})

describe('spawnGateway (npm run gateway in a child process, as npm run dev starts it)', () => {
  it('hands each log line to onLog; the dev printer shows refusals and problems, not what went through', async () => {
    const lines: string[] = []
    const gateway = await spawnGateway(projectRoot, gatewayEnv(local.emulator), {
      onLog: (line) => lines.push(line),
    })
    try {
      const client = clientOf(gateway.url, 'log-session')
      const signed = await client.sign({ filename: 'a.png', content_length: 64 })
      expect(signed.status).toBe(200)
      // A delete without the upload's ticket is refused.
      expect((await client.remove(signedFormOf(signed.body).id)).status).toBe(403)
      await vi.waitFor(() => expect(lines).toHaveLength(2))
    } finally {
      await gateway.close()
    }
    const printed: string[] = []
    for (const line of [...lines, 'not a record'])
      printGatewayTrouble(line, (text) => printed.push(text))
    expect(lines.map((line) => JSON.parse(line).outcome)).toEqual(['ok', 'refused'])
    expect(printed).toEqual([`[gateway] ${lines[1]}`, '[gateway] not a record'])
    expect(lines.join('\n')).not.toContain(local.emulator.token)
  })

  it('says which port is in use when another process holds it', async () => {
    const first = await spawnGateway(projectRoot, gatewayEnv(local.emulator))
    try {
      const port = new URL(first.url).port
      const second = spawnGateway(projectRoot, { ...gatewayEnv(local.emulator), PORT: port })
      await expect(second).rejects.toThrow(
        `The gateway cannot start: EADDRINUSE on 127.0.0.1:${port} (the port is in use: set PORT to another one)`,
      )
    } finally {
      await first.close()
    }
  })
})
