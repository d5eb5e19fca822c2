// Internal tags: `/v1/spaces/:space_id/internal_tags[/:id]` (route name `tags`), with the shapes
// of Storyblok's OpenAPI: list `{internal_tags:[{id,name,object_type}]}`, create and update
// `200 {internal_tag}`, delete `204`. An asset carries tags of object type `asset` only. The rules
// are shared with the control route that seeds tags (control.ts). See README.md, reading 22.
import { NOT_FOUND_BODY } from './apiAsset.ts'
import type { Catalog } from './catalog.ts'
import {
  checkName,
  commaList,
  guardedRoutes,
  missingWrapper,
  pathId,
  wrappedParams,
  type Errors,
} from './catalogRoutes.ts'
import { sendEmpty, sendJson } from './http.ts'
import type { MapiDeps } from './mapi.ts'
import type { RequestContext, Route } from './router.ts'
import { TAG_OBJECT_TYPES, type TagRecord } from './stateFile.ts'
import { nextTimestamp } from './store.ts'

/**
 * Checks `input` (`{name, object_type}`) for a new tag (`tag` undefined) or a change of `tag`;
 * answers the tag as it would become (without id), or Rails-style errors.
 */
function checkTag(
  catalog: Catalog,
  input: Record<string, unknown>,
  tag?: TagRecord,
): Omit<TagRecord, 'id'> | { errors: Errors } {
  const errors: Errors = {}
  let name = tag?.name ?? ''
  if ('name' in input || !tag) {
    const checked = checkName(input['name'])
    if ('error' in checked) errors['name'] = [checked.error]
    else name = checked.name
  }
  let objectType = tag?.object_type ?? 'asset'
  if (input['object_type'] !== undefined) {
    const known = TAG_OBJECT_TYPES.find((type) => type === input['object_type'])
    if (known) objectType = known
    else errors['object_type'] = ['is not included in the list']
  }
  const taken = catalog.tags
    .all()
    .some(
      (other) => other.id !== tag?.id && other.object_type === objectType && other.name === name,
    )
  if (!errors['name'] && taken) errors['name'] = ['has already been taken']
  return Object.keys(errors).length > 0 ? { errors } : { name, object_type: objectType }
}

/** Creates a tag (`id` chosen by the caller when seeding); Rails-style errors otherwise. */
export function createTag(
  catalog: Catalog,
  input: Record<string, unknown>,
  wantedId?: number,
): { tag: TagRecord } | { errors: Errors } {
  const checked = checkTag(catalog, input)
  if ('errors' in checked) return checked
  const id = catalog.tags.newId(wantedId)
  if (id === undefined) return { errors: { id: ['has already been taken'] } }
  const tag = { id, ...checked }
  catalog.tags.put(tag)
  return { tag }
}

/** The `internal_tag` parameters of a JSON or form body; `undefined` without the wrapper. */
async function tagParams(ctx: RequestContext): Promise<Record<string, unknown> | undefined> {
  return (await wrappedParams(ctx, 'internal_tag'))?.input
}

const MISSING_WRAPPER = missingWrapper('internal_tag')

function findTag(deps: MapiDeps, ctx: RequestContext): TagRecord | undefined {
  const id = pathId(ctx)
  return id === undefined ? undefined : deps.store.catalog.tags.get(id)
}

function positiveInteger(value: string | null): number | undefined {
  return value !== null && /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : undefined
}

/**
 * The space's tags, oldest first: `search` (name substring, any case), `by_object_type`,
 * `by_ids`, `with_assets_count`; paginated only when `page` or `per_page` is given.
 */
function list(deps: MapiDeps, ctx: RequestContext): void {
  const query = ctx.url.searchParams
  const search = (query.get('search') ?? '').toLowerCase()
  const type = query.get('by_object_type')
  const ids = commaList(query, 'by_ids')
  const withCount = query.get('with_assets_count') === 'true'
  const tags = deps.store.catalog.tags.all().filter((tag) => {
    if (search && !tag.name.toLowerCase().includes(search)) return false
    if (type && tag.object_type !== type) return false
    return !ids || ids.includes(String(tag.id))
  })
  const page = positiveInteger(query.get('page'))
  const perPage = positiveInteger(query.get('per_page'))
  const paged =
    page === undefined && perPage === undefined
      ? tags
      : tags.slice(((page ?? 1) - 1) * (perPage ?? 25), (page ?? 1) * (perPage ?? 25))
  const assets = deps.store.allAssets()
  const answer = paged.map((tag) => {
    if (!withCount || tag.object_type !== 'asset') return { ...tag }
    const count = assets.filter((asset) => asset.internal_tag_ids.includes(String(tag.id))).length
    return { ...tag, assets_count: count }
  })
  sendJson(ctx.res, 200, { internal_tags: answer }, { Total: String(tags.length) })
}

async function create(deps: MapiDeps, ctx: RequestContext): Promise<void> {
  const input = await tagParams(ctx)
  if (!input) return sendJson(ctx.res, 400, MISSING_WRAPPER)
  const created = createTag(deps.store.catalog, input)
  if ('errors' in created) return sendJson(ctx.res, 422, created.errors)
  sendJson(ctx.res, 200, { internal_tag: created.tag })
}

async function update(deps: MapiDeps, ctx: RequestContext): Promise<void> {
  const input = await tagParams(ctx)
  const tag = findTag(deps, ctx)
  if (!tag) return sendJson(ctx.res, 404, NOT_FOUND_BODY)
  if (!input) return sendJson(ctx.res, 400, MISSING_WRAPPER)
  const checked = checkTag(deps.store.catalog, input, tag)
  if ('errors' in checked) return sendJson(ctx.res, 422, checked.errors)
  const changed = { ...tag, ...checked }
  deps.store.catalog.tags.put(changed)
  sendJson(ctx.res, 200, { internal_tag: changed })
}

/** Deletes a tag and takes it off every asset that carried it. */
function remove(deps: MapiDeps, ctx: RequestContext): void {
  const tag = findTag(deps, ctx)
  if (!tag) return sendJson(ctx.res, 404, NOT_FOUND_BODY)
  for (const asset of deps.store.allAssets()) {
    if (!asset.internal_tag_ids.includes(String(tag.id))) continue
    asset.internal_tag_ids = asset.internal_tag_ids.filter((id) => id !== String(tag.id))
    asset.updated_at = nextTimestamp(asset.updated_at)
    deps.store.changed()
  }
  deps.store.catalog.tags.delete(tag.id)
  sendEmpty(ctx.res, 204)
}

export function tagRoutes(deps: MapiDeps): Route[] {
  const collection = '/v1/spaces/:space_id/internal_tags'
  const member = `${collection}/:id`
  const route = guardedRoutes(deps, 'tags')
  return [
    route(['GET'], collection, (ctx) => list(deps, ctx)),
    route(['POST'], collection, (ctx) => create(deps, ctx)),
    route(['PUT', 'PATCH'], member, (ctx) => update(deps, ctx)),
    route(['DELETE'], member, (ctx) => remove(deps, ctx)),
  ]
}
