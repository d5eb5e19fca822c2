// The Management API's asset endpoints (`/v1/spaces/:space_id/assets...`); the sign call is in
// sign.ts, the metadata rules in assetChanges.ts.
// See docs/reference/management-api-assets.md and emulator/README.md for the readings chosen.
import { NOT_FOUND_BODY, toApiAsset } from './apiAsset.ts'
import { validateAssetChanges } from './assetChanges.ts'
import { authorizedToken, type ManagementTokens } from './auth.ts'
import type { RuntimeConfig } from './config.ts'
import { BodyError, drain, readParams, sendEmpty, sendJson } from './http.ts'
import { isRecord } from '../src/domain/record.ts'
import { rateLimitMessage, type RateLimiter } from './rateLimit.ts'
import type { RequestContext, Route } from './router.ts'
import { sign } from './sign.ts'
import { nextTimestamp, type AssetRecord, type AssetStore } from './store.ts'
import type { UrlLayout } from './urls.ts'

export interface MapiDeps extends ManagementTokens {
  store: AssetStore
  config: RuntimeConfig
  urls: UrlLayout
  spaceId: number
  rateLimiter: RateLimiter
}

type Handler = (ctx: RequestContext) => Promise<void>

/**
 * Auth, then the rate limit, then the space: the order every Management API route shares (the
 * asset routes here, and folders.ts, internalTags.ts, altText.ts).
 */
export function guarded(
  deps: Pick<MapiDeps, 'config' | 'spaceId' | 'token' | 'oauthToken' | 'rateLimiter'>,
  handler: Handler,
): Handler {
  return async (ctx) => {
    const token = authorizedToken(ctx.req.headers.authorization, deps)
    if (token === undefined) {
      await drain(ctx.req)
      sendJson(ctx.res, 401, { error: 'Unauthorized' })
      return
    }
    if (!deps.rateLimiter.take(token, deps.config.rateLimit)) {
      await drain(ctx.req)
      sendJson(
        ctx.res,
        429,
        { error: rateLimitMessage(deps.config.rateLimit ?? 0) },
        { 'Retry-After': '1' },
      )
      return
    }
    if (ctx.params['space_id'] !== String(deps.spaceId)) {
      await drain(ctx.req)
      sendJson(ctx.res, 404, NOT_FOUND_BODY)
      return
    }
    try {
      await handler(ctx)
    } catch (error) {
      if (!(error instanceof BodyError)) throw error
      await drain(ctx.req)
      sendJson(ctx.res, error.status, { error: error.message })
    }
  }
}

function findAsset(deps: MapiDeps, ctx: RequestContext): AssetRecord | undefined {
  const id = ctx.params['id'] ?? ''
  return /^\d+$/.test(id) ? deps.store.getAsset(Number(id)) : undefined
}

function finishUpload(deps: MapiDeps, ctx: RequestContext): void {
  const asset = findAsset(deps, ctx)
  if (!asset) {
    sendJson(ctx.res, 404, NOT_FOUND_BODY)
    return
  }
  const object = deps.store.getObject(asset.key)
  if (!object) {
    sendJson(ctx.res, 422, {
      error: 'The file has not been uploaded: no object was stored for this asset',
    })
    return
  }
  if (object.size > deps.config.uploadLimitBytes) {
    sendJson(ctx.res, 422, {
      error: `The file exceeds the upload limit of this space (${deps.config.uploadLimitBytes} bytes)`,
    })
    return
  }
  asset.content_type = object.contentType
  asset.content_length = object.size
  asset.finishedKey = asset.key
  asset.updated_at = nextTimestamp(asset.updated_at)
  deps.store.changed()
  sendJson(ctx.res, 200, {
    asset: {
      id: asset.id,
      filename: deps.urls.s3ObjectUrl(asset.key),
      alt: asset.alt,
      copyright: asset.copyright,
      title: asset.title,
      focus: asset.focus,
      is_private: asset.is_private,
    },
  })
}

