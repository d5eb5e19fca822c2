// Inspection and control for tests and developers: `/__emulator/*` (no auth).
import { toApiAsset } from './apiAsset.ts'
import { parseConfigPatch, type RuntimeConfig } from './config.ts'
import { parseFault, type FaultRegistry } from './faults.ts'
import { BodyError, readParams, sendEmpty, sendJson } from './http.ts'
import type { RequestContext, Route } from './router.ts'
import type { RequestStats } from './stats.ts'
import type { AssetStore } from './store.ts'
import type { UrlLayout } from './urls.ts'

export interface ControlDeps {
  spaceId: number
  store: AssetStore
  urls: UrlLayout
  stats: RequestStats
  faults: FaultRegistry
  config: RuntimeConfig
  reset(): Promise<void>
}

/** Runs a handler that reads a JSON body, answering 400 for an unreadable one. */
function withBody(
  handler: (ctx: RequestContext, body: Record<string, unknown>) => void,
): Route['handle'] {
  return async (ctx) => {
    let body: Record<string, unknown>
    try {
      body = await readParams(ctx)
    } catch (error) {
      if (!(error instanceof BodyError)) throw error
      sendJson(ctx.res, error.status, { error: error.message })
      return
    }
    handler(ctx, body)
  }
}

export function controlRoutes(deps: ControlDeps): Route[] {
  const state = (): Record<string, unknown> => ({
    spaceId: deps.spaceId,
    assets: deps.store.allAssets().map((asset) => ({
      ...toApiAsset(asset, deps.urls),
      uploaded: deps.store.getObject(asset.key) !== undefined,
      finished: asset.finishedKey === asset.key,
      key: asset.key,
    })),
    ...deps.stats.snapshot(),
    faults: deps.faults.list(),
    rateLimit: deps.config.rateLimit,
    config: { ...deps.config },
  })

  return [
    {
      methods: ['GET'],
      pattern: '/__emulator/state',
      area: 'control',
      handle: ({ res }) => sendJson(res, 200, state()),
    },
    {
      methods: ['POST'],
      pattern: '/__emulator/reset',
      area: 'control',
      handle: async ({ res }) => {
        await deps.reset()
        sendEmpty(res, 204)
      },
    },
    {
      methods: ['GET'],
      pattern: '/__emulator/faults',
      area: 'control',
      handle: ({ res }) => sendJson(res, 200, deps.faults.list()),
    },
    {
      methods: ['POST'],
      pattern: '/__emulator/faults',
      area: 'control',
      handle: withBody(({ res }, body) => {
        const parsed = parseFault(body)
        if ('errors' in parsed) sendJson(res, 400, { error: parsed.errors.join('; ') })
        else sendJson(res, 201, deps.faults.add(parsed.fault))
      }),
    },
    {
      methods: ['DELETE'],
      pattern: '/__emulator/faults',
      area: 'control',
      handle: ({ res }) => {
        deps.faults.clear()
        sendEmpty(res, 204)
      },
    },
    {
      methods: ['GET'],
      pattern: '/__emulator/config',
      area: 'control',
      handle: ({ res }) => sendJson(res, 200, { ...deps.config }),
    },
    {
      methods: ['POST'],
      pattern: '/__emulator/config',
      area: 'control',
      handle: withBody(({ res }, body) => {
        const parsed = parseConfigPatch(body)
        if ('errors' in parsed) {
          sendJson(res, 400, { error: parsed.errors.join('; ') })
          return
        }
        Object.assign(deps.config, parsed.patch)
        sendJson(res, 200, { ...deps.config })
      }),
    },
  ]
}
