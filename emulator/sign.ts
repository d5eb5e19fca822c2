// The sign call, `POST /v1/spaces/:space_id/assets`: creates an asset (or, with `id`, signs a new
// file for an existing one under the key it has, so its URL stays), sets the metadata given
// with it, and answers the S3 upload form with its signed policy. See README.md, readings 3, 5
// and 19.
import { randomBytes } from 'node:crypto'
import { NOT_FOUND_BODY } from './apiAsset.ts'
import {
  castTextParams,
  nestedParams,
  optionalInteger,
  validateAssetChanges,
} from './assetChanges.ts'
import type { RuntimeConfig } from './config.ts'
import { contentTypeFor, storyblokFilename } from './filename.ts'
import { readBodyParams, sendJson } from './http.ts'
import { isRecord } from '../src/domain/record.ts'
import { createUploadFields } from './policy.ts'
import type { RequestContext } from './router.ts'
import { nextTimestamp, type AssetRecord, type AssetStore } from './store.ts'
import { BUCKET, type UrlLayout } from './urls.ts'

export interface SignDeps {
  store: AssetStore
  config: RuntimeConfig
  urls: UrlLayout
  spaceId: number
}

const CACHE_CONTROL = 'public; max-age=31536000'
const YEAR_MS = 365 * 24 * 60 * 60 * 1000

/** The flat parameters with the `asset` wrapper's over them (Storyblok reads both). */
function unwrap(params: Record<string, unknown>): Record<string, unknown> {
  const { asset, ...flat } = params
  return isRecord(asset) ? { ...flat, ...asset } : flat
}

/**
 * The sign parameters: the query string (`filename=`, `asset[filename]=`), with the body (a
 * form's or a JSON object's) over it. Query and form values are text, cast to JSON types the
 * way Rails casts them; JSON values must already have their types, as in an update.
 */
async function signParams(ctx: RequestContext): Promise<Record<string, unknown>> {
  const body = await readBodyParams(ctx)
  const query = unwrap(nestedParams(ctx.url.searchParams))
  if (body.kind === 'form') {
    return castTextParams({ ...query, ...unwrap(nestedParams(body.fields)) })
  }
  return { ...castTextParams(query), ...unwrap(body.value) }
}

function newAsset(deps: SignDeps, key: string, name: string, now: number): AssetRecord {
  const createdAt = new Date(now).toISOString()
  return {
    id: deps.store.newAssetId(),
    space_id: deps.spaceId,
    key,
    keys: [key],
    finishedKey: null,
    created_at: createdAt,
    updated_at: createdAt,
    short_filename: name,
    content_type: null,
    content_length: null,
    asset_folder_id: null,
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
}

/** The asset a sign call with `id` gives a new key: undefined without an id, null when unknown. */
function assetToReplace(store: AssetStore, id: unknown): AssetRecord | null | undefined {
  if (id === undefined || id === null || id === '') return undefined
  const parsed = optionalInteger(id)
  return (typeof parsed === 'number' ? store.getAsset(parsed) : undefined) ?? null
}

/** The name Storyblok stores and the optional `size` (`<width>x<height>`), or what is wrong. */
function fileParams(params: Record<string, unknown>): {
  name: string
  size: string | undefined
  errors: Record<string, string[]>
} {
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
  return { name, size, errors }
}

/** The signed S3 form for the new key, private from the start when the asset is. */
function uploadForm(
  config: RuntimeConfig,
  asset: AssetRecord,
  key: string,
  now: number,
): Record<string, string> {
  return createUploadFields({
    bucket: BUCKET,
    key,
    // Private from the start: S3 stores the object with this ACL, and the CDN refuses it unsigned.
    acl: asset.is_private ? 'private' : 'public-read',
    contentType: contentTypeFor(asset.short_filename),
    cacheControl: CACHE_CONTROL,
    expires: new Date(now + YEAR_MS).toUTCString(),
    ttlSeconds: config.policyTtlSeconds,
    maxBytes: config.maxUploadBytes,
    now,
  })
}

export async function sign(deps: SignDeps, ctx: RequestContext): Promise<void> {
  const params = await signParams(ctx)
  const { store, urls } = deps
  const existing = assetToReplace(store, params['id'])
  if (existing === null) {
    sendJson(ctx.res, 404, NOT_FOUND_BODY)
    return
  }
  const { name, size, errors } = fileParams(params)
  // The metadata, checked as an update checks it: all errors answered together, nothing created.
  const changes = validateAssetChanges(params, store.catalog)
  if ('errors' in changes || Object.keys(errors).length > 0) {
    sendJson(ctx.res, 422, { ...errors, ...('errors' in changes ? changes.errors : {}) })
    return
  }

  const now = Date.now()
  // A replace keeps the asset's key, and with it its URL, name and size folder (reading 5): the
  // new file is written over the old one, and the type follows the kept name.
  const key =
    existing?.key ??
    [
      'f',
      String(deps.spaceId),
      ...(size ? [size] : []),
      randomBytes(16).toString('hex'),
      name,
    ].join('/')
  const asset = existing ?? newAsset(deps, key, name, now)
  changes.apply(asset)
  if (existing) {
    existing.updated_at = nextTimestamp(existing.updated_at)
    store.changed()
  } else {
    store.addAsset(asset)
  }
  sendJson(ctx.res, 200, {
    id: asset.id,
    post_url: urls.s3PostUrl,
    pretty_url: urls.prettyUrl(key),
    public_url: urls.s3ObjectUrl(key),
    fields: uploadForm(deps.config, asset, key, now),
  })
}
