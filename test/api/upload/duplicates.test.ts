// "Already in the library": one search in the target folder, then name, size, folder and privacy.
import { describe, expect, it } from 'vitest'
import {
  findInLibrary,
  libraryCandidates,
  sameFile,
  searchTermOf,
} from '../../../src/api/upload/duplicates'
import type { Asset } from '../../../src/domain/asset'
import { fakeClient, storedAsset } from '../fakeClient'

const stored = (id: number, name: string, overrides: Partial<Asset> = {}): Asset =>
  storedAsset(id, {
    filename: `https://s3.amazonaws.com/a.storyblok.com/f/1/abc${id}/${encodeURIComponent(name)}`,
    content_length: 1000,
    asset_folder_id: null,
    ...overrides,
  })
const query = { filename: 'hero.final.jpg', size: 1000, folder: null, isPrivate: false }

describe('searchTermOf', () => {
  it('searches for the stored name without its extension', () => {
    expect(searchTermOf('hero.final.jpg')).toBe('hero_final')
    expect(searchTermOf('README')).toBe('README')
  })
})

describe('sameFile', () => {
  it('finds the newest asset of the same stored name, size, folder and privacy', () => {
    const candidates = [stored(3, 'hero_final.jpg'), stored(2, 'hero_final.jpg')]
    expect(sameFile(candidates, query)?.id).toBe(3)
  })

  it.each([
    ['another size', { content_length: 999 }],
    ['an unfinished upload', { content_length: null }],
    ['another folder', { asset_folder_id: 5 }],
    ['another privacy', { is_private: true }],
  ])('passes over %s', (_what, overrides: Partial<Asset>) => {
    expect(sameFile([stored(3, 'hero_final.jpg', overrides)], query)).toBeNull()
  })

  it('passes over a name that only holds the search term (hero_final(3).jpg)', () => {
    expect(sameFile([stored(3, 'hero_final(3).jpg')], query)).toBeNull()
  })
})

describe('libraryCandidates', () => {
  it('asks for one folder’s assets, and keeps only those the answer says are in it', async () => {
    const { client, calls } = fakeClient({
      listAssets: async () => [stored(1, 'a.jpg', { asset_folder_id: 5 }), stored(2, 'a.jpg')],
    })
    const found = await libraryCandidates(client, { filename: 'a.jpg', folder: 5 })
    expect(found.map((asset) => asset.id)).toEqual([1])
    expect([calls.list, calls.listFolder]).toEqual([['a'], [5]])
  })

  it('asks the whole list for the root (no folder filter), and keeps the root’s assets', async () => {
    const { client, calls } = fakeClient({
      listAssets: async () => [stored(1, 'a.jpg', { asset_folder_id: 5 }), stored(2, 'a.jpg')],
    })
    const found = await libraryCandidates(client, { filename: 'a.jpg', folder: null })
    expect(found.map((asset) => asset.id)).toEqual([2])
    expect(calls.listFolder).toEqual([undefined])
  })
})

describe('findInLibrary', () => {
  it('makes exactly one request, and answers the same file', async () => {
    const { client, calls } = fakeClient({ listAssets: async () => [stored(4, 'hero_final.jpg')] })
    expect((await findInLibrary(client, query))?.id).toBe(4)
    expect(calls.list).toHaveLength(1)
  })

  it('answers null when the search fails: the upload goes ahead', async () => {
    const { client } = fakeClient({
      listAssets: async () => {
        throw new Error('offline')
      },
    })
    expect(await findInLibrary(client, query)).toBeNull()
  })
})
