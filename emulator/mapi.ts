// The Management API's asset endpoints (`/v1/spaces/:space_id/assets...`).
// See docs/reference/management-api-assets.md and emulator/README.md for the readings chosen.
import { randomBytes } from 'node:crypto'
import type { RuntimeConfig } from './config.ts'
import { contentTypeFor, storyblokFilename } from './filename.ts'
import { BodyError, drain, isRecord, readParams, sendEmpty, sendJson } from './http.ts'
import { createUploadFields } from './policy.ts'
import { rateLimitMessage, type RateLimiter } from './rateLimit.ts'
import type { RequestContext, Route } from './router.ts'
import { nextTimestamp, type AssetRecord, type AssetStore } from './store.ts'
import { BUCKET, type UrlLayout } from './urls.ts'

export interface MapiDeps {
  store: AssetStore
  config: RuntimeConfig
  urls: UrlLayout
  spaceId: number
  token: string
  rateLimiter: RateLimiter
}

/** Storyblok's body for an unknown record (an array of messages). */
export const NOT_FOUND_BODY = ['This record could not be found']
const CACHE_CONTROL = 'public; max-age=31536000'
const YEAR_MS = 365 * 24 * 60 * 60 * 1000

/** The full asset as `GET /v1/spaces/:space_id/assets/:id` returns it (unwrapped). */
export function toApiAsset(asset: AssetRecord, urls: UrlLayout): Record<string, unknown> {
  return {
    id: asset.id,
    filename: urls.s3ObjectUrl(asset.key),
    space_id: asset.space_id,
    created_at: asset.created_at,
    updated_at: asset.updated_at,
    short_filename: asset.short_filename,
    content_type: asset.content_type,
    content_length: asset.content_length,
    asset_folder_id: asset.asset_folder_id,
    alt: asset.alt,
    title: asset.title,
    copyright: asset.copyright,
    source: asset.source,
    focus: asset.focus,
    is_private: asset.is_private,
    locked: asset.locked,
    expire_at: asset.expire_at,
    publish_at: asset.publish_at,
    internal_tag_ids: [...asset.internal_tag_ids],
    meta_data: structuredClone(asset.meta_data),
  }
}

/** The token of an `Authorization: <token>` or `Authorization: Bearer <token>` header. */
export function presentedToken(header: string | undefined): string | undefined {
  if (!header) return undefined
  const match = /^Bearer\s+(.+)$/i.exec(header.trim())
  return (match?.[1] ?? header).trim()
}

type Handler = (ctx: RequestContext) => Promise<void>

/** Auth, then the rate limit, then the space: the order every asset route shares. */
function guarded(deps: MapiDeps, handler: Handler): Handler {
  return async (ctx) => {
    const token = presentedToken(ctx.req.headers.authorization)
    if (token !== deps.token) {
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

/** An integer from JSON or a query string (`"12"`); `null` for null/""; `undefined` when invalid. */
function optionalInteger(value: unknown): number | null | undefined {
  if (value === null || value === '') return null
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  if (typeof value === 'string' && /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)))
    return Number(value)
  return undefined
}

/** Sign parameters: the query string (`filename=` or `asset[filename]=`), then a flat JSON body, then `body.asset`. */
function signParams(url: URL, body: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [name, value] of url.searchParams) {
    const nested = /^asset\[(.+)\]$/.exec(name)
    params[nested?.[1] ?? name] = value
  }
  for (const [name, value] of Object.entries(body)) if (name !== 'asset') params[name] = value
  const wrapped = body['asset']
  if (isRecord(wrapped)) Object.assign(params, wrapped)
  return params
}

