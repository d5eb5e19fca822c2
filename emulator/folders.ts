// Asset folders: `/v1/spaces/:space_id/asset_folders[/:id]` (route name `folders`), with the
// shapes of Storyblok's OpenAPI: list `{asset_folders:[…]}`, create `201 {asset_folder}`, read
// `{asset_folder}`, update and delete `204`. The rules are shared with the control route that
// seeds folders (control.ts). See README.md, readings 20 and 21.
import { randomUUID } from 'node:crypto'
import { NOT_FOUND_BODY } from './apiAsset.ts'
import { optionalInteger } from './assetChanges.ts'
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
import { nextTimestamp, type FolderRecord } from './store.ts'

/** A folder as the API answers it. */
export function toApiFolder(folder: FolderRecord, catalog: Catalog): Record<string, unknown> {
  const parent = folder.parent_id === null ? undefined : catalog.folders.get(folder.parent_id)
  return {
    id: folder.id,
    name: folder.name,
    parent_id: folder.parent_id,
    uuid: folder.uuid,
    parent_uuid: parent?.uuid ?? null,
  }
}

/** Whether `id` is `ancestor` or lies below it. */
function isWithin(catalog: Catalog, id: number, ancestor: number): boolean {
  const seen = new Set<number>()
  for (let current: number | null = id; current !== null && !seen.has(current);) {
    if (current === ancestor) return true
    seen.add(current)
    current = catalog.folders.get(current)?.parent_id ?? null
  }
  return false
}

/**
 * Checks `input` (`{name, parent_id}`, as JSON types) for a new folder (`folder` undefined) or
 * for a change of `folder`; answers the folder as it would become, or Rails-style errors.
 */
export function checkFolder(
  catalog: Catalog,
  input: Record<string, unknown>,
  folder?: FolderRecord,
): { name: string; parentId: number | null } | { errors: Errors } {
  const errors: Errors = {}
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(input, key)
  let name = folder?.name ?? ''
  if (has('name') || !folder) {
    const checked = checkName(input['name'])
    if ('error' in checked) errors['name'] = [checked.error]
    else name = checked.name
  }
  let parentId = folder?.parent_id ?? null
  if (has('parent_id')) {
    const value = input['parent_id']
    if (value === null || value === undefined) parentId = null
    else if (typeof value !== 'number' || !Number.isSafeInteger(value))
      errors['parent_id'] = ['must be an integer']
    else if (!catalog.hasFolder(value)) errors['parent_id'] = ['does not exist']
    else if (folder && isWithin(catalog, value, folder.id)) errors['parent_id'] = ['is invalid']
    else parentId = value
  }
  const taken = catalog.folders
    .all()
    .some((other) => other.id !== folder?.id && other.parent_id === parentId && other.name === name)
  if (!errors['name'] && taken) errors['name'] = ['has already been taken']
  return Object.keys(errors).length > 0 ? { errors } : { name, parentId }
}

/** Creates a folder (`id` chosen by the caller when seeding); errors as `checkFolder` gives them. */
export function createFolder(
  catalog: Catalog,
  input: Record<string, unknown>,
  wantedId?: number,
): { folder: FolderRecord } | { errors: Errors } {
  const checked = checkFolder(catalog, input)
  if ('errors' in checked) return checked
  const id = catalog.folders.newId(wantedId)
  if (id === undefined) return { errors: { id: ['has already been taken'] } }
  const folder = { id, name: checked.name, parent_id: checked.parentId, uuid: randomUUID() }
  catalog.folders.put(folder)
  return { folder }
}

/**
 * The `asset_folder` parameters of a JSON or form body; `undefined` when the wrapper is missing.
 * Form values are text: `parent_id` digits are cast as Rails casts them.
 */
async function folderParams(ctx: RequestContext): Promise<Record<string, unknown> | undefined> {
  const params = await wrappedParams(ctx, 'asset_folder')
  if (!params) return undefined
  const { input, form } = params
  if (form && typeof input['parent_id'] === 'string') {
    const cast = optionalInteger(input['parent_id'])
    return cast === undefined ? input : { ...input, parent_id: cast }
  }
  return input
}

const MISSING_WRAPPER = missingWrapper('asset_folder')

