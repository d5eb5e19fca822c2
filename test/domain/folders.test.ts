import { describe, expect, it } from 'vitest'
import {
  folderChoices,
  matchFolders,
  targetFolder,
  type AssetFolder,
  type FolderList,
} from '../../src/domain/folders'

const folder = (id: number, name: string, parentId: number | null = null): AssetFolder => ({
  id,
  name,
  parentId,
})
const list = (folders: AssetFolder[], rootAllowed = true): FolderList => ({ folders, rootAllowed })

describe('folderChoices', () => {
  it('puts each folder after its parent, siblings by name (numbers as numbers), with its path', () => {
    const choices = folderChoices(
      list([
        folder(4, 'Products'),
        folder(2, 'Blog'),
        folder(7, '2024', 2),
        folder(8, '10 events', 2),
        folder(9, '9 events', 2),
        folder(5, 'Summer', 7),
        folder(3, 'blog archive'),
      ]),
    )
    expect(choices.map(({ id, path, depth }) => [id, path, depth])).toEqual([
      [2, 'Blog', 0],
      [9, 'Blog / 9 events', 1],
      [8, 'Blog / 10 events', 1],
      [7, 'Blog / 2024', 1],
      [5, 'Blog / 2024 / Summer', 2],
      [3, 'blog archive', 0],
      [4, 'Products', 0],
    ])
  })

  it('ends a path at a parent it does not know, or at a loop of parents', () => {
    const choices = folderChoices(
      list([folder(7, '2024', 99), folder(1, 'A', 2), folder(2, 'B', 1)]),
    )
    expect(choices.map((choice) => choice.path)).toEqual(['2024', 'A / B', 'B / A'])
  })

  it('takes the path the upload gateway sends (its folders’ parents may not be listed)', () => {
    const choices = folderChoices(list([{ ...folder(7, '2024', 2), path: 'Blog / 2024' }]))
    expect(choices).toEqual([{ id: 7, path: 'Blog / 2024', depth: 1 }])
  })
})

describe('matchFolders', () => {
  const choices = folderChoices(
    list([folder(2, 'Blog'), folder(7, '2024', 2), folder(4, 'Products')]),
  )

  it('keeps the choices whose path holds the query, in any case', () => {
    expect(matchFolders(choices, 'BLOG').map((choice) => choice.path)).toEqual([
      'Blog',
      'Blog / 2024',
    ])
    expect(matchFolders(choices, ' 20 ').map((choice) => choice.id)).toEqual([7])
  })

  it('keeps all of them for an empty query, and none for a query nothing holds', () => {
    expect(matchFolders(choices, '')).toHaveLength(3)
    expect(matchFolders(choices, 'zzz')).toEqual([])
  })
})

describe('targetFolder', () => {
  const folders = list([folder(2, 'Blog'), folder(7, '2024', 2)])

  it('takes the editor’s choice, then the option, then the root', () => {
    expect(targetFolder(folders, 7, 2)).toBe(7)
    expect(targetFolder(folders, null, 2)).toBeNull()
    expect(targetFolder(folders, undefined, 2)).toBe(2)
    expect(targetFolder(folders, undefined, undefined)).toBeNull()
  })

  it('passes over a choice or an option the list does not offer', () => {
    expect(targetFolder(folders, 99, 2)).toBe(2)
    expect(targetFolder(folders, 99, 98)).toBeNull()
  })

  it('takes the first folder when the root is not allowed (an upload gateway’s list)', () => {
    const gateway = list([folder(7, '2024', 2)], false)
    expect(targetFolder(gateway, null, undefined)).toBe(7)
    expect(targetFolder(gateway, undefined, 2)).toBe(7)
  })

  it('without a list (not read, or it failed): the choice, else the option, else the root', () => {
    expect(targetFolder(null, 7, 2)).toBe(7)
    expect(targetFolder(null, null, 2)).toBeNull()
    expect(targetFolder(null, undefined, 2)).toBe(2)
    expect(targetFolder(null, undefined, undefined)).toBeNull()
  })
})