async function update(deps: MapiDeps, ctx: RequestContext): Promise<void> {
  const body = await readParams(ctx)
  const asset = findAsset(deps, ctx)
  if (!asset) {
    sendJson(ctx.res, 404, NOT_FOUND_BODY)
    return
  }
  const input = body['asset']
  if (!isRecord(input)) {
    sendJson(ctx.res, 400, { error: 'param is missing or the value is empty: asset' })
    return
  }
  const result = validateAssetChanges(input, deps.store.catalog)
  if ('errors' in result) {
    sendJson(ctx.res, 422, result.errors)
    return
  }
  result.apply(asset)
  asset.updated_at = nextTimestamp(asset.updated_at)
  deps.store.changed()
  sendEmpty(ctx.res, 204)
}

async function remove(deps: MapiDeps, ctx: RequestContext): Promise<void> {
  const asset = findAsset(deps, ctx)
  if (!asset) {
    sendJson(ctx.res, 404, NOT_FOUND_BODY)
    return
  }
  const json = toApiAsset(asset, deps.urls, deps.store.catalog)
  await deps.store.deleteAsset(asset.id)
  sendJson(ctx.res, 200, json)
}

function positiveInteger(value: string | null): number | undefined {
  return value !== null && /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : undefined
}

function list(deps: MapiDeps, ctx: RequestContext): void {
  const query = ctx.url.searchParams
  const page = positiveInteger(query.get('page')) ?? 1
  const perPage = Math.min(positiveInteger(query.get('per_page')) ?? 25, 100)
  const search = (query.get('search') ?? '').toLowerCase()
  const folderParam = query.get('in_folder')
  const folder =
    folderParam !== null && /^-?\d+$/.test(folderParam) ? Number(folderParam) : undefined

  const matching = deps.store.allAssets().filter((asset) => {
    if (search && !asset.short_filename.toLowerCase().includes(search)) return false
    if (folder !== undefined && asset.asset_folder_id !== (folder === 0 ? null : folder))
      return false
    return true
  })
  const assets = matching
    .slice((page - 1) * perPage, page * perPage)
    .map((asset) => toApiAsset(asset, deps.urls, deps.store.catalog))
  sendJson(
    ctx.res,
    200,
    { assets },
    { Total: String(matching.length), 'Per-Page': String(perPage) },
  )
}

export function mapiRoutes(deps: MapiDeps): Route[] {
  const collection = '/v1/spaces/:space_id/assets'
  const member = `${collection}/:id`
  return [
    {
      methods: ['POST'],
      pattern: collection,
      area: 'mapi',
      name: 'sign',
      handle: guarded(deps, (ctx) => sign(deps, ctx)),
    },
    {
      methods: ['GET'],
      pattern: collection,
      area: 'mapi',
      name: 'list',
      handle: guarded(deps, async (ctx) => list(deps, ctx)),
    },
    {
      methods: ['GET'],
      pattern: `${member}/finish_upload`,
      area: 'mapi',
      name: 'finish',
      handle: guarded(deps, async (ctx) => finishUpload(deps, ctx)),
    },
    {
      methods: ['GET'],
      pattern: member,
      area: 'mapi',
      name: 'get',
      handle: guarded(deps, async (ctx) => {
        const asset = findAsset(deps, ctx)
        if (asset) sendJson(ctx.res, 200, toApiAsset(asset, deps.urls, deps.store.catalog))
        else sendJson(ctx.res, 404, NOT_FOUND_BODY)
      }),
    },
    {
      methods: ['PUT', 'PATCH'],
      pattern: member,
      area: 'mapi',
      name: 'update',
      handle: guarded(deps, (ctx) => update(deps, ctx)),
    },
    {
      methods: ['DELETE'],
      pattern: member,
      area: 'mapi',
      name: 'delete',
      handle: guarded(deps, (ctx) => remove(deps, ctx)),
    },
  ]
}
