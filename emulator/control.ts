// Inspection and control for tests and developers: `/__emulator/*` (no auth).
import { toApiAsset } from './apiAsset.ts'
import { parseConfigPatch, type RuntimeConfig } from './config.ts'
import { parseFault, type FaultRegistry } from './faults.ts'
import { createFolder, toApiFolder } from './folders.ts'
import { BodyError, readParams, sendEmpty, sendJson } from './http.ts'
import { createTag } from './internalTags.ts'
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
      ...toApiAsset(asset, deps.urls, deps.store.catalog),
      uploaded: deps.store.getObject(asset.key) !== undefined,
      finished: asset.finishedKey === asset.key,
      key: asset.key,
    })),
    assetFolders: deps.store.catalog
      .allFolders()
      .map((folder) => toApiFolder(folder, deps.store.catalog)),
    internalTags: deps.store.catalog.allTags(),
    ...deps.stats.snapshot(),
    faults: deps.faults.list(),
    rateLimit: deps.config.rateLimit,
    config: { ...deps.config },
  })

  /** A seed's optional `id` (to match fixtures or a real space); an error message when invalid. */
  const seedId = (body: Record<string, unknown>): number | undefined | string => {
    const id = body['id']
    if (id === undefined) return undefined
    return Number.isSafeInteger(id) && Number(id) >= 1
      ? Number(id)
      : 'id must be a positive integer'
  }
  /** Rails-style field errors as one control-route message: `name has already been taken`. */
  const message = (errors: Record<string, string[]>): string =>
    Object.entries(errors)
      .map(([field, problems]) => `${field} ${problems.join(', ')}`)
      .join('; ')

  return [
    {
      methods: ['POST'],
      pattern: '/__emulator/asset_folders',
      area: 'control',
      handle: withBody(({ res }, body) => {
        const id = seedId(body)
        if (typeof id === 'string') return sendJson(res, 400, { error: id })
        const created = createFolder(deps.store.catalog, body, id)
        if ('errors' in created) sendJson(res, 400, { error: message(created.errors) })
        else sendJson(res, 201, toApiFolder(created.folder, deps.store.catalog))
      }),
    },
    {
      methods: ['POST'],
      pattern: '/__emulator/internal_tags',
      area: 'control',
      handle: withBody(({ res }, body) => {
        const id = seedId(body)
        if (typeof id === 'string') return sendJson(res, 400, { error: id })
        const created = createTag(deps.store.catalog, body, id)
        if ('errors' in created) sendJson(res, 400, { error: message(created.errors) })
        else sendJson(res, 201, created.tag)
      }),
    },
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