function findFolder(deps: MapiDeps, ctx: RequestContext): FolderRecord | undefined {
  const id = pathId(ctx)
  return id === undefined ? undefined : deps.store.catalog.folders.get(id)
}

function list(deps: MapiDeps, ctx: RequestContext): void {
  const { catalog } = deps.store
  const query = ctx.url.searchParams
  const search = (query.get('search') ?? '').toLowerCase()
  const parent = query.get('with_parent')
  const ids = commaList(query, 'by_ids')
  const uuids = commaList(query, 'by_uuids')
  const folders = catalog.folders.all().filter((folder) => {
    if (search && !folder.name.toLowerCase().includes(search)) return false
    if (parent !== null && /^\d+$/.test(parent) && folder.parent_id !== (Number(parent) || null))
      return false
    if (ids && !ids.includes(String(folder.id))) return false
    if (uuids && !uuids.includes(folder.uuid)) return false
    return true
  })
  sendJson(ctx.res, 200, { asset_folders: folders.map((folder) => toApiFolder(folder, catalog)) })
}

async function create(deps: MapiDeps, ctx: RequestContext): Promise<void> {
  const input = await folderParams(ctx)
  if (!input) return sendJson(ctx.res, 400, MISSING_WRAPPER)
  const created = createFolder(deps.store.catalog, input)
  if ('errors' in created) return sendJson(ctx.res, 422, created.errors)
  sendJson(ctx.res, 201, { asset_folder: toApiFolder(created.folder, deps.store.catalog) })
}

async function update(deps: MapiDeps, ctx: RequestContext): Promise<void> {
  const input = await folderParams(ctx)
  const folder = findFolder(deps, ctx)
  if (!folder) return sendJson(ctx.res, 404, NOT_FOUND_BODY)
  if (!input) return sendJson(ctx.res, 400, MISSING_WRAPPER)
  const checked = checkFolder(deps.store.catalog, input, folder)
  if ('errors' in checked) return sendJson(ctx.res, 422, checked.errors)
  deps.store.catalog.folders.put({ ...folder, name: checked.name, parent_id: checked.parentId })
  sendEmpty(ctx.res, 204)
}

/**
 * Deletes a folder. Its assets, and its subfolders, move up to its parent; with
 * `recursive=true` the subfolders are deleted too and every asset below moves up. No asset is
 * deleted either way (README.md, reading 21).
 */
function remove(deps: MapiDeps, ctx: RequestContext): void {
  const { catalog } = deps.store
  const folder = findFolder(deps, ctx)
  if (!folder) return sendJson(ctx.res, 404, NOT_FOUND_BODY)
  const recursive = ['true', '1'].includes(ctx.url.searchParams.get('recursive') ?? '')
  const removed = recursive
    ? catalog.folders.all().filter((other) => isWithin(catalog, other.id, folder.id))
    : [folder]
  const removedIds = new Set(removed.map((other) => other.id))
  for (const other of catalog.folders.all()) {
    if (other.parent_id !== null && removedIds.has(other.parent_id) && !removedIds.has(other.id))
      catalog.folders.put({ ...other, parent_id: folder.parent_id })
  }
  for (const asset of deps.store.allAssets()) {
    if (asset.asset_folder_id === null || !removedIds.has(asset.asset_folder_id)) continue
    asset.asset_folder_id = folder.parent_id
    asset.updated_at = nextTimestamp(asset.updated_at)
    deps.store.changed()
  }
  for (const id of removedIds) catalog.folders.delete(id)
  sendEmpty(ctx.res, 204)
}

export function folderRoutes(deps: MapiDeps): Route[] {
  const collection = '/v1/spaces/:space_id/asset_folders'
  const member = `${collection}/:id`
  const route = guardedRoutes(deps, 'folders')
  return [
    route(['GET'], collection, (ctx) => list(deps, ctx)),
    route(['POST'], collection, (ctx) => create(deps, ctx)),
    route(['GET'], member, (ctx) => {
      const folder = findFolder(deps, ctx)
      if (folder) sendJson(ctx.res, 200, { asset_folder: toApiFolder(folder, deps.store.catalog) })
      else sendJson(ctx.res, 404, NOT_FOUND_BODY)
    }),
    route(['PUT', 'PATCH'], member, (ctx) => update(deps, ctx)),
    route(['DELETE'], member, (ctx) => remove(deps, ctx)),
  ]
}
