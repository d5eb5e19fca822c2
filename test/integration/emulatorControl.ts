// Test helpers for the emulator's `/__emulator` controls (faults, config, state).
import type { Emulator } from '../../emulator/server'

export type RouteName = 'sign' | 's3' | 'finish' | 'get' | 'update' | 'delete' | 'list'

export interface FaultSpec {
  route: RouteName
  status?: number
  body?: unknown
  headers?: Record<string, string>
  times?: number
  delayMs?: number
  drop?: 'before-response' | 'mid-transfer'
}

export interface EmulatorAsset {
  id: number
  short_filename: string
  content_length: number | null
  uploaded: boolean
  finished: boolean
}

export interface EmulatorState {
  assets: EmulatorAsset[]
  requests: Record<string, number>
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

async function control(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${emulator.url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok)
    throw new Error(`${method} /__emulator/${path}: ${response.status} ${await response.text()}`)
  const text = await response.text()
  return text === '' ? null : JSON.parse(text)
}

export async function addFault(emulator: Emulator, fault: FaultSpec): Promise<void> {
  await control(emulator, 'POST', 'faults', fault)
}

export async function setConfig(emulator: Emulator, patch: Record<string, unknown>): Promise<void> {
  await control(emulator, 'POST', 'config', patch)
}

export async function readState(emulator: Emulator): Promise<EmulatorState> {
  const raw = await control(emulator, 'GET', 'state')
  if (!isRecord(raw) || !Array.isArray(raw.assets) || !isRecord(raw.requests))
    throw new Error('unexpected state')
  const assets = raw.assets.map((asset: unknown): EmulatorAsset => {
    if (!isRecord(asset)) throw new Error('unexpected asset')
    return {
      id: Number(asset.id),
      short_filename: String(asset.short_filename),
      content_length: typeof asset.content_length === 'number' ? asset.content_length : null,
      uploaded: asset.uploaded === true,
      finished: asset.finished === true,
    }
  })
  const requests: Record<string, number> = {}
  for (const [name, count] of Object.entries(raw.requests)) requests[name] = Number(count)
  return { assets, requests }
}
