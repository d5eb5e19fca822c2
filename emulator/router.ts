// A tiny method + path router. Patterns are `/`-separated; `:name` captures one segment
// (percent-decoded) and a final `*name` captures the rest of the path (left encoded, since
// asset keys are decoded segment by segment).
import type { IncomingMessage, ServerResponse } from 'node:http'

/** The routes counted in request stats and targeted by fault injection. */
export const ROUTE_NAMES = [
  'sign',
  's3',
  'finish',
  'get',
  'update',
  'delete',
  'list',
  'cdn',
  'delivery',
  'folders',
  'tags',
  'alt_text',
] as const
export type RouteName = (typeof ROUTE_NAMES)[number]

export function isRouteName(value: unknown): value is RouteName {
  return typeof value === 'string' && (ROUTE_NAMES as readonly string[]).includes(value)
}

/**
 * The request log's names for everything else: `/__emulator/*`, the editor page and its files,
 * and requests no route matched. Logged, but never counted in `requests` nor faulted.
 */
export const LOG_ONLY_NAMES = ['control', 'editor', 'unknown'] as const
export type LogRouteName = RouteName | (typeof LOG_ONLY_NAMES)[number]

/** Which service a path belongs to: it decides the CORS rules (see cors.ts). */
export type Area = 'mapi' | 'delivery' | 's3' | 'cdn' | 'control' | 'editor'

export interface RequestContext {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  /**
   * The request body. Except on the upload target (which streams), it is read from the moment
   * the request arrives, so a route that runs late (an injected delay) still sees the body of a
   * client that has since gone away, as a real server would.
   */
  body(): Promise<Buffer>
}

export interface Route {
  methods: readonly string[]
  pattern: string
  area: Area
  /** Set for the API routes that are counted and can be faulted. */
  name?: RouteName
  handle(ctx: RequestContext): Promise<void> | void
}

export type RouteMatch = { route: Route; params: Record<string, string> }

/**
 * The name a request to `route` is logged under: its own, else its service's (`control`,
 * `editor`), else `unknown` (no route matched, or the S3 target's 404 for another bucket).
 */
export function logName(route: Route | undefined): LogRouteName {
  if (route?.name) return route.name
  if (route?.area === 'control' || route?.area === 'editor') return route.area
  return 'unknown'
}

function matchPattern(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/')
  const have = pathname.split('/')
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const part = want[i] ?? ''
    if (part.startsWith('*')) {
      const rest = have.slice(i).join('/')
      if (rest === '') return undefined
      params[part.slice(1)] = rest
      return params
    }
    const value = have[i]
    if (value === undefined) return undefined
    if (part.startsWith(':')) {
      if (value === '') return undefined
      try {
        params[part.slice(1)] = decodeURIComponent(value)
      } catch {
        return undefined
      }
    } else if (part !== value) {
      return undefined
    }
  }
  return want.length === have.length ? params : undefined
}

export class Router {
  private readonly routes: Route[] = []

  add(...routes: Route[]): this {
    this.routes.push(...routes)
    return this
  }

  /** The route for `method` and `pathname`, or `undefined` (answered as 404 by the server). */
  match(method: string, pathname: string): RouteMatch | undefined {
    for (const route of this.routes) {
      if (!route.methods.includes(method)) continue
      const params = matchPattern(route.pattern, pathname)
      if (params) return { route, params }
    }
    return undefined
  }
}
