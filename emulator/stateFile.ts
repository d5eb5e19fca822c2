// What the emulator keeps, and `assets.json`, the file it keeps it in: the record types, the
// guards that check a file read back (it may have been edited by hand to seed a space), and the
// migration of older versions. store.ts owns reading and writing the file.
import { randomUUID } from 'node:crypto'
import { isRecord } from '../src/domain/record.ts'

/** An asset as the emulator keeps it; `toApiAsset` (apiAsset.ts) turns it into API JSON. */
export interface AssetRecord {
  id: number
  space_id: number
  /** The S3 key of the asset's current file (a re-sign with `id` changes it). */
  key: string
  /** Every key this asset was ever signed for: their objects are deleted with it. */
  keys: string[]
  /** The key for which finish_upload last succeeded (`null` until then). */
  finishedKey: string | null
  created_at: string
  updated_at: string
  short_filename: string
  content_type: string | null
  content_length: number | null
  asset_folder_id: number | null
  alt: string | null
  title: string | null
  copyright: string | null
  source: string | null
  focus: string | null
  is_private: boolean
  locked: boolean
  expire_at: string | null
  publish_at: string | null
  internal_tag_ids: string[]
  meta_data: Record<string, unknown>
}

/** An uploaded S3 object (the metadata S3 keeps with the bytes). */
export interface StoredObject {
  key: string
  size: number
  contentType: string
  cacheControl: string | null
  expires: string | null
  /** Quoted MD5 hex, as S3's ETag for a single-part upload. */
  etag: string
  lastModified: string
}

/** An asset folder; the API adds `parent_uuid` when it answers (folders.ts). */
export interface FolderRecord {
  id: number
  name: string
  parent_id: number | null
  uuid: string
}

export const TAG_OBJECT_TYPES = ['asset', 'component', 'idea'] as const
export type TagObjectType = (typeof TAG_OBJECT_TYPES)[number]

/** An internal tag of the space, as the API answers it. */
export interface TagRecord {
  id: number
  name: string
  object_type: TagObjectType
}

/** `assets.json` as version 2 writes it. */
export interface PersistedState {
  version: 2
  nextId: number
  nextFolderId: number
  nextTagId: number
  assets: AssetRecord[]
  objects: StoredObject[]
  assetFolders: FolderRecord[]
  internalTags: TagRecord[]
}

export const FIRST_ASSET_ID = 100000001
export const FIRST_FOLDER_ID = 1
export const FIRST_TAG_ID = 1

const isString = (value: unknown): value is string => typeof value === 'string'
const isNullableString = (value: unknown): value is string | null =>
  value === null || typeof value === 'string'
const isNullableNumber = (value: unknown): value is number | null =>
  value === null || typeof value === 'number'
const isId = (value: unknown): value is number => Number.isSafeInteger(value) && Number(value) >= 1

function isAssetRecord(value: unknown): value is AssetRecord {
  return (
    isRecord(value) &&
    Number.isSafeInteger(value['id']) &&
    typeof value['space_id'] === 'number' &&
    isString(value['key']) &&
    Array.isArray(value['keys']) &&
    value['keys'].every(isString) &&
    isNullableString(value['finishedKey']) &&
    isString(value['created_at']) &&
    isString(value['updated_at']) &&
    isString(value['short_filename']) &&
    isNullableString(value['content_type']) &&
    isNullableNumber(value['content_length']) &&
    isNullableNumber(value['asset_folder_id']) &&
    ['alt', 'title', 'copyright', 'source', 'focus', 'expire_at', 'publish_at'].every((name) =>
      isNullableString(value[name]),
    ) &&
    typeof value['is_private'] === 'boolean' &&
    typeof value['locked'] === 'boolean' &&
    Array.isArray(value['internal_tag_ids']) &&
    value['internal_tag_ids'].every(isString) &&
    isRecord(value['meta_data'])
  )
}

function isStoredObject(value: unknown): value is StoredObject {
  return (
    isRecord(value) &&
    isString(value['key']) &&
    typeof value['size'] === 'number' &&
    isString(value['contentType']) &&
    isNullableString(value['cacheControl']) &&
    isNullableString(value['expires']) &&
    isString(value['etag']) &&
    isString(value['lastModified'])
  )
}

/** A folder as a file holds it; `uuid` may be left out by hand (one is made up). */
function toFolderRecord(value: unknown): FolderRecord | undefined {
  if (!isRecord(value)) return undefined
  const { id, name, parent_id: parentId, uuid } = value
  if (
    !isId(id) ||
    !isString(name) ||
    !(parentId === null || parentId === undefined || isId(parentId))
  )
    return undefined
  if (uuid !== undefined && !isString(uuid)) return undefined
  return { id, name, parent_id: parentId ?? null, uuid: uuid ?? randomUUID() }
}

