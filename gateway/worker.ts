// The gateway on Cloudflare Workers: `export default { fetch }` plus the Durable Object that
// holds each space's shared state (the fair queue to Storyblok, the per-caller counters, the
// open tickets), so every instance of the worker shares one queue per space. The worker sends
// the DO descriptions of upstream calls; the DO adds the token (from the same env: secrets)
// and performs them. There is no start on Workers: the settings and the token are checked on
// the first request and the result kept (a failure answers 503 naming the setting).
import {
  DurableObject,
  type DurableObjectNamespace,
  type DurableObjectState,
} from 'cloudflare:workers'
import { createGateway, type GatewayApp } from './src/app'
import { createMemoryCoordinator, type Coordinator, type OpenTicket } from './src/coordinator'
import { createLogger, type Logger } from './src/log'
import { isSettingsError, parseSettings, type Env, type Settings } from './src/settings'
import { checkSpaceAccess } from './src/spaceCheck'

interface WorkerEnv extends Env {
  SPACE_COORDINATOR: DurableObjectNamespace<Coordinator>
}

// Workers Logs collect what a worker writes to the console: one JSON line per write.
// eslint-disable-next-line no-console
const consoleSink = (line: string) => console.log(line)

const loggerFor = (settings: Settings): Logger =>
  createLogger(consoleSink, [settings.token, settings.ticketSecret])

const TICKET_PREFIX = 'ticket:'

/** One per space (named by its id): the coordinator of ./src/coordinator.ts, reached over RPC. */
export class SpaceCoordinator extends DurableObject<Env> implements Coordinator {
  private coordinator: Coordinator | undefined

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    const settings = parseSettings(env)
    const { storage } = ctx
    void ctx.blockConcurrencyWhile(async () => {
      const restored = await storage.list<OpenTicket>({ prefix: TICKET_PREFIX })
      this.coordinator = createMemoryCoordinator({
        settings,
        fetch: (input, init) => fetch(input, init),
        log: loggerFor(settings),
        schedule: (at) => void storage.setAlarm(at),
        persistence: {
          put: (ticket) => storage.put(`${TICKET_PREFIX}${ticket.assetId}`, ticket),
          delete: async (assetId) => void (await storage.delete(`${TICKET_PREFIX}${assetId}`)),
        },
        restored: [...restored.values()],
      })
    })
  }

  private get held(): Coordinator {
    if (!this.coordinator) throw new Error('The coordinator is not ready')
    return this.coordinator
  }

  // RPC calls reach methods of the class (not fields), so each is spelled out.
  admit(...args: Parameters<Coordinator['admit']>) {
    return this.held.admit(...args)
  }
  /** The browser's abort signal cannot cross RPC: a waiting call runs even if its caller left. */
  upstream(call: Parameters<Coordinator['upstream']>[0]) {
    return this.held.upstream(call)
  }
  reserveTicket(ip: string) {
    return this.held.reserveTicket(ip)
  }
  releaseReservation(ip: string) {
    return this.held.releaseReservation(ip)
  }
  openTicket(...args: Parameters<Coordinator['openTicket']>) {
    return this.held.openTicket(...args)
  }
  closeTicket(assetId: number) {
    return this.held.closeTicket(assetId)
  }
  isNewEntry(assetId: number) {
    return this.held.isNewEntry(assetId)
  }
  sweep() {
    return this.held.sweep()
  }

  /** The expiry of an open ticket: its unfinished entry is deleted. */
  async alarm(): Promise<void> {
    await this.held.sweep()
  }
}

/** The worker's side: every method a call to the space's Durable Object. */
function remoteCoordinator(env: WorkerEnv, spaceId: number): Coordinator {
  const stub = () => env.SPACE_COORDINATOR.get(env.SPACE_COORDINATOR.idFromName(String(spaceId)))
  return {
    admit: (caller) => stub().admit(caller),
    upstream: (call) => stub().upstream(call),
    reserveTicket: (ip) => stub().reserveTicket(ip),
    releaseReservation: (ip) => stub().releaseReservation(ip),
    openTicket: (ticket, reserved) => stub().openTicket(ticket, reserved),
    closeTicket: (assetId) => stub().closeTicket(assetId),
    isNewEntry: (assetId) => stub().isNewEntry(assetId),
    sweep: () => stub().sweep(),
  }
}

type Ready = { app: GatewayApp } | { setting: string; error: string; until: number }

/** The checked settings and the app, per isolate; a failed token check is retried after a minute. */
let ready: Promise<Ready> | undefined

async function prepare(env: WorkerEnv): Promise<Ready> {
  let settings: Settings
  try {
    settings = parseSettings(env)
  } catch (error) {
    if (!isSettingsError(error)) throw error
    // The message names the setting and never quotes a secret; redacted all the same.
    const secrets = [env.STORYBLOK_TOKEN, env.GATEWAY_TICKET_SECRET].filter(
      (value): value is string => typeof value === 'string' && value.length > 0,
    )
    createLogger(consoleSink, secrets).problem('settings', {
      setting: error.setting,
      error: error.message,
    })
    return { setting: error.setting, error: error.message, until: Infinity }
  }
  const coordinator = remoteCoordinator(env, settings.spaceId)
  const log = loggerFor(settings)
  try {
    await checkSpaceAccess(coordinator)
  } catch (error) {
    if (!isSettingsError(error)) throw error
    log.problem('settings', { setting: error.setting, error: error.message })
    return { setting: error.setting, error: error.message, until: Date.now() + 60_000 }
  }
  const clientIp = (request: Request) => request.headers.get('cf-connecting-ip') ?? 'unknown'
  return { app: createGateway({ settings, coordinator, log, clientIp }) }
}

async function readyState(env: WorkerEnv): Promise<Ready> {
  ready ??= prepare(env)
  try {
    const state = await ready
    if ('app' in state || state.until > Date.now()) return state
    ready = prepare(env)
    return await ready
  } catch (error) {
    // Unexpected (the Durable Object unreachable…): tried again on the next request.
    ready = undefined
    throw error
  }
}

export default {
  async fetch(request: Request, env: WorkerEnv): Promise<Response> {
    let state: Ready
    try {
      state = await readyState(env)
    } catch {
      return Response.json(
        { error: 'The gateway failed; try again', rule: 'internal' },
        { status: 500 },
      )
    }
    if ('app' in state) return state.app.fetch(request, env)
    return Response.json(
      {
        error: `The gateway is not configured: ${state.error}`,
        rule: 'settings',
        setting: state.setting,
      },
      { status: 503 },
    )
  },
}
