import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readStateFile } from '../../emulator/stateFile'
import { authHeaders, record } from './helpers'
import { startTestEmulator } from '../support/emulator'

const ASSET = {
  id: 100000004,
  space_id: 288868932106293,
  key: 'f/288868932106293/abc/cat.png',
  keys: ['f/288868932106293/abc/cat.png'],
  finishedKey: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  short_filename: 'cat.png',
  content_type: null,
  content_length: null,
  asset_folder_id: 7,
  alt: null,
  title: null,
  copyright: null,
  source: null,
  focus: null,
  is_private: false,
  locked: false,
  expire_at: null,
  publish_at: null,
  internal_tag_ids: ['3'],
  meta_data: {},
}

describe('readStateFile', () => {
  it('migrates version 1: the folder and tag ids in use become named folders and tags', () => {
    const state = readStateFile({ version: 1, nextId: 100000005, assets: [ASSET], objects: [] })
    expect(state).toMatchObject({
      version: 2,
      nextId: 100000005,
      nextFolderId: 8,
      nextTagId: 4,
      assetFolders: [{ id: 7, name: 'Folder 7', parent_id: null, uuid: expect.any(String) }],
      internalTags: [{ id: 3, name: 'Tag 3', object_type: 'asset' }],
    })
  })

  it('reads a hand-written version 2 file that holds only folders and tags', () => {
    const state = readStateFile({
      version: 2,
      assetFolders: [{ id: 3, name: 'Brand' }],
      internalTags: [{ id: 9, name: 'legal' }],
    })
    expect(state).toMatchObject({
      nextId: 100000001,
      nextFolderId: 4,
      nextTagId: 10,
      assets: [],
      objects: [],
      assetFolders: [{ id: 3, name: 'Brand', parent_id: null }],
      internalTags: [{ id: 9, name: 'legal', object_type: 'asset' }],
    })
  })

  it('refuses what it does not understand', () => {
    for (const value of [
      { version: 3 },
      { version: 1, nextId: 1, assets: [] },
      { version: 2, assetFolders: [{ id: 'x', name: 'Brand' }] },
      { version: 2, internalTags: [{ id: 1, name: 'x', object_type: 'story' }] },
      { version: 2, nextFolderId: 'soon' },
    ])
      expect(readStateFile(value)).toBeUndefined()
  })
})

describe('seeding from the state file', () => {
  let dataDir: string

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'emulator-state-test-'))
  })
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('serves the folders and tags of a hand-written file, and saves them as version 2', async () => {
    const file = join(dataDir, 'assets.json')
    await writeFile(
      file,
      JSON.stringify({ version: 2, assetFolders: [{ id: 5, name: 'Brand', uuid: 'brand-uuid' }] }),
    )
    const emulator = await startTestEmulator({ dataDir })
    const url = `${emulator.apiBaseUrl}/spaces/${emulator.spaceId}/asset_folders`
    const response = await fetch(url, { headers: authHeaders(emulator) })
    expect(await response.json()).toEqual({
      asset_folders: [
        { id: 5, name: 'Brand', parent_id: null, uuid: 'brand-uuid', parent_uuid: null },
      ],
    })
    await emulator.close()
    expect(record(JSON.parse(await readFile(file, 'utf8')))).toMatchObject({
      version: 2,
      nextFolderId: 6,
      assetFolders: [{ id: 5, name: 'Brand', parent_id: null, uuid: 'brand-uuid' }],
      internalTags: [],
    })
  })
})
