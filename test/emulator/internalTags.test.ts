import { describe, expect, it } from 'vitest'
import { useEmulator } from '../support/emulator'
import { assetsUrl, authHeaders, record, sign } from './helpers'

const local = useEmulator()

function tagsUrl(suffix = ''): string {
  return `${local.emulator.apiBaseUrl}/spaces/${local.emulator.spaceId}/internal_tags${suffix}`
}

function send(method: string, suffix: string, body?: unknown): Promise<Response> {
  return fetch(tagsUrl(suffix), {
    method,
    headers: authHeaders(local.emulator, { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

async function createTag(name: string, objectType?: string): Promise<Record<string, unknown>> {
  const response = await send('POST', '', { internal_tag: { name, object_type: objectType } })
  expect(response.status).toBe(200)
  return record(record(await response.json())['internal_tag'])
}

async function listTags(query = ''): Promise<unknown> {
  const response = await send('GET', query)
  expect(response.status).toBe(200)
  return record(await response.json())['internal_tags']
}

async function getAsset(id: number): Promise<Record<string, unknown>> {
  const response = await fetch(assetsUrl(local.emulator, `/${id}`), {
    headers: authHeaders(local.emulator),
  })
  return record(await response.json())
}

function updateAsset(id: number, asset: Record<string, unknown>): Promise<Response> {
  return fetch(assetsUrl(local.emulator, `/${id}`), {
    method: 'PUT',
    headers: authHeaders(local.emulator, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ asset }),
  })
}

describe('internal tags', () => {
  it('creates tags (object type `asset` by default) and lists them', async () => {
    expect(await createTag('hero')).toEqual({ id: 1, name: 'hero', object_type: 'asset' })
    await createTag('layout', 'component')
    expect(await listTags()).toEqual([
      { id: 1, name: 'hero', object_type: 'asset' },
      { id: 2, name: 'layout', object_type: 'component' },
    ])
    expect(await listTags('?by_object_type=asset&search=HER')).toEqual([
      { id: 1, name: 'hero', object_type: 'asset' },
    ])
    expect(await listTags('?by_ids=2')).toEqual([expect.objectContaining({ id: 2 })])
  })

  it('answers 422 for a blank, duplicate or wrongly typed tag', async () => {
    await createTag('hero')
    const cases: [unknown, unknown][] = [
      [{ name: '' }, { name: ["can't be blank"] }],
      [{ name: 'hero' }, { name: ['has already been taken'] }],
      [{ name: 'x', object_type: 'story' }, { object_type: ['is not included in the list'] }],
    ]
    for (const [input, errors] of cases) {
      const response = await send('POST', '', { internal_tag: input })
      expect(response.status).toBe(422)
      expect(await response.json()).toEqual(errors)
    }
    // Another object type may use the same name.
    expect((await createTag('hero', 'idea'))['id']).toBe(2)
  })

  it('names an asset’s tags in internal_tags_list next to internal_tag_ids', async () => {
    await createTag('hero')
    await createTag('print')
    const signed = await sign(local.emulator, { filename: 'a.png', internal_tag_ids: [2, 1] })
    expect(await getAsset(signed.id)).toMatchObject({
      internal_tag_ids: ['2', '1'],
      internal_tags_list: [
        { id: 2, name: 'print' },
        { id: 1, name: 'hero' },
      ],
    })
    expect(await listTags('?with_assets_count=true')).toEqual([
      expect.objectContaining({ id: 1, assets_count: 1 }),
      expect.objectContaining({ id: 2, assets_count: 1 }),
    ])
  })

  it('refuses unknown tags and tags of another object type on an asset (422, nothing changed)', async () => {
    await createTag('hero')
    await createTag('layout', 'component')
    const signed = await sign(local.emulator, { filename: 'a.png', internal_tag_ids: [1] })
    const response = await updateAsset(signed.id, { internal_tag_ids: [1, 2, 99] })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      internal_tag_ids: ['include unknown asset tags: 2, 99'],
    })
    expect(await getAsset(signed.id)).toMatchObject({ internal_tag_ids: ['1'] })
    const unsigned = await fetch(
      assetsUrl(local.emulator, '?filename=b.png&internal_tag_ids[]=5'),
      {
        method: 'POST',
        headers: authHeaders(local.emulator),
      },
    )
    expect(unsigned.status).toBe(422)
  })

  it('renames a tag (200 with the tag) and deletes one (204), taking it off its assets', async () => {
    await createTag('hero')
    const signed = await sign(local.emulator, { filename: 'a.png', internal_tag_ids: [1] })
    const renamed = await send('PUT', '/1', { internal_tag: { name: 'banner' } })
    expect(renamed.status).toBe(200)
    expect(await renamed.json()).toEqual({
      internal_tag: { id: 1, name: 'banner', object_type: 'asset' },
    })
    expect((await send('DELETE', '/1')).status).toBe(204)
    expect(await getAsset(signed.id)).toMatchObject({
      internal_tag_ids: [],
      internal_tags_list: [],
    })
    expect((await send('DELETE', '/1')).status).toBe(404)
  })
})

describe('tags route: auth, counters, faults, seeding', () => {
  it('answers 401 without the token, counts under `tags`, and can be faulted', async () => {
    expect((await fetch(tagsUrl())).status).toBe(401)
    await createTag('hero')
    // The next request of the route, whatever its method, answers for real with the patch.
    await local.control.addFault({ route: 'tags', patch: { internal_tags: [] } })
    expect(await listTags()).toEqual([])
    expect(await listTags()).toHaveLength(1)
    expect((await local.control.state()).requests['tags']).toBe(4)
  })

  it('seeds tags with chosen ids through /__emulator/internal_tags, shown in the state', async () => {
    expect(await local.control.seedTag({ id: 12, name: 'legal' })).toEqual({
      id: 12,
      name: 'legal',
      object_type: 'asset',
    })
    expect(await local.control.seedTag({ name: 'draft', object_type: 'idea' })).toMatchObject({
      id: 13,
    })
    expect((await local.control.state())['internalTags']).toEqual([
      { id: 12, name: 'legal', object_type: 'asset' },
      { id: 13, name: 'draft', object_type: 'idea' },
    ])
  })
})
