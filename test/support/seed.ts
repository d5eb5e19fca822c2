// Puts real assets into a running local Storyblok through its public API (sign, S3 POST,
// finish_upload), the way a browser would, so that tests start from a known library.
import { makePng } from '../fixtures/png'

export interface SeedTarget {
  apiBaseUrl: string
  spaceId: number
  token: string
}

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new Error('expected a JSON object')
  return Object.fromEntries(Object.entries(value))
}

export interface SeedFile {
  filename?: string
  /** A PNG of this size unless `bytes` are given. */
  width?: number
  height?: number
  bytes?: Buffer
  type?: string
}

export async function seedAsset(
  target: SeedTarget,
  { filename = 'seed.png', width = 40, height = 30, ...file }: SeedFile = {},
): Promise<{ id: number; bytes: Buffer }> {
  const bytes = file.bytes ?? makePng(width, height)
  const type = file.type ?? 'image/png'
  const headers = { Authorization: target.token, 'Content-Type': 'application/json' }
  const signResponse = await fetch(`${target.apiBaseUrl}/spaces/${target.spaceId}/assets`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      filename,
      size: type.startsWith('image/') ? `${width}x${height}` : undefined,
      validate_upload: 1,
    }),
  })
  if (!signResponse.ok) throw new Error(`sign failed: ${signResponse.status}`)
  const signed = record(await signResponse.json())
  const fields = record(signed.fields)
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) form.append(key, String(value))
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename)
  const postResponse = await fetch(String(signed.post_url), { method: 'POST', body: form })
  if (postResponse.status !== 204) throw new Error(`S3 POST failed: ${postResponse.status}`)
  const id = Number(signed.id)
  const finish = await fetch(
    `${target.apiBaseUrl}/spaces/${target.spaceId}/assets/${id}/finish_upload`,
    {
      headers,
    },
  )
  if (!finish.ok) throw new Error(`finish_upload failed: ${finish.status}`)
  return { id, bytes }
}

/** Changes an asset behind the plugin's back, as another editor would. */
export async function updateAssetDirectly(
  target: SeedTarget,
  id: number,
  asset: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${target.apiBaseUrl}/spaces/${target.spaceId}/assets/${id}`, {
    method: 'PUT',
    headers: { Authorization: target.token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ asset }),
  })
  if (!response.ok) throw new Error(`update failed: ${response.status}`)
}

/**
 * An asset entry that a sign call created and nobody finished, as an upload cut off by a closed
 * iframe leaves behind: its id, and when the sign started (as the upload journal notes it).
 */
export async function seedUnfinished(
  target: SeedTarget,
  filename: string,
): Promise<{ id: number; startedAt: number }> {
  const startedAt = Date.now()
  const response = await fetch(`${target.apiBaseUrl}/spaces/${target.spaceId}/assets`, {
    method: 'POST',
    headers: { Authorization: target.token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ filename, validate_upload: 1 }),
  })
  if (!response.ok) throw new Error(`sign failed: ${response.status}`)
  return { id: Number(record(await response.json()).id), startedAt }
}
