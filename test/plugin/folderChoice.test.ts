import { describe, expect, it } from 'vitest'
import { loadFolderChoice, saveFolderChoice } from '../../src/plugin/folderChoice'
import { tabKey } from '../../src/plugin/tabStorage'
import { memoryStorage } from '../support/storage'

describe('the folder chosen for a field', () => {
  it('is kept per field instance: a folder, or the root', () => {
    const storage = memoryStorage()
    saveFolderChoice('field-a', 12, storage)
    saveFolderChoice('field-b', null, storage)
    expect(loadFolderChoice('field-a', storage)).toBe(12)
    expect(loadFolderChoice('field-b', storage)).toBeNull()
    expect(loadFolderChoice('field-c', storage)).toBeUndefined()
  })

  it('reads anything else as no choice', () => {
    const storage = memoryStorage()
    for (const value of ['{"folder":"../x"}', '{"folder":-3}', '"12"', 'not json']) {
      storage.setItem(tabKey('field', 'folder'), value)
      expect(loadFolderChoice('field', storage)).toBeUndefined()
    }
  })

  it('survives a storage that is full or missing', () => {
    expect(() => saveFolderChoice('field', 12, memoryStorage({ failing: true }))).not.toThrow()
    expect(loadFolderChoice('field', null)).toBeUndefined()
  })
})
