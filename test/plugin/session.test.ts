import { describe, expect, it } from 'vitest'
import type { Asset } from '../../src/domain/asset'
import { emptyDraft, type AssetDraft } from '../../src/domain/draft'
import { emptyHistory, recordStep } from '../../src/domain/history'
import {
  createUploadJournal,
  fitsSnapshot,
  loadOpenItem,
  loadSnapshot,
  readJournal,
  saveOpenItem,
  saveQueuedNames,
  saveSnapshot,
  snapshotKey,
  snapshotOf,
  takeQueuedNames,
  type FormSnapshot,
  type StorageLike,
} from '../../src/plugin/session'

/** A sessionStorage stand-in that can also fail like a full or disabled one. */
function memoryStorage({ failing = false } = {}): StorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (failing) throw new DOMException('full', 'QuotaExceededError')
      items.set(key, value)
    },
    removeItem: (key) => void items.delete(key),
  }
}

const asset: Asset = {
  id: 7,
  filename: 'https://a.storyblok.com/f/1/x.png',
  alt: 'a',
  title: null,
  copyright: null,
  focus: null,
  is_private: false,
  meta_data: {},
}
const draft = { ...emptyDraft(), alt: 'typed' }
const snapshot: FormSnapshot = {
  assetId: 7,
  language: 'default',
  draft,
  undo: [emptyDraft()],
  redo: [],
  asset,
}

describe('form snapshots', () => {
  it('keeps a snapshot per field and asset, and reads it back', () => {
    const storage = memoryStorage()
    saveSnapshot('field-a', snapshot, storage)
    expect(loadSnapshot('field-a', 7, storage)).toEqual(snapshot)
    expect.soft(loadSnapshot('field-b', 7, storage)).toEqual(null)
    expect.soft(loadSnapshot('field-a', 8, storage)).toEqual(null)
  })

  it('reads nothing from a stored value of another shape, and keeps no foreign asset', () => {
    const storage = memoryStorage()
    storage.setItem(snapshotKey('f', 7), JSON.stringify({ ...snapshot, undo: [{ alt: 1 }] }))
    expect(loadSnapshot('f', 7, storage)).toBeNull()
    storage.setItem(
      snapshotKey('f', 7),
      JSON.stringify({ ...snapshot, asset: { ...asset, id: 8 } }),
    )
    expect(loadSnapshot('f', 7, storage)?.asset).toBeNull()
    storage.setItem(snapshotKey('f', 7), '{not json')
    expect(loadSnapshot('f', 7, storage)).toBeNull()
  })

  it('loses nothing but the snapshot when storage is full or missing', () => {
    expect(() => saveSnapshot('f', snapshot, memoryStorage({ failing: true }))).not.toThrow()
    expect(() => saveSnapshot('f', snapshot, null)).not.toThrow()
    expect(loadSnapshot('f', 7, null)).toBeNull()
  })

  it('makes a snapshot only of a form that shows an asset', () => {
    const history = recordStep(emptyHistory<AssetDraft>(), emptyDraft())
    expect(snapshotOf({ asset, stored: null, language: 'de', draft, history })).toEqual({
      ...snapshot,
      language: 'de',
    })
    expect(snapshotOf({ asset: null, stored: null, language: 'de', draft, history })).toBeNull()
  })

  it('applies a snapshot only to the same asset, language and draft', () => {
    const screen = { assetId: 7, language: 'default', draft }
    expect(fitsSnapshot(snapshot, screen)).toBe(true)
    expect(fitsSnapshot(snapshot, { ...screen, assetId: 8 })).toBe(false)
    expect(fitsSnapshot(snapshot, { ...screen, language: 'de' })).toBe(false)
    expect(
      fitsSnapshot(snapshot, { ...screen, draft: { ...draft, alt: 'changed elsewhere' } }),
    ).toBe(false)
  })
})

describe('the upload journal', () => {
  it('notes created entries until they are forgotten, per field', () => {
    const storage = memoryStorage()
    const journal = createUploadJournal('field-a', storage)
    journal.track(101)
    journal.track(102)
    journal.forget(101)
    expect(readJournal('field-a', storage)).toEqual({ assets: [102], signs: [] })
    expect(readJournal('field-b', storage)).toEqual({ assets: [], signs: [] })
  })

  it('notes a sign until it answered or was swept for, and leaves no key behind', () => {
    const storage = memoryStorage()
    const journal = createUploadJournal('f', storage)
    const settled = journal.signing({ filename: 'a.png', startedAt: 1 })
    expect(readJournal('f', storage).signs).toEqual([{ filename: 'a.png', startedAt: 1 }])
    settled()
    expect(storage.items.size).toBe(0)
  })

  it('reads only asset ids from a tampered journal, never a path', () => {
    const storage = memoryStorage()
    storage.setItem(
      'sb-asset-uploader:1:uploads:f',
      JSON.stringify({ assets: [5, '../../__emulator/state', -1, '7'], signs: [{ filename: 1 }] }),
    )
    expect(readJournal('f', storage)).toEqual({ assets: [5, 7], signs: [] })
  })
})

describe('the item described in a list', () => {
  it('is kept per field and read back, until the list is shown again', () => {
    const storage = memoryStorage()
    saveOpenItem('field-a', { index: 2, assetId: 7 }, storage)
    expect.soft(loadOpenItem('field-a', storage)).toEqual({ index: 2, assetId: 7 })
    expect.soft(loadOpenItem('field-b', storage)).toEqual(null)
    saveOpenItem('field-a', null, storage)
    expect.soft(loadOpenItem('field-a', storage)).toEqual(null)
    expect.soft(storage.items.size).toEqual(0)
  })

  it.each([
    ['a fractional index', { index: 1.5, assetId: 7 }],
    ['an index as text', { index: '1', assetId: 7 }],
    ['no asset id', { index: 1 }],
    ['an asset id that is a path', { index: 1, assetId: '../7' }],
    ['not an object', [1, 7]],
  ])('reads nothing from a stored value with %s', (_label, value) => {
    const storage = memoryStorage()
    storage.setItem('sb-asset-uploader:1:f:open', JSON.stringify(value))
    expect(loadOpenItem('f', storage)).toBeNull()
  })

  it('loses nothing but the note when storage is full or missing', () => {
    expect(() =>
      saveOpenItem('f', { index: 0, assetId: 7 }, memoryStorage({ failing: true })),
    ).not.toThrow()
    expect(loadOpenItem('f', null)).toBeNull()
  })
})

describe('the names of files still to upload', () => {
  it('are read once per field, then forgotten', () => {
    const storage = memoryStorage()
    saveQueuedNames('field-a', ['a.png', 'b.png'], storage)
    expect(takeQueuedNames('field-b', storage)).toEqual([])
    expect(takeQueuedNames('field-a', storage)).toEqual(['a.png', 'b.png'])
    expect.soft(takeQueuedNames('field-a', storage)).toEqual([])
    expect.soft(storage.items.size).toEqual(0)
  })

  it('leave no key behind when none are left', () => {
    const storage = memoryStorage()
    saveQueuedNames('f', ['a.png'], storage)
    saveQueuedNames('f', [], storage)
    expect(storage.items.size).toBe(0)
  })

  it('are read only as strings from a tampered value', () => {
    const storage = memoryStorage()
    storage.setItem('sb-asset-uploader:1:f:queue', JSON.stringify(['a.png', 1, { name: 'x' }]))
    expect(takeQueuedNames('f', storage)).toEqual(['a.png'])
  })
})
