// The gateway: one web-standard fetch handler (Request → Response) on Hono, the same on
// Workers, on Node and in tests. It answers the Management API's own asset paths (and the tag list,
// and the folder list cut to the allowed folders) for what an editor's upload needs, and refuses everything
// else with 403 `{ error, rule }`.
//
// Every request, in this order: origin (CORS) → per-caller limits → the editor's preview token
// → space → asset id → body → the route. The route is a small function from the checked request to a reply (routes/).
import { Hono, type Context } from 'hono'
import { parseAssetId } from '../../src/domain/asset'
import type { Coordinator } from './coordinator'
import {
  corsHeaders,
  isAllowedOrigin,
  preflightHeaders,
  PREVIEW_TOKEN_HEADER,
  TICKET_HEADER,
} from './cors'
import type { Logger, WriteOp } from './log'
import { createPreviewTokenCheck } from './previewToken'
import { createRedact } from './redact'
import { callerOf, hasDotSegment, readJsonBody } from './request'
import { altText } from './routes/altText'
import {
  limited,
  refuse,
  type CallerInfo,
  type Reply,
  type Route,
  type RouteDeps,
} from './routes/context'
import { finish } from './routes/finish'
import { folders } from './routes/folders'
import { list, read } from './routes/read'
import { remove } from './routes/remove'
import { sign } from './routes/sign'
import { tags } from './routes/tags'
import { update } from './routes/update'
import type { Settings } from './settings'
import { createTickets } from './tickets'

export interface GatewayDeps {
  settings: Settings
  coordinator: Coordinator
  log: Logger
  /** @default Date.now */
  now?: () => number
  /** The client's address: the socket on Node, `CF-Connecting-IP` on Workers. */
  clientIp: (request: Request, env: unknown) => string
  /** The path exactly as sent, before URL parsing resolved `..` (Node knows it). */
  rawPath?: (request: Request, env: unknown) => string | undefined
  /** Where the preview token is checked with the Delivery API. @default globalThis.fetch */
  fetch?: typeof fetch
}

type GatewayEnv = { Variables: { caller: CallerInfo } }

export type GatewayApp = Hono<GatewayEnv>

const ASSETS = '/v1/spaces/:space_id/assets'

/** Which write a request is, for the log; `null` for a read. */
function writeOf(method: string, path: string): WriteOp | null {
  if (method === 'GET') return /\/finish_upload$/.test(path) ? 'finish' : null
  if (method === 'POST') return /^\/v1\/spaces\/[^/]+\/assets$/.test(path) ? 'sign' : 'write'
  return method === 'PUT' ? 'update' : method === 'DELETE' ? 'delete' : 'write'
}

