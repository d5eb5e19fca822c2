// Inspection and control for tests and developers: `/__emulator/*` (no auth).
import { toApiAsset } from './apiAsset.ts'
import { parseConfigPatch, type RuntimeConfig } from './config.ts'
import { parseFault } from './faultSpec.ts'
import type { FaultRegistry } from './faults.ts'
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

/** What `GET /__emulator/state` answers: the assets as stored, folders, tags, counters, faults. */
function stateOf(deps: ControlDeps): Record<string, unknown> {
  return {
    spaceId: deps.spaceId,
    assets: deps.store.allAssets().map((asset) => ({
      ...toApiAsset(asset, deps.urls, deps.store.catalog),
      uploaded: deps.store.getObject(asset.key) !== undefined,
      finished: asset.finishedKey === asset.key,
      key: asset.key,
    })),
    assetFolders: deps.store.catalog.folders
      .all()
      .map((folder) => toApiFolder(folder, deps.store.catalog)),
    internalTags: deps.store.catalog.tags.all(),
    ...deps.stats.snapshot(),
    faults: deps.faults.list(),
    rateLimit: deps.config.rateLimit,
    config: { ...deps.config },
  }
}

/** A seed's optional `id` (to match fixtures or a real space); an error message when invalid. */
function seedId(body: Record<string, unknown>): number | undefined | string {
  const id = body['id']
  if (id === undefined) return undefined
  return Number.isSafeInteger(id) && Number(id) >= 1 ? Number(id) : 'id must be a positive integer'
}

/** Rails-style field errors as one control-route message: `name has already been taken`. */
const message = (errors: Record<string, string[]>): string =>
  Object.entries(errors)
    .map(([field, problems]) => `${field} ${problems.join(', ')}`)
    .join('; ')

type Seeded = { errors: Record<string, string[]> } | { created: unknown }

/** `POST <pattern>`: seeds a folder or a tag, with the id given if any; 400 says what is wrong. */
function seedRoute(
  pattern: string,
  create: (body: Record<string, unknown>, id: number | undefined) => Seeded,
): Route {
  return {
    methods: ['POST'],
    pattern,
    area: 'control',
    handle: withBody(({ res }, body) => {
      const id = seedId(body)
      if (typeof id === 'string') return sendJson(res, 400, { error: id })
      const seeded = create(body, id)
      if ('errors' in seeded) sendJson(res, 400, { error: message(seeded.errors) })
      else sendJson(res, 201, seeded.created)
    }),
  }
}

function seedRoutes({ store }: ControlDeps): Route[] {
  return [
    seedRoute('/__emulator/asset_folders', (body, id) => {
      const created = createFolder(store.catalog, body, id)
      return 'errors' in created ? created : { created: toApiFolder(created.folder, store.catalog) }
    }),
    seedRoute('/__emulator/internal_tags', (body, id) => {
      const created = createTag(store.catalog, body, id)
      return 'errors' in created ? created : { created: created.tag }
    }),
  ]
}

function faultRoutes({ faults }: ControlDeps): Route[] {
  return [
    {
      methods: ['GET'],
      pattern: '/__emulator/faults',
      area: 'control',
      handle: ({ res }) => sendJson(res, 200, faults.list()),
    },
    {
      methods: ['POST'],
      pattern: '/__emulator/faults',
      area: 'control',
      handle: withBody(({ res }, body) => {
        const parsed = parseFault(body)
        if ('errors' in parsed) sendJson(res, 400, { error: parsed.errors.join('; ') })
        else sendJson(res, 201, faults.add(parsed.fault))
      }),
    },
    {
      methods: ['DELETE'],
      pattern: '/__emulator/faults',
      area: 'control',
      handle: ({ res }) => {
        faults.clear()
        sendEmpty(res, 204)
      },
    },
  ]
}

function configRoutes({ config }: ControlDeps): Route[] {
  return [
    {
      methods: ['GET'],
      pattern: '/__emulator/config',
      area: 'control',
      handle: ({ res }) => sendJson(res, 200, { ...config }),
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
        Object.assign(config, parsed.patch)
        sendJson(res, 200, { ...config })
      }),
    },
  ]
}

export function controlRoutes(deps: ControlDeps): Route[] {
  return [
    ...seedRoutes(deps),
    {
      methods: ['GET'],
      pattern: '/__emulator/state',
      area: 'control',
      handle: ({ res }) => sendJson(res, 200, stateOf(deps)),
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
    ...faultRoutes(deps),
    ...configRoutes(deps),
  ]
}
