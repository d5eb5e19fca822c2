// The gateway on Node, for teams that self-host: settings from the environment, the space's
// queue and counters in this process, expired tickets swept by a timer, served with
// @hono/node-server. `startNodeGateway` is what `npm run gateway` (gateway/node.ts), the tests
// and the benchmark start.
import { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { isRecord } from '../../src/domain/record'
import { createGateway } from './app'
import { createMemoryCoordinator, type Coordinator } from './coordinator'
import { createLogger, type LogSink } from './log'
import { parseSettings, type Env, type Settings } from './settings'
import { checkSpaceAccess } from './spaceCheck'

export interface NodeGatewayOptions {
  env: Env
  /** Where log lines go. @default one line each to stdout */
  logSink?: LogSink
  /** Storyblok's Management and Delivery APIs. @default globalThis.fetch */
  fetch?: typeof fetch
  now?: () => number
}

export interface NodeGateway {
  /** `http://127.0.0.1:<port>` (the address it listens on). */
  url: string
  settings: Settings
  coordinator: Coordinator
  close(): Promise<void>
}

/** Node's request, which @hono/node-server passes as the handler's `env.incoming`. */
const incomingOf = (env: unknown): IncomingMessage | null =>
  isRecord(env) && env.incoming instanceof IncomingMessage ? env.incoming : null

/** The socket's address; with `GATEWAY_TRUST_PROXY`, the last `X-Forwarded-For` entry (the proxy's). */
function clientIpFor(settings: Settings) {
  return (request: Request, env: unknown): string => {
    const forwarded = settings.trustProxy
      ? request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim()
      : undefined
    return forwarded || incomingOf(env)?.socket.remoteAddress || 'unknown'
  }
}

/** Parses the settings, checks the token against the space, and listens. Throws `SettingsError`. */
export async function startNodeGateway({
  env,
  logSink = (line) => process.stdout.write(`${line}\n`),
  fetch = globalThis.fetch,
  now = Date.now,
}: NodeGatewayOptions): Promise<NodeGateway> {
  const settings = parseSettings(env)
  const log = createLogger(logSink, [settings.token, settings.ticketSecret], now)
  let timer: ReturnType<typeof setTimeout> | undefined
  const coordinator: Coordinator = createMemoryCoordinator({
    settings,
    fetch,
    log,
    now,
    schedule(at) {
      clearTimeout(timer)
      // Capped so a far expiry does not overflow the timer (about 24.8 days).
      timer = setTimeout(() => void coordinator.sweep(), Math.min(Math.max(0, at - now()), 2 ** 30))
      timer.unref()
    },
  })
  await checkSpaceAccess(coordinator)
  const app = createGateway({
    settings,
    coordinator,
    log,
    now,
    fetch,
    clientIp: clientIpFor(settings),
    rawPath: (_request, bindings) => incomingOf(bindings)?.url,
  })
  const server = createAdaptorServer({ fetch: app.fetch })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(settings.port, settings.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host
  return {
    url: `http://${host}:${port}`,
    settings,
    coordinator,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(timer)
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
}
