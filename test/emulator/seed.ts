// Seeding the space's asset folders and internal tags through the control routes, for tests
// whose assets name a folder or tags (the emulator refuses unknown ids: README.md, reading 20).
import { expect } from 'vitest'
import type { Emulator } from '../../emulator/server'
import { record } from './helpers'

async function seed(
  emulator: Emulator,
  path: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${emulator.url}/__emulator/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(201)
  return record(await response.json())
}

/** Creates an asset folder; `id` picks its id (else the next one). Answers the folder. */
export function seedFolder(
  emulator: Emulator,
  folder: { name: string; parent_id?: number | null; id?: number },
): Promise<Record<string, unknown>> {
  return seed(emulator, 'asset_folders', folder)
}

/** Creates an internal tag (object type `asset` unless given). Answers the tag. */
export function seedTag(
  emulator: Emulator,
  tag: { name: string; object_type?: string; id?: number },
): Promise<Record<string, unknown>> {
  return seed(emulator, 'internal_tags', tag)
}
