// The one client of `/__emulator/*` (control.ts) for tests and scripts: faults, runtime config,
// reset, and the state with its request log. Every answer is checked against the emulator's own
// types (faults.ts, config.ts, stats.ts), with the emulator's own validators where they exist.
import { parseConfigPatch, type ConfigPatch, type RuntimeConfig } from './config.ts'
import { parseFault, type Fault } from './faults.ts'
import { isRecord } from './http.ts'
import { isRouteName, type RouteName } from './router.ts'
import { MANAGEMENT_API_ROUTES, type LogEntry } from './stats.ts'
import type { AssetRecord } from './store.ts'

/** A fault as `POST /__emulator/faults` takes it (see faults.ts); `times` defaults to 1. */
export type FaultSpec = Omit<Fault, 'id' | 'times'> & { times?: number }

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

/** `GET /__emulator/state` (control.ts). */
export interface EmulatorState {
  spaceId: number
  assets: StateAsset[]
  /** Requests per route since the last reset, preflights not counted. */
  requests: Record<RouteName, number>
  /** The last 1000 requests, preflights included. */
  requestLog: LogEntry[]
  faults: Fault[]
  rateLimit: number | null
  config: RuntimeConfig
}

export interface EmulatorControl {
  /** Adds a fault; resolves with it as the emulator stored it (with its `id`). */
  addFault(spec: FaultSpec): Promise<Fault>
  faults(): Promise<Fault[]>
  clearFaults(): Promise<void>
  /** Changes the runtime config; resolves with the whole new config. */
  setConfig(patch: ConfigPatch): Promise<RuntimeConfig>
  /** Empties assets, files, counters, log and faults; restores the start-up config. */
  reset(): Promise<void>
  state(): Promise<EmulatorState>
  assets(): Promise<StateAsset[]>
  /** The request log from `since` (ms since the epoch) on, preflights left out. */
  requestLog(since?: number): Promise<LogEntry[]>
  /** The same, only the Management API's routes (what its rate limit counts). */
  managementApiLog(since?: number): Promise<LogEntry[]>
}

export interface EmulatorControlOptions {
  /** @default globalThis.fetch */
  fetch?: typeof fetch
}

/** A refused request (`status`), or an answer that is not what control.ts sends (`status` 0). */
export class EmulatorControlError extends Error {
  override readonly name = 'EmulatorControlError'

  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} /__emulator/${path}: ${status === 0 ? 'unexpected answer' : status} ${body}`)
  }
}

export function isEmulatorControlError(error: unknown): error is EmulatorControlError {
  return error instanceof Error && error.name === 'EmulatorControlError'
}

// ---- Guards ----------------------------------------------------------------------------------

type Guard<T> = (value: unknown) => T | undefined

const isNumber = (value: unknown): value is number => typeof value === 'number'
const isNullableString = (value: unknown): value is string | null =>
  value === null || typeof value === 'string'

const fault: Guard<Fault> = (value) => {
  if (!isRecord(value) || !Number.isSafeInteger(value['id'])) return undefined
  const parsed = parseFault(value)
  return 'fault' in parsed ? { id: Number(value['id']), ...parsed.fault } : undefined
}

const config: Guard<RuntimeConfig> = (value) => {
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

const logEntry: Guard<LogEntry> = (value) => {
  if (!isRecord(value)) return undefined
  const { route, method, status, at } = value
  return isRouteName(route) &&
    typeof method === 'string' &&
    (status === null || isNumber(status)) &&
    isNumber(at)
    ? { route, method, status, at }
    : undefined
}

const stateAsset: Guard<StateAsset> = (value) => {
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

const requestCounts: Guard<Record<RouteName, number>> = (value) => {
  if (!isRecord(value)) return undefined
  const { sign, s3, finish, get, update, delete: remove, list, cdn, delivery } = value
  return isNumber(sign) &&
    isNumber(s3) &&
    isNumber(finish) &&
    isNumber(get) &&
    isNumber(update) &&
    isNumber(remove) &&
    isNumber(list) &&
    isNumber(cdn) &&
    isNumber(delivery)
    ? { sign, s3, finish, get, update, delete: remove, list, cdn, delivery }
    : undefined
}

/** Every item of `value` through `guard`; undefined when it is no array or an item fails. */
function arrayOf<T>(value: unknown, guard: Guard<T>): T[] | undefined {
  if (!Array.isArray(value)) return undefined
  const items: T[] = []
  for (const item of value) {
    const checked = guard(item)
    if (checked === undefined) return undefined
    items.push(checked)
  }
  return items
}

const emulatorState: Guard<EmulatorState> = (value) => {
  if (!isRecord(value) || !isNumber(value['spaceId'])) return undefined
  const rateLimit = value['rateLimit']
  const parts = {
    assets: arrayOf(value['assets'], stateAsset),
    requests: requestCounts(value['requests']),
    requestLog: arrayOf(value['requestLog'], logEntry),
    faults: arrayOf(value['faults'], fault),
    config: config(value['config']),
  }
  const { assets, requests, requestLog, faults, config: runtime } = parts
  if (!assets || !requests || !requestLog || !faults || !runtime) return undefined
  if (rateLimit !== null && !isNumber(rateLimit)) return undefined
  return {
    spaceId: value['spaceId'],
    assets,
    requests,
    requestLog,
    faults,
    rateLimit,
    config: runtime,
  }
}

// ---- The client ------------------------------------------------------------------------------

export function createEmulatorControl(
  baseUrl: string,
  options: EmulatorControlOptions = {},
): EmulatorControl {
  const { fetch: fetchImpl = globalThis.fetch } = options
  const root = `${baseUrl.replace(/\/+$/, '')}/__emulator`

  /** The answer's JSON (undefined for an empty body); throws for a refused request. */
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetchImpl(`${root}/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    })
    const text = await response.text()
    if (!response.ok) throw new EmulatorControlError(method, path, response.status, text)
    return text === '' ? undefined : JSON.parse(text)
  }

  /** `call`, with its answer checked by `guard`. */
  async function read<T>(guard: Guard<T>, method: string, path: string, body?: unknown) {
    const answer = await call(method, path, body)
    const checked = guard(answer)
    if (checked === undefined)
      throw new EmulatorControlError(method, path, 0, JSON.stringify(answer) ?? '')
    return checked
  }

  const state = (): Promise<EmulatorState> => read(emulatorState, 'GET', 'state')

  async function requestLog(since = 0): Promise<LogEntry[]> {
    return (await state()).requestLog.filter(
      (entry) => entry.at >= since && entry.method !== 'OPTIONS',
    )
  }

  return {
    addFault: (spec) => read(fault, 'POST', 'faults', spec),
    faults: () => read((value) => arrayOf(value, fault), 'GET', 'faults'),
    clearFaults: async () => void (await call('DELETE', 'faults')),
    setConfig: (patch) => read(config, 'POST', 'config', patch),
    reset: async () => void (await call('POST', 'reset')),
    state,
    assets: async () => (await state()).assets,
    requestLog,
    managementApiLog: async (since) =>
      (await requestLog(since)).filter((entry) => MANAGEMENT_API_ROUTES.includes(entry.route)),
  }
}
