import { describe, expect, it } from 'vitest'
import { useEmulator } from '../support/emulator'
import { assetsUrl, authHeaders, listNames, record, sign } from './helpers'

const local = useEmulator()

function foldersUrl(suffix = ''): string {
  return `${local.emulator.apiBaseUrl}/spaces/${local.emulator.spaceId}/asset_folders${suffix}`
}

function send(method: string, suffix: string, body?: unknown): Promise<Response> {
  return fetch(foldersUrl(suffix), {
    method,
    headers: authHeaders(local.emulator, { 'Content-Type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

async function createFolder(name: string, parentId?: number): Promise<Record<string, unknown>> {
  const response = await send('POST', '', { asset_folder: { name, parent_id: parentId } })
  expect(response.status).toBe(201)
  return record(record(await response.json())['asset_folder'])
}

async function listFolders(query = ''): Promise<Record<string, unknown>[]> {
  const response = await send('GET', query)
  expect(response.status).toBe(200)
  const folders = record(await response.json())['asset_folders']
  if (!Array.isArray(folders)) throw new Error('asset_folders is not an array')
  return folders.map(record)
}

async function getAsset(id: number): Promise<Record<string, unknown>> {
  const response = await fetch(assetsUrl(local.emulator, `/${id}`), {
    headers: authHeaders(local.emulator),
  })
  return record(await response.json())
}

describe('asset folders', () => {
  it('creates a folder with 201 and the OpenAPI shape, and lists it', async () => {
    const parent = await createFolder('Photos')
    expect(parent).toEqual({
      id: 1,
      name: 'Photos',
      parent_id: null,
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      parent_uuid: null,
    })
    const child = await createFolder('Cats', 1)
    expect(child).toMatchObject({ id: 2, parent_id: 1, parent_uuid: parent['uuid'] })
    expect(await listFolders()).toEqual([parent, child])
  })

  it('reads one folder wrapped in asset_folder, and answers 404 for an unknown one', async () => {
    const folder = await createFolder('Photos')
    const response = await send('GET', '/1')
    expect(await response.json()).toEqual({ asset_folder: folder })
    const missing = await send('GET', '/99')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual(['This record could not be found'])
  })

  it('filters by search, with_parent (0 = top level), by_ids and by_uuids', async () => {
    const photos = await createFolder('Photos')
    const cats = await createFolder('Cats', 1)
    const docs = await createFolder('Documents')
    expect(await listFolders('?search=PHO')).toEqual([photos])
    expect(await listFolders('?with_parent=1')).toEqual([cats])
    expect(await listFolders('?with_parent=0')).toEqual([photos, docs])
    expect(await listFolders('?by_ids=2,3')).toEqual([cats, docs])
    expect(await listFolders(`?by_uuids=${String(docs['uuid'])}`)).toEqual([docs])
  })

  it('answers 422 with Rails-style errors for a blank, duplicate or orphan folder', async () => {
    await createFolder('Photos')
    const cases: [unknown, unknown][] = [
      [{ name: '  ' }, { name: ["can't be blank"] }],
      [{ name: 'Photos' }, { name: ['has already been taken'] }],
      [{ name: 'Cats', parent_id: 42 }, { parent_id: ['does not exist'] }],
      [
        { name: 7, parent_id: '1' },
        { name: ['must be a string'], parent_id: ['must be an integer'] },
      ],
    ]
    for (const [input, errors] of cases) {
      const response = await send('POST', '', { asset_folder: input })
      expect(response.status).toBe(422)
      expect(await response.json()).toEqual(errors)
    }
    // The same name is fine under another parent.
    expect((await createFolder('Photos', 1))['id']).toBe(2)
    const unwrapped = await send('POST', '', { name: 'Loose' })
    expect(unwrapped.status).toBe(400)
  })

  it('renames and moves a folder with 204, refusing to move it under itself', async () => {
    await createFolder('Photos')
    await createFolder('Cats', 1)
    const renamed = await send('PUT', '/1', { asset_folder: { name: 'Pictures' } })
    expect(renamed.status).toBe(204)
    const cycle = await send('PUT', '/1', { asset_folder: { parent_id: 2 } })
    expect(cycle.status).toBe(422)
    expect(await cycle.json()).toEqual({ parent_id: ['is invalid'] })
    const moved = await send('PATCH', '/2', { asset_folder: { parent_id: null } })
    expect(moved.status).toBe(204)
    expect((await listFolders()).map((folder) => [folder['name'], folder['parent_id']])).toEqual([
      ['Pictures', null],
      ['Cats', null],
    ])
  })

  it('deletes a folder with 204; its assets and subfolders move up to its parent', async () => {
    await createFolder('Photos')
    await createFolder('Cats', 1)
    await createFolder('Kittens', 2)
    const signed = await sign(local.emulator, { filename: 'cat.png', asset_folder_id: 2 })
    expect((await send('DELETE', '/2')).status).toBe(204)
    expect((await listFolders()).map((folder) => [folder['id'], folder['parent_id']])).toEqual([
      [1, null],
      [3, 1],
    ])
    expect(await getAsset(signed.id)).toMatchObject({ asset_folder_id: 1 })
    expect((await send('DELETE', '/2')).status).toBe(404)
  })

  it('deletes a whole subtree with recursive=true, keeping the assets', async () => {
    await createFolder('Photos')
    await createFolder('Cats', 1)
    const signed = await sign(local.emulator, { filename: 'cat.png', asset_folder_id: 2 })
    expect((await send('DELETE', '/1?recursive=true')).status).toBe(204)
    expect(await listFolders()).toEqual([])
    expect(await getAsset(signed.id)).toMatchObject({ asset_folder_id: null })
  })

  it('lists the assets of a folder with in_folder', async () => {
    await createFolder('Photos')
    await sign(local.emulator, { filename: 'in.png', asset_folder_id: 1 })
    await sign(local.emulator, { filename: 'out.png' })
    const response = await fetch(assetsUrl(local.emulator, '?in_folder=1'), {
      headers: authHeaders(local.emulator),
    })
    expect(listNames(await response.json())).toEqual(['in.png'])
  })
})

describe('an unknown asset_folder_id', () => {
  it('is a 422 at sign time, and nothing is created', async () => {
    const response = await fetch(assetsUrl(local.emulator, '?filename=a.png&asset_folder_id=9'), {
      method: 'POST',
      headers: authHeaders(local.emulator),
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({ asset_folder_id: ['does not exist'] })
    expect((await local.control.state())['assets']).toEqual([])
  })

  it('is a 422 in an update, and the asset keeps its folder', async () => {
    await createFolder('Photos')
    const signed = await sign(local.emulator, { filename: 'a.png', asset_folder_id: 1 })
    const response = await fetch(assetsUrl(local.emulator, `/${signed.id}`), {
      method: 'PUT',
      headers: authHeaders(local.emulator, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ asset: { asset_folder_id: 9 } }),
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({ asset_folder_id: ['does not exist'] })
    expect(await getAsset(signed.id)).toMatchObject({ asset_folder_id: 1 })
  })
})

describe('folders route: auth, counters, faults, seeding', () => {
  it('answers 401 without the token, counts under `folders`, and can be faulted', async () => {
    const anonymous = await fetch(foldersUrl())
    expect(anonymous.status).toBe(401)
    await local.control.addFault({ route: 'folders', status: 503, body: { error: 'down' } })
    expect((await send('GET', '')).status).toBe(503)
    expect((await send('GET', '')).status).toBe(200)
    expect((await local.control.state()).requests['folders']).toBe(3)
  })

  it('seeds folders with chosen ids through /__emulator/asset_folders, shown in the state', async () => {
    const seeded = await local.control.seedFolder({ id: 40, name: 'Brand' })
    expect(seeded).toMatchObject({ id: 40, name: 'Brand', parent_id: null })
    expect(await local.control.seedFolder({ name: 'Logos', parent_id: 40 })).toMatchObject({
      id: 41,
      parent_uuid: seeded['uuid'],
    })
    const duplicate = await fetch(`${local.emulator.url}/__emulator/asset_folders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 40, name: 'Other' }),
    })
    expect(duplicate.status).toBe(400)
    expect(await duplicate.json()).toEqual({ error: 'id has already been taken' })
    const state = await local.control.state()
    expect(state['assetFolders']).toEqual([seeded, expect.objectContaining({ id: 41 })])
    await local.emulator.reset()
    expect((await local.control.state())['assetFolders']).toEqual([])
  })
})
