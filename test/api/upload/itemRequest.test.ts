import { describe, expect, it } from 'vitest'
import { itemRequest } from '../../../src/api/upload/itemRequest'
import { emptyDraft } from '../../../src/domain/draft'
import { newItem, type ItemUpload } from '../../../src/domain/item'
import { fakeClient, storedAsset } from '../fakeClient'

const { client } = fakeClient()
const file = new File(['x'], 'a.png', { type: 'image/png' })
const upload = (extra: Partial<ItemUpload> = {}): ItemUpload => ({
  file,
  filename: 'a.png',
  size: null,
  replaces: false,
  ...extra,
})
const folderOf = (item: ReturnType<typeof newItem>, assetFolderId?: number) =>
  itemRequest(item, { client, language: 'default', assetFolderId, current: () => item })
    ?.assetFolderId

describe('itemRequest: the folder an upload goes to', () => {
  it('is the one its upload names, the root as no folder at all', () => {
    expect(folderOf(newItem(1, { draft: emptyDraft(), upload: upload({ folder: 12 }) }), 5)).toBe(
      12,
    )
    expect(
      folderOf(newItem(1, { draft: emptyDraft(), upload: upload({ folder: null }) }), 5),
    ).toBeUndefined()
  })

  it('is the assetFolderId option’s when the upload names none', () => {
    expect(folderOf(newItem(1, { draft: emptyDraft(), upload: upload() }), 5)).toBe(5)
  })

  it('is never sent for a replaced file: the asset stays in its folder', () => {
    const item = newItem(1, {
      draft: emptyDraft(),
      asset: storedAsset(9, { asset_folder_id: 3 }),
      upload: upload({ replaces: true, folder: 12 }),
    })
    expect(folderOf(item, 5)).toBeUndefined()
  })
})
