// The gateway on Node in front of the local Storyblok, both in-process on 127.0.0.1 port 0,
// with the log lines captured, for the route, flow and hostile tests.
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { createEmulatorControl, type EmulatorControl } from '../../../emulator/controlClient'
import type { Emulator, EmulatorOptions } from '../../../emulator/server'
import { startNodeGateway, type NodeGateway } from '../../../gateway/src/nodeServer'
import { createGatewayClient, type GatewayClient } from '../../../scripts/support/gatewayClient'
import { localGatewayEnv } from '../../../scripts/support/gatewayProcess'
import { startTestEmulator } from '../../support/emulator'

export const ORIGIN = 'http://localhost:8080'
export const TICKET_SECRET = 'test-ticket-secret-with-32-characters!'

/** The gateway's environment for `emulator`, with `extra` over it. */
export function gatewayEnv(emulator: Emulator, extra: Record<string, string> = {}) {
  return localGatewayEnv(emulator, ORIGIN, { GATEWAY_TICKET_SECRET: TICKET_SECRET, ...extra })
}

export interface GatewayStack {
  readonly emulator: Emulator
  readonly control: EmulatorControl
  readonly gateway: NodeGateway
  /** The log lines the gateway wrote during the current test. */
  readonly logs: string[]
  /** Every log line it wrote since it started. */
  readonly allLogs: string[]
  /**
   * A client as one plugin instance (its own session) would be, sending the editor page's
   * preview token unless `previewToken` says otherwise (`null`: none).
   */
  client(session?: string, origin?: string, previewToken?: string | null): GatewayClient
}

export interface GatewayStackOptions {
  emulator?: EmulatorOptions
  env?: Record<string, string>
}

let sessions = 0

/** Starts both before the file's tests (the emulator reset before each), stops them after. */
export function useGatewayStack({
  emulator: emulatorOptions,
  env = {},
}: GatewayStackOptions = {}): GatewayStack {
  let running: { emulator: Emulator; control: EmulatorControl; gateway: NodeGateway } | undefined
  const logs: string[] = []
  const allLogs: string[] = []
  const current = () => {
    if (!running) throw new Error('the gateway runs only inside the tests')
    return running
  }
  beforeAll(async () => {
    const emulator = await startTestEmulator(emulatorOptions)
    const gateway = await startNodeGateway({
      env: gatewayEnv(emulator, env),
      logSink: (line) => {
        logs.push(line)
        allLogs.push(line)
      },
    })
    running = { emulator, control: createEmulatorControl(emulator.url), gateway }
  })
  afterAll(async () => {
    await running?.gateway.close()
    await running?.emulator.close()
  })
  beforeEach(async () => {
    await current().emulator.reset()
    logs.length = 0
  })
  return {
    get emulator() {
      return current().emulator
    },
    get control() {
      return current().control
    },
    get gateway() {
      return current().gateway
    },
    logs,
    allLogs,
    client: (
      session = `session-${++sessions}-test`,
      origin = ORIGIN,
      previewToken?: string | null,
    ) =>
      createGatewayClient({
        previewToken: previewToken === undefined ? current().emulator.previewToken : previewToken,
        baseUrl: `${current().gateway.url}/v1`,
        spaceId: current().emulator.spaceId,
        origin,
        session,
        userId: 'user-42',
      }),
  }
}

/** `count` bytes of a PNG-looking file (the emulator stores whatever is posted). */
export function fileBytes(count = 64): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(count)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].slice(0, count))
  return bytes
}

/**
 * A time from which the local Storyblok's request log holds only what comes next: 2 ms on, so
 * that nothing that arrived in this millisecond (a start's check, the previous test's last
 * call) counts.
 */
export async function logMark(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 2))
  return Date.now()
}