/** A tag as a file holds it; `object_type` may be left out by hand (`asset`). */
function toTagRecord(value: unknown): TagRecord | undefined {
  if (!isRecord(value)) return undefined
  const { id, name, object_type: type = 'asset' } = value
  const objectType = TAG_OBJECT_TYPES.find((known) => known === type)
  return isId(id) && isString(name) && objectType
    ? { id, name, object_type: objectType }
    : undefined
}

/** Every item of `value` through `convert`; undefined when it is no array or an item fails. */
export function arrayOf<T>(
  value: unknown,
  convert: (item: unknown) => T | undefined,
): T[] | undefined {
  if (!Array.isArray(value)) return undefined
  const items: T[] = []
  for (const item of value) {
    const converted = convert(item)
    if (converted === undefined) return undefined
    items.push(converted)
  }
  return items
}

/** `arrayOf`, where a missing list (a state file of an older version) is empty. */
const listOf = <T>(value: unknown, convert: (item: unknown) => T | undefined): T[] | undefined =>
  value === undefined ? [] : arrayOf(value, convert)

/** The next id after the highest in use, but never below `declared` nor `first`. */
function nextAfter(ids: number[], declared: unknown, first: number): number | undefined {
  if (declared !== undefined && !Number.isSafeInteger(declared)) return undefined
  return Math.max(first, Number(declared ?? first), ...ids.map((id) => id + 1))
}

/**
 * Reads a parsed `assets.json`. Version 2 is the current one; every part of it may be left out
 * (a file written by hand to seed folders and tags may hold only those). Version 1 (before
 * folders and tags) is migrated: each folder id and tag id its assets use becomes a folder
 * `Folder <id>` or an asset tag `Tag <id>`, so those assets stay valid. Anything else is
 * undefined, and the emulator refuses to start on it rather than overwrite it.
 */
export function readStateFile(value: unknown): PersistedState | undefined {
  if (!isRecord(value) || (value['version'] !== 1 && value['version'] !== 2)) return undefined
  const assets = listOf(value['assets'], (item) => (isAssetRecord(item) ? item : undefined))
  const objects = listOf(value['objects'], (item) => (isStoredObject(item) ? item : undefined))
  if (!assets || !objects) return undefined
  if (value['version'] === 1) {
    const complete = [value['assets'], value['objects']].every((list) => Array.isArray(list))
    if (!complete || !Number.isSafeInteger(value['nextId'])) return undefined
    return migrateVersion1(Number(value['nextId']), assets, objects)
  }
  const assetFolders = listOf(value['assetFolders'], toFolderRecord)
  const internalTags = listOf(value['internalTags'], toTagRecord)
  if (!assetFolders || !internalTags) return undefined
  const nextId = nextAfter(
    assets.map((asset) => asset.id),
    value['nextId'],
    FIRST_ASSET_ID,
  )
  const nextFolderId = nextAfter(
    assetFolders.map((folder) => folder.id),
    value['nextFolderId'],
    FIRST_FOLDER_ID,
  )
  const nextTagId = nextAfter(
    internalTags.map((tag) => tag.id),
    value['nextTagId'],
    FIRST_TAG_ID,
  )
  if (nextId === undefined || nextFolderId === undefined || nextTagId === undefined)
    return undefined
  return {
    version: 2,
    nextId,
    nextFolderId,
    nextTagId,
    assets,
    objects,
    assetFolders,
    internalTags,
  }
}

function migrateVersion1(
  nextId: number,
  assets: AssetRecord[],
  objects: StoredObject[],
): PersistedState {
  const folderIds = new Set<number>()
  const tagIds = new Set<number>()
  for (const asset of assets) {
    if (asset.asset_folder_id !== null && asset.asset_folder_id >= 1)
      folderIds.add(asset.asset_folder_id)
    for (const id of asset.internal_tag_ids)
      if (/^\d+$/.test(id) && Number(id) >= 1) tagIds.add(Number(id))
  }
  const assetFolders = [...folderIds]
    .sort((a, b) => a - b)
    .map((id) => ({ id, name: `Folder ${id}`, parent_id: null, uuid: randomUUID() }))
  const internalTags = [...tagIds]
    .sort((a, b) => a - b)
    .map((id): TagRecord => ({ id, name: `Tag ${id}`, object_type: 'asset' }))
  return {
    version: 2,
    nextId,
    nextFolderId: Math.max(FIRST_FOLDER_ID, ...assetFolders.map((folder) => folder.id + 1)),
    nextTagId: Math.max(FIRST_TAG_ID, ...internalTags.map((tag) => tag.id + 1)),
    assets,
    objects,
    assetFolders,
    internalTags,
  }
}