async function sign(deps: MapiDeps, ctx: RequestContext): Promise<void> {
  const params = signParams(ctx.url, await readParams(ctx))
  const { store, urls, config } = deps

  let existing: AssetRecord | undefined
  if (params['id'] !== undefined && params['id'] !== null && params['id'] !== '') {
    const id = optionalInteger(params['id'])
    existing = typeof id === 'number' ? store.getAsset(id) : undefined
    if (!existing) {
      sendJson(ctx.res, 404, NOT_FOUND_BODY)
      return
    }
  }

  const errors: Record<string, string[]> = {}
  const rawName = params['filename']
  const name = typeof rawName === 'string' ? storyblokFilename(rawName) : ''
  if (name.trim() === '') errors['filename'] = ["can't be blank"]
  const rawSize = params['size']
  let size: string | undefined
  if (rawSize !== undefined && rawSize !== null && rawSize !== '') {
    if (typeof rawSize === 'string' && /^\d+x\d+$/.test(rawSize)) size = rawSize
    else errors['size'] = ['is invalid']
  }
  const folder = 'asset_folder_id' in params ? optionalInteger(params['asset_folder_id']) : null
  if (folder === undefined) errors['asset_folder_id'] = ['must be an integer']
  if (Object.keys(errors).length > 0) {
    sendJson(ctx.res, 422, errors)
    return
  }

  const now = Date.now()
  const key = [
    'f',
    String(deps.spaceId),
    ...(size ? [size] : []),
    randomBytes(16).toString('hex'),
    name,
  ].join('/')
  let asset: AssetRecord
  if (existing) {
    asset = existing
    asset.key = key
    asset.keys.push(key)
    asset.short_filename = name
    if ('asset_folder_id' in params) asset.asset_folder_id = folder ?? null
    asset.updated_at = nextTimestamp(asset.updated_at)
    store.changed()
  } else {
    const createdAt = new Date(now).toISOString()
    asset = {
      id: store.newAssetId(),
      space_id: deps.spaceId,
      key,
      keys: [key],
      finishedKey: null,
      created_at: createdAt,
      updated_at: createdAt,
      short_filename: name,
      content_type: null,
      content_length: null,
      asset_folder_id: folder ?? null,
      alt: null,
      title: null,
      copyright: null,
      source: null,
      focus: null,
      is_private: false,
      locked: false,
      expire_at: null,
      publish_at: null,
      internal_tag_ids: [],
      meta_data: {},
    }
    store.addAsset(asset)
  }

  const fields = createUploadFields({
    bucket: BUCKET,
    key,
    acl: asset.is_private ? 'private' : 'public-read',
    contentType: contentTypeFor(name),
    cacheControl: CACHE_CONTROL,
    expires: new Date(now + YEAR_MS).toUTCString(),
    ttlSeconds: config.policyTtlSeconds,
    maxBytes: config.maxUploadBytes,
    now,
  })
  sendJson(ctx.res, 200, {
    id: asset.id,
    post_url: urls.s3PostUrl,
    pretty_url: urls.prettyUrl(key),
    public_url: urls.s3ObjectUrl(key),
    fields,
  })
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

const TEXT_FIELDS = ['alt', 'title', 'copyright', 'source'] as const
const FOCUS = /^\d+x\d+:\d+x\d+$/

function isDateString(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))
}

/** Validates an update; returns Rails-style errors, or the changes to apply. */
function validateUpdate(
  input: Record<string, unknown>,
): { errors: Record<string, string[]> } | { apply: (asset: AssetRecord) => void } {
  const errors: Record<string, string[]> = {}
  const steps: ((asset: AssetRecord) => void)[] = []
  const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(input, name)

  // meta_data first: the top-level texts below are mirrored into it afterwards.
  if (has('meta_data')) {
    const value = input['meta_data']
    if (value === null) steps.push((asset) => (asset.meta_data = {}))
    else if (isRecord(value)) steps.push((asset) => (asset.meta_data = structuredClone(value)))
    else errors['meta_data'] = ['must be an object']
  }
  for (const name of TEXT_FIELDS) {
    if (!has(name)) continue
    const value = input[name]
    if (value !== null && typeof value !== 'string') {
      errors[name] = ['must be a string']
      continue
    }
    steps.push((asset) => {
      asset[name] = value
      if (value === null) delete asset.meta_data[name]
      else asset.meta_data[name] = value
    })
  }
  if (has('focus')) {
    const value = input['focus']
    if (value === null || value === '' || (typeof value === 'string' && FOCUS.test(value))) {
      steps.push((asset) => (asset.focus = value))
    } else {
      errors['focus'] = [typeof value === 'string' ? 'is invalid' : 'must be a string']
    }
  }
  if (has('is_private')) {
    const value = input['is_private']
    if (typeof value === 'boolean') steps.push((asset) => (asset.is_private = value))
    else errors['is_private'] = ['must be a boolean']
  }
  if (has('asset_folder_id')) {
    const value = input['asset_folder_id']
    if (value === null || (typeof value === 'number' && Number.isSafeInteger(value))) {
      steps.push((asset) => (asset.asset_folder_id = value))
    } else {
      errors['asset_folder_id'] = ['must be an integer']
    }
  }
  for (const name of ['expire_at', 'publish_at'] as const) {
    if (!has(name)) continue
    const value = input[name]
    if (value === null || value === '') steps.push((asset) => (asset[name] = null))
    else if (typeof value === 'string' && isDateString(value)) {
      steps.push((asset) => (asset[name] = new Date(value).toISOString()))
    } else errors[name] = ['is not a valid date']
  }
  if (has('internal_tag_ids')) {
    const value = input['internal_tag_ids']
    const ids = Array.isArray(value) ? value.map(optionalInteger) : undefined
    if (ids && ids.every((id): id is number => typeof id === 'number')) {
      steps.push((asset) => (asset.internal_tag_ids = ids.map(String)))
    } else {
      errors['internal_tag_ids'] = ['must be an array of integers']
    }
  }
  if (Object.keys(errors).length > 0) return { errors }
  return { apply: (asset) => steps.forEach((step) => step(asset)) }
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
  const result = validateUpdate(input)
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
  const json = toApiAsset(asset, deps.urls)
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
    .map((asset) => toApiAsset(asset, deps.urls))
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
        if (asset) sendJson(ctx.res, 200, toApiAsset(asset, deps.urls))
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
