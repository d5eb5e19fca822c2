// What `/__emulator/*` answers (control.ts), and the guards that check an answer against the
// emulator's own types, with its own validators (faults.ts, config.ts) where they exist.
import { parseConfigPatch, type RuntimeConfig } from './config.ts'
import { parseFault, type Fault } from './faultSpec.ts'
import { isRecord } from '../src/domain/record.ts'
import {
  isRouteName,
  LOG_ONLY_NAMES,
  ROUTE_NAMES,
  type LogRouteName,
  type RouteName,
} from './router.ts'
import type { LogEntry } from './stats.ts'
import { TAG_OBJECT_TYPES, arrayOf, type TagRecord } from './stateFile.ts'
import type { AssetRecord } from './store.ts'

/**
 * An asset in `GET /__emulator/state`: the Management API's asset (mapi.ts; the fields below are
 * checked, the others kept as they came) plus the emulator's own flags.
 */
export interface StateAsset
  extends
    Record<string, unknown>,
    Pick<
      AssetRecord,
      | 'id'
      | 'short_filename'
      | 'content_type'
      | 'content_length'
      | 'alt'
      | 'title'
      | 'copyright'
      | 'source'
      | 'focus'
      | 'is_private'
      | 'meta_data'
      | 'key'
    > {
  /** The S3 URL of the current file. */
  filename: string
  /** A file is stored under `key`. */
  uploaded: boolean
  /** finish_upload ran for `key`. */
  finished: boolean
}

/** An asset folder as the API answers it (folders.ts). */
export interface StateFolder {
  id: number
  name: string
  parent_id: number | null
  uuid: string
  parent_uuid: string | null
}

/** `GET /__emulator/state` (control.ts). */
export interface EmulatorState {
  spaceId: number
  assets: StateAsset[]
  assetFolders: StateFolder[]
  internalTags: TagRecord[]
  /** Requests per route since the last reset, preflights not counted. */
  requests: Record<RouteName, number>
  /** The last 1000 requests, preflights included. */
  requestLog: LogEntry[]
  faults: Fault[]
  rateLimit: number | null
  config: RuntimeConfig
}

/** The value, checked, or undefined when it is not one. */
export type Guard<T> = (value: unknown) => T | undefined

const isNumber = (value: unknown): value is number => typeof value === 'number'
const isNullableString = (value: unknown): value is string | null =>
  value === null || typeof value === 'string'

export const asFault: Guard<Fault> = (value) => {
  if (!isRecord(value) || !Number.isSafeInteger(value['id'])) return undefined
  const parsed = parseFault(value)
  return 'fault' in parsed ? { id: Number(value['id']), ...parsed.fault } : undefined
}

export const asConfig: Guard<RuntimeConfig> = (value) => {
  const parsed = parseConfigPatch(value)
  if ('errors' in parsed) return undefined
  const { rateLimit, policyTtlSeconds, signedUrlTtlSeconds, uploadLimitBytes, maxUploadBytes } =
    parsed.patch
  if (
    rateLimit === undefined ||
    policyTtlSeconds === undefined ||
    signedUrlTtlSeconds === undefined ||
    uploadLimitBytes === undefined ||
    maxUploadBytes === undefined
  )
    return undefined
  return { rateLimit, policyTtlSeconds, signedUrlTtlSeconds, uploadLimitBytes, maxUploadBytes }
}

const isLogRouteName = (value: unknown): value is LogRouteName =>
  isRouteName(value) || LOG_ONLY_NAMES.some((name) => name === value)

const asLogEntry: Guard<LogEntry> = (value) => {
  if (!isRecord(value)) return undefined
  const { route, method, status, at, authorization, tokenInUrl } = value
  return isLogRouteName(route) &&
    typeof method === 'string' &&
    (status === null || isNumber(status)) &&
    isNumber(at) &&
    typeof authorization === 'boolean' &&
    typeof tokenInUrl === 'boolean'
    ? { route, method, status, at, authorization, tokenInUrl }
    : undefined
}

const asStateAsset: Guard<StateAsset> = (value) => {
  if (!isRecord(value)) return undefined
  const { id, filename, short_filename, content_type, content_length, is_private, meta_data } =
    value
  const { alt, title, copyright, source, focus, key, uploaded, finished } = value
  return isNumber(id) &&
    typeof filename === 'string' &&
    typeof short_filename === 'string' &&
    isNullableString(content_type) &&
    (content_length === null || isNumber(content_length)) &&
    typeof is_private === 'boolean' &&
    isRecord(meta_data) &&
    isNullableString(alt) &&
    isNullableString(title) &&
    isNullableString(copyright) &&
    isNullableString(source) &&
    isNullableString(focus) &&
    typeof key === 'string' &&
    typeof uploaded === 'boolean' &&
    typeof finished === 'boolean'
    ? {
        ...value,
        id,
        filename,
        short_filename,
        content_type,
        content_length,
        is_private,
        meta_data,
        alt,
        title,
        copyright,
        source,
        focus,
        key,
        uploaded,
        finished,
      }
    : undefined
}

const asRequestCounts: Guard<Record<RouteName, number>> = (value) => {
  if (!isRecord(value)) return undefined
  const counts: Partial<Record<RouteName, number>> = {}
  for (const name of ROUTE_NAMES) {
    const count = value[name]
    if (!isNumber(count)) return undefined
    counts[name] = count
  }
  return isCounts(counts) ? counts : undefined
}

/** Whether every route has its count (what `asRequestCounts` filled in). */
const isCounts = (
  counts: Partial<Record<RouteName, number>>,
): counts is Record<RouteName, number> => ROUTE_NAMES.every((name) => isNumber(counts[name]))

export const asFolder: Guard<StateFolder> = (value) => {
  if (!isRecord(value)) return undefined
  const { id, name, parent_id, uuid, parent_uuid } = value
  return isNumber(id) &&
    typeof name === 'string' &&
    (parent_id === null || isNumber(parent_id)) &&
    typeof uuid === 'string' &&
    isNullableString(parent_uuid)
    ? { id, name, parent_id, uuid, parent_uuid }
    : undefined
}

export const asTag: Guard<TagRecord> = (value) => {
  if (!isRecord(value)) return undefined
  const { id, name, object_type } = value
  const type = TAG_OBJECT_TYPES.find((known) => known === object_type)
  return isNumber(id) && typeof name === 'string' && type
    ? { id, name, object_type: type }
    : undefined
}

export const asEmulatorState: Guard<EmulatorState> = (value) => {
  if (!isRecord(value)) return undefined
  const { spaceId, rateLimit } = value
  if (!isNumber(spaceId)) return undefined
  const assets = arrayOf(value['assets'], asStateAsset)
  const assetFolders = arrayOf(value['assetFolders'], asFolder)
  const internalTags = arrayOf(value['internalTags'], asTag)
  const requests = asRequestCounts(value['requests'])
  const requestLog = arrayOf(value['requestLog'], asLogEntry)
  const faults = arrayOf(value['faults'], asFault)
  const config = asConfig(value['config'])
  if (!assets || !assetFolders || !internalTags || !requests || !requestLog || !faults || !config)
    return undefined
  if (rateLimit !== null && !isNumber(rateLimit)) return undefined
  return {
    spaceId,
    assets,
    assetFolders,
    internalTags,
    requests,
    requestLog,
    faults,
    rateLimit,
    config,
  }
}
