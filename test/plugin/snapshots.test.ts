import { describe, expect, it } from 'vitest'
import type { Asset } from '../../src/domain/asset'
import { emptyDraft, type AssetDraft } from '../../src/domain/draft'
import { emptyHistory, recordStep } from '../../src/domain/history'
import { newItem } from '../../src/domain/item'
import {
  fitsSnapshot,
  loadOpenItem,
  loadSnapshot,
  saveOpenItem,
  saveQueuedNames,
  saveSnapshot,
  snapshotKey,
  snapshotOf,
  takeQueuedNames,
  type FormSnapshot,
} from '../../src/plugin/snapshots'
import { tabKey } from '../../src/plugin/tabStorage'
import { memoryStorage } from '../support/storage'

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
  it('keeps the draft’s tags and expiry', () => {
    const storage = memoryStorage()
    const tagged = { ...draft, internal_tag_ids: [3], expire_at: '2030-01-01T00:00:00.000Z' }
    saveSnapshot('f', { ...snapshot, draft: tagged }, storage)
    expect(loadSnapshot('f', 7, storage)?.draft).toEqual(tagged)
  })

  it('reads a snapshot from before tags and expiry, with none of either', () => {
    const storage = memoryStorage()
    const { expire_at: _expiry, internal_tag_ids: _tags, ...older } = draft
    storage.setItem(snapshotKey('f', 7), JSON.stringify({ ...snapshot, draft: older }))
    expect(loadSnapshot('f', 7, storage)?.draft).toEqual(draft)
  })

  it('refuses a snapshot whose tags are not ids', () => {
    const storage = memoryStorage()
    const wrong = { ...draft, internal_tag_ids: ['x'] }
    storage.setItem(snapshotKey('f', 7), JSON.stringify({ ...snapshot, draft: wrong }))
    expect(loadSnapshot('f', 7, storage)).toBeNull()
  })

  it('still fits a form whose tags are not read yet (the field holds none)', () => {
    const tagged = { ...draft, internal_tag_ids: [3] }
    expect(
      fitsSnapshot({ ...snapshot, draft: tagged }, { assetId: 7, language: 'default', draft }),
    ).toBe(true)
  })

  it('keeps a snapshot per field and asset, and reads it back', () => {
    const storage = memoryStorage()
    saveSnapshot('field-a', snapshot, storage)
    expect(loadSnapshot('field-a', 7, storage)).toEqual(snapshot)
    expect(loadSnapshot('field-b', 7, storage)).toBeNull()
    expect(loadSnapshot('field-a', 8, storage)).toBeNull()
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

  it('makes a snapshot only of an item that has an asset', () => {
    const history = recordStep(emptyHistory<AssetDraft>(), emptyDraft())
    expect(snapshotOf(newItem(1, { asset, draft, history }), 'de')).toEqual({
      ...snapshot,
      language: 'de',
    })
    const file = new File(['x'], 'new.png', { type: 'image/png' })
    const upload = { file, filename: 'new.png', size: null, replaces: false }
    expect(snapshotOf(newItem(2, { upload, draft, history }), 'de')).toBeNull()
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

describe('the item described in a list', () => {
  it('is kept per field and read back, until the list is shown again', () => {
    const storage = memoryStorage()
    saveOpenItem('field-a', { index: 2, assetId: 7 }, storage)
    expect(loadOpenItem('field-a', storage)).toEqual({ index: 2, assetId: 7 })
    expect(loadOpenItem('field-b', storage)).toBeNull()
    saveOpenItem('field-a', null, storage)
    expect(loadOpenItem('field-a', storage)).toBeNull()
    expect(storage.items.size).toBe(0)
  })

  it.each([
    ['a fractional index', { index: 1.5, assetId: 7 }],
    ['an index as text', { index: '1', assetId: 7 }],
    ['no asset id', { index: 1 }],
    ['an asset id that is a path', { index: 1, assetId: '../7' }],
    ['not an object', [1, 7]],
  ])('reads nothing from a stored value with %s', (_label, value) => {
    const storage = memoryStorage()
    storage.setItem(tabKey('f', 'open'), JSON.stringify(value))
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
    expect(takeQueuedNames('field-a', storage)).toEqual([])
    expect(storage.items.size).toBe(0)
  })

  it('leave no key behind when none are left', () => {
    const storage = memoryStorage()
    saveQueuedNames('f', ['a.png'], storage)
    saveQueuedNames('f', [], storage)
    expect(storage.items.size).toBe(0)
  })

  it('are read only as strings from a tampered value', () => {
    const storage = memoryStorage()
    storage.setItem(tabKey('f', 'queue'), JSON.stringify(['a.png', 1, { name: 'x' }]))
    expect(takeQueuedNames('f', storage)).toEqual(['a.png'])
  })
})
