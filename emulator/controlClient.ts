// The one client of `/__emulator/*` (control.ts) for tests and scripts: faults, runtime config,
// reset, and the state with its request log. Every answer is checked (controlState.ts).
import type { ConfigPatch, RuntimeConfig } from './config.ts'
import {
  asConfig,
  asEmulatorState,
  asFault,
  asFolder,
  asTag,
  type EmulatorState,
  type Guard,
  type StateAsset,
  type StateFolder,
} from './controlState.ts'
import { arrayOf } from './stateFile.ts'
import type { Fault } from './faultSpec.ts'
import type { TagObjectType, TagRecord } from './stateFile.ts'
import { MANAGEMENT_API_ROUTES, type LogEntry } from './stats.ts'

export type { EmulatorState, StateAsset, StateFolder }

/** A fault as `POST /__emulator/faults` takes it (see faults.ts); `times` defaults to 1. */
export type FaultSpec = Omit<Fault, 'id' | 'times'> & { times?: number }

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
  /** Creates an asset folder (`id` picks its id, else the next one); resolves with it as the API shows it. */
  seedFolder(folder: { name: string; parent_id?: number | null; id?: number }): Promise<StateFolder>
  /** Creates an internal tag (object type `asset` unless given). */
  seedTag(tag: { name: string; object_type?: TagObjectType; id?: number }): Promise<TagRecord>
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

  const state = (): Promise<EmulatorState> => read(asEmulatorState, 'GET', 'state')

  async function requestLog(since = 0): Promise<LogEntry[]> {
    return (await state()).requestLog.filter(
      (entry) => entry.at >= since && entry.method !== 'OPTIONS',
    )
  }

  return {
    addFault: (spec) => read(asFault, 'POST', 'faults', spec),
    faults: () => read((value) => arrayOf(value, asFault), 'GET', 'faults'),
    clearFaults: async () => void (await call('DELETE', 'faults')),
    setConfig: (patch) => read(asConfig, 'POST', 'config', patch),
    reset: async () => void (await call('POST', 'reset')),
    state,
    assets: async () => (await state()).assets,
    requestLog,
    managementApiLog: async (since) =>
      (await requestLog(since)).filter((entry) => MANAGEMENT_API_ROUTES.includes(entry.route)),
    seedFolder: (folder) => read(asFolder, 'POST', 'asset_folders', folder),
    seedTag: (tag) => read(asTag, 'POST', 'internal_tags', tag),
  }
}