export function createGateway(deps: GatewayDeps): GatewayApp {
  const { settings, coordinator, log, now = Date.now } = deps
  const checkPreviewToken = createPreviewTokenCheck({
    settings,
    now,
    fetch: deps.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  })
  const redact = createRedact([settings.token, settings.ticketSecret])
  const routeDeps: RouteDeps = {
    settings,
    coordinator,
    now,
    tickets: createTickets(settings.ticketSecret),
  }
  const app = new Hono<GatewayEnv>()

  /** The reply as a Response: CORS for an allowed origin, a log line for a write, redacted. */
  function respond(c: Context<GatewayEnv>, reply: Reply): Response {
    const origin = c.req.header('origin') ?? null
    const headers = new Headers(reply.headers)
    if (isAllowedOrigin(origin, settings.allowedOrigins) && origin)
      for (const [name, value] of Object.entries(corsHeaders(origin))) headers.set(name, value)
    const op = writeOf(c.req.method, c.req.path)
    if (op) {
      const caller = c.get('caller') ?? callerOf(c.req.raw, deps.clientIp(c.req.raw, c.env))
      // The id as the path names it, also for a request refused before its route matched.
      const named = /\/assets\/([^/?]+)/.exec(c.req.path)?.[1]
      const assetId = reply.assetId ?? parseAssetId(named ?? '') ?? null
      const failed =
        reply.rule === 'upstream' || reply.rule?.startsWith('upstream-') || reply.status >= 500
      log.write({
        op,
        assetId,
        origin: caller.origin,
        ip: caller.ip,
        session: caller.session,
        userId: caller.userId,
        outcome: reply.status < 400 ? 'ok' : failed ? 'failed' : 'refused',
        status: reply.status,
        ...(reply.rule ? { rule: reply.rule } : {}),
      })
    }
    return new Response(reply.body === null ? null : redact(reply.body), {
      status: reply.status,
      headers,
    })
  }

  app.onError((error, c) => {
    log.problem('unexpected error', { name: error.name, message: redact(error.message) })
    return respond(c, refuse(500, 'internal', 'The gateway failed; try again'))
  })
  app.notFound((c) =>
    respond(c, refuse(403, 'not-allowed', 'This call is not allowed through the gateway')),
  )

  // Origin first: a foreign origin gets nothing, not even a preflight.
  app.use('*', async (c, next) => {
    const origin = c.req.header('origin') ?? null
    const allowed = isAllowedOrigin(origin, settings.allowedOrigins)
    if (c.req.method === 'OPTIONS') {
      if (!allowed || !origin)
        return respond(c, refuse(403, 'origin', 'This origin may not call the gateway'))
      return new Response(null, { status: 204, headers: preflightHeaders(origin) })
    }
    const health = c.req.method === 'GET' && c.req.path === '/health'
    if (!allowed && !(health && origin === null))
      return respond(c, refuse(403, 'origin', 'This origin may not call the gateway'))
    if (c.req.method === 'HEAD')
      return respond(c, refuse(403, 'not-allowed', 'HEAD is not allowed'))
    await next()
    return undefined
  })

  app.get('/health', (c) =>
    respond(c, {
      status: 200,
      body: '{"ok":true}',
      headers: { 'content-type': 'application/json' },
    }),
  )

  // Then the caller's limits, the path as sent, the editor's preview token, and the space.
  app.use('/v1/*', async (c, next) => {
    const caller = callerOf(c.req.raw, deps.clientIp(c.req.raw, c.env))
    c.set('caller', caller)
    const refused = await coordinator.admit(caller.key)
    if (refused) return respond(c, limited(refused))
    const raw = deps.rawPath?.(c.req.raw, c.env)
    if (raw !== undefined && hasDotSegment(raw)) {
      const rule = /\/assets\//.test(raw) ? 'asset-id' : 'not-allowed'
      return respond(c, refuse(403, rule, 'A path with dot segments is not allowed'))
    }
    if (settings.requirePreviewToken) {
      const refusal = await checkPreviewToken(c.req.header(PREVIEW_TOKEN_HEADER) ?? null)
      if (refusal) return respond(c, refusal)
    }
    await next()
    return undefined
  })

  /** A route of the table: space, id and body checked, then the route itself. */
  const handle =
    (route: Route, { withId = true, withBody = false } = {}) =>
    async (c: Context<GatewayEnv>) => {
      if (c.req.param('space_id') !== String(settings.spaceId))
        return respond(c, refuse(403, 'space', 'This gateway serves another space'))
      const assetId = withId ? parseAssetId(c.req.param('id') ?? '') : 0
      if (assetId === null) return respond(c, refuse(403, 'asset-id', 'Not an asset id'))
      let body: unknown
      if (withBody) {
        const parsed = await readJsonBody(c.req.raw, settings.maxBodyBytes)
        if ('status' in parsed) return respond(c, parsed)
        body = parsed.json
      }
      const reply = await route({
        deps: routeDeps,
        caller: c.get('caller'),
        assetId,
        query: new URL(c.req.url).searchParams,
        body,
        ticket: c.req.header(TICKET_HEADER) ?? null,
        signal: c.req.raw.signal,
      })
      return respond(c, reply)
    }

  app.post(ASSETS, handle(sign, { withId: false, withBody: true }))
  app.get(ASSETS, handle(list, { withId: false }))
  app.get(`${ASSETS}/:id`, handle(read))
  app.put(`${ASSETS}/:id`, handle(update, { withBody: true }))
  app.delete(`${ASSETS}/:id`, handle(remove))
  app.get(`${ASSETS}/:id/finish_upload`, handle(finish))
  app.get(`${ASSETS}/:id/generate_image_alt_text`, handle(altText))
  app.get('/v1/spaces/:space_id/internal_tags', handle(tags, { withId: false }))
  app.get('/v1/spaces/:space_id/asset_folders', handle(folders, { withId: false }))
  return app
}
