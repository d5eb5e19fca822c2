// The folders store with a client of the test's making: read once when needed, the target of
// new uploads, the choice kept per field across re-created iframes.
import { describe, expect, it, vi } from 'vitest'
import type { ManagementClient } from '../../src/api/types'
import type { FolderList } from '../../src/domain/folders'
import { useFoldersStore } from '../../src/stores/folders'
import { useSessionStore } from '../../src/stores/session'
import { fakeClient } from '../api/fakeClient'
import { createTestPinia, testEnvironment } from '../support/pinia'
import { loadedPlugin } from '../support/editorState'
import { memoryStorage } from '../support/storage'

const TREE: FolderList = {
  folders: [
    { id: 11, name: 'Blog', parentId: null },
    { id: 12, name: '2024', parentId: 11 },
    { id: 13, name: 'Products', parentId: null },
  ],
  rootAllowed: true,
}

/** The stores of a field `uid` with `options`, its client answering `list`. */
function setup({
  list = TREE,
  options = {},
  storage = memoryStorage(),
  uid = 'field-1',
}: {
  list?: FolderList
  options?: Record<string, string>
  storage?: ReturnType<typeof memoryStorage>
  uid?: string
} = {}) {
  const { client, calls } = fakeClient({ listFolders: async () => list })
  createTestPinia(testEnvironment({ storage, createClient: (): ManagementClient => client }))
  const session = useSessionStore()
  session.plugin = loadedPlugin({
    spaceId: 1,
    uid,
    options: { managementToken: 'token', apiBaseUrl: 'http://localhost:7070/v1', ...options },
  })
  return { folders: useFoldersStore(), calls, storage }
}

describe('folders store', () => {
  it('reads the folders only when something needs them, and once', async () => {
    const { folders, calls } = setup()
    expect(calls.folders).toBe(0)
    folders.ensure()
    folders.ensure()
    await vi.waitFor(() => expect(folders.choices).toHaveLength(3))
    folders.ensure()
    expect(calls.folders).toBe(1)
    expect(folders.choices.map((choice) => choice.path)).toEqual([
      'Blog',
      'Blog / 2024',
      'Products',
    ])
    expect(folders.pathOf(12)).toBe('Blog / 2024')
    expect(folders.pathOf(null)).toBeNull()
    expect(folders.pathOf(99)).toBeUndefined()
  })

  it('sends new uploads to the assetFolderId option’s folder until the editor chooses another', async () => {
    const { folders } = setup({ options: { assetFolderId: '13' } })
    expect(folders.target).toBe(13)
    folders.ensure()
    await vi.waitFor(() => expect(folders.list).not.toBeNull())
    expect(folders.target).toBe(13)
    folders.choose(null)
    expect(folders.target).toBeNull()
    folders.choose(12)
    expect(folders.target).toBe(12)
  })

  it('remembers the choice for the field instance: a re-created iframe starts with it', () => {
    const storage = memoryStorage()
    setup({ storage }).folders.choose(12)
    expect(setup({ storage }).folders.target).toBe(12)
    // Another field of the story has its own.
    expect(setup({ storage, uid: 'field-2' }).folders.target).toBeNull()
  })

  it('reads the kept choice only once a target is needed, not when the store starts', () => {
    const storage = memoryStorage()
    storage.setItem('sb-asset-uploader:2:field-1:folder', JSON.stringify({ folder: 12 }))
    const reads = vi.spyOn(storage, 'getItem')
    const { folders } = setup({ storage })
    expect(reads).not.toHaveBeenCalled()
    expect(folders.target).toBe(12)
    expect(folders.target).toBe(12)
    expect(reads).toHaveBeenCalledTimes(1)
    // A choice made in this iframe wins over the kept one, the root included.
    folders.choose(null)
    expect(folders.target).toBeNull()
    expect(JSON.parse(storage.getItem('sb-asset-uploader:2:field-1:folder') ?? '')).toEqual({
      folder: null,
    })
  })

  it('takes the kept choice of the field instance the editor switches to', () => {
    const storage = memoryStorage()
    setup({ storage, uid: 'field-2' }).folders.choose(13)
    const { folders } = setup({ storage })
    folders.choose(12)
    useSessionStore().plugin = loadedPlugin({
      spaceId: 1,
      uid: 'field-2',
      options: { managementToken: 'token', apiBaseUrl: 'http://localhost:7070/v1' },
    })
    expect(folders.target).toBe(13)
  })

  it('offers only what the upload gateway allows: without the root, the first folder', async () => {
    const { folders } = setup({
      list: {
        folders: [{ id: 12, name: '2024', parentId: 11, path: 'Blog / 2024' }],
        rootAllowed: false,
      },
      options: { assetFolderId: '13' },
    })
    folders.ensure()
    await vi.waitFor(() => expect(folders.list).not.toBeNull())
    expect(folders.rootAllowed).toBe(false)
    expect(folders.choices.map((choice) => choice.path)).toEqual(['Blog / 2024'])
    expect(folders.target).toBe(12)
  })

  it('keeps the error of a failed read, and reads again on request', async () => {
    let fail = true
    const { client } = fakeClient({
      listFolders: async () => {
        if (fail) throw new Error('offline')
        return TREE
      },
    })
    createTestPinia(testEnvironment({ createClient: () => client }))
    useSessionStore().plugin = loadedPlugin({
      spaceId: 1,
      options: { managementToken: 'token', apiBaseUrl: 'http://localhost:7070/v1' },
    })
    const folders = useFoldersStore()
    folders.ensure()
    await vi.waitFor(() => expect(folders.error).not.toBeNull())
    fail = false
    await folders.load()
    expect(folders.error).toBeNull()
    expect(folders.choices).toHaveLength(3)
  })
})
