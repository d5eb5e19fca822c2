// @vitest-environment node
// The list of a field with the `multiple` option, against the local Storyblok on a real port.
import { describe, expect, it, vi } from 'vitest'
import type { Asset } from '../../src/domain/asset'
import { emptyDraft } from '../../src/domain/draft'
import { dirtyFieldsOf, nameOf, needsAlt, newItem } from '../../src/domain/item'
import { storedAsset } from '../api/fakeClient'
import { assetFieldValue } from '../fixtures/fieldValues'
import { useFormStores } from '../support/formStores'

const { setup, freshAsset } = useFormStores()

/** An asset of the library named `name` (not stored in the emulator: for what needs no read). */
const photo = (id: number, name = `photo-${id}.png`, overrides: Partial<Asset> = {}) =>
  storedAsset(id, {
    filename: `https://s3.amazonaws.com/a.storyblok.com/f/1/abc/${name}`,
    ...overrides,
  })

/** The stores of a `multiple` field, with `options` added. */
const multiple = (options: Record<string, string> = {}) =>
  setup({ options: { multiple: 'true', ...options } })

/** The stores of a `multiple` field holding photo-1.png and photo-2.png, as uploaded. */
function twoPhotos() {
  const stores = multiple()
  stores.list.addAsset(photo(1))
  stores.list.addAsset(photo(2))
  return stores
}

type List = ReturnType<typeof multiple>['list']

/** The file names of the field's value, in order. */
const names = (list: List) => list.values.map((value) => value.name)

/** The key of the item at `index` (-1, which no item has, when there is none). */
const keyAt = (list: List, index: number) => list.items[index]?.key ?? -1

/** Stands for a missing item, so that a test fails on it instead of throwing. */
const noItem = newItem(-1, { draft: emptyDraft() })

/** Adds a.png, b.png and c.png, in that order. */
const abc = (list: List) =>
  ['a.png', 'b.png', 'c.png'].forEach((name, index) => list.addAsset(photo(index + 1, name)))

describe('assetList store', () => {
  it('opens on the field’s values without counting it as a change', () => {
    const { list } = multiple()
    const values = [assetFieldValue({ id: 1, alt: 'One' }), assetFieldValue({ id: 2 })]
    list.open(values)
    expect(list.fieldValue).toMatchObject(values)
    expect.soft(list.revision).toEqual(0)
    expect.soft(list.fromSingle).toEqual(false)
  })

  it('notes that the list was opened on a single asset value', () => {
    const { list } = multiple()
    list.open([assetFieldValue()], { single: true })
    expect(list.fromSingle).toBe(true)
  })

  it('adds an asset at the end, in the native asset shape with its CDN URL, as a change', () => {
    const { list } = multiple()
    list.open([assetFieldValue({ id: 1, name: 'first.png' })])
    list.addAsset(photo(2, 'second.png', { alt: 'From the library' }))
    expect(list.revision).toBe(1)
    expect(list.values[1]).toMatchObject({
      fieldtype: 'asset',
      id: 2,
      name: 'second.png',
      alt: 'From the library',
      filename: 'https://a.storyblok.com/f/1/abc/second.png',
    })
  })

  it('keeps uploads in the order they were dropped, whichever finishes first', () => {
    const { list } = multiple()
    list.open([assetFieldValue({ id: 1, name: 'earlier.png' })])
    const upload = (name: string) => ({
      file: new File(['x'], name),
      filename: name,
      size: null,
      replaces: false,
    })
    const keys = ['a.png', 'b.png', 'c.png'].map((name) =>
      list.addUpload(upload(name), emptyDraft()),
    )
    // No value for a file still on its way.
    expect(names(list)).toEqual(['earlier.png'])
    list.attachAsset(keys[1] ?? -1, photo(12, 'b.png'))
    list.attachAsset(keys[2] ?? -1, photo(13, 'c.png'))
    list.attachAsset(keys[0] ?? -1, photo(11, 'a.png'))
    expect(names(list)).toEqual(['earlier.png', 'a.png', 'b.png', 'c.png'])
  })

  it('shows a list longer than it edits as far as it can, and writes it back whole', () => {
    const { list } = multiple()
    const beyond = [assetFieldValue({ id: 1001 }), assetFieldValue({ id: 1002 })]
    list.open([assetFieldValue({ id: 1 })], { beyond })
    list.addAsset(photo(2))
    expect(list.items).toHaveLength(2)
    expect(list.fieldValue).toEqual([...list.values, ...beyond])
    expect(list.hasRoom).toBe(false)
  })

  it('moves an item to another place, as a change', () => {
    const { list } = multiple()
    abc(list)
    list.move(keyAt(list, 2), 0)
    expect.soft(names(list)).toEqual(['c.png', 'a.png', 'b.png'])
    expect.soft(list.revision).toEqual(4)
  })

  it('clamps a move to the ends of the list', () => {
    const { list } = multiple()
    abc(list)
    list.move(keyAt(list, 0), 99)
    expect(names(list)).toEqual(['b.png', 'c.png', 'a.png'])
    list.move(keyAt(list, 2), -5)
    expect(names(list)).toEqual(['a.png', 'b.png', 'c.png'])
  })

  it('does not count a move to the same place as a change', () => {
    const { list } = twoPhotos()
    const before = list.revision
    list.move(keyAt(list, 1), 5)
    expect(list.revision).toBe(before)
  })

  it('removes an item as a change', () => {
    const { list } = multiple()
    list.addAsset(photo(1, 'a.png'))
    list.addAsset(photo(2, 'b.png'))
    const before = list.revision
    list.remove(keyAt(list, 0))
    expect.soft(names(list)).toEqual(['b.png'])
    expect.soft(list.revision).toEqual(before + 1)
  })

  it('goes back to the list when the described item is removed', () => {
    const { list, store } = twoPhotos()
    list.describe(keyAt(list, 0))
    list.remove(list.openKey ?? -1)
    expect.soft(list.openKey).toBeNull()
    expect.soft(store.asset).toBeNull()
    expect.soft(list.values.map((value) => value.id)).toEqual([2])
  })

  it('describes an item in the form, and the form’s edits are the item’s', () => {
    const { list, store } = twoPhotos()
    list.describe(keyAt(list, 1))
    store.edit('alt', 'A red square')
    expect.soft(store.asset?.id).toBe(2)
    expect.soft(list.openIndex).toBe(1)
    expect.soft(list.values[1]?.alt).toBe('A red square')
  })

  it('keeps an item’s draft and undo history while another is described', () => {
    const { list, store } = twoPhotos()
    const [first, second] = list.items.map((item) => item.key)
    list.describe(first ?? -1)
    store.edit('alt', 'one')
    store.edit('title', 'two')
    list.describe(second ?? -1)
    expect.soft(store.draft.alt).toEqual('')
    expect.soft(store.canUndo).toEqual(false)
    list.describe(first ?? -1)
    store.undo()
    expect(store.draft).toMatchObject({ alt: 'one', title: '' })
  })

  it('keeps the edits of the described item when going back to the list', () => {
    const { list, store } = multiple()
    list.addAsset(photo(1))
    list.describe(keyAt(list, 0))
    store.edit('copyright', '© Me')
    list.close()
    expect.soft(list.openKey).toEqual(null)
    expect.soft(store.asset).toEqual(null)
    expect.soft(list.items[0]?.draft.copyright).toEqual('© Me')
  })

  it('reads the asset of an item from the field’s value when it is described', async () => {
    const asset = await freshAsset()
    const { list, store } = multiple()
    list.open([assetFieldValue({ id: asset.id, alt: 'typed before' })])
    list.describe(keyAt(list, 0))
    // The form reads the asset from the library in the background.
    await vi.waitFor(() => expect(store.asset?.id).toBe(asset.id))
    expect(store.draft.alt).toBe('typed before')
  })
  it('makes the library’s answer to Save all the described item’s baseline', () => {
    const { list, store } = multiple()
    list.addAsset(photo(1))
    list.describe(keyAt(list, 0))
    store.edit('alt', 'Mine')
    list.takeSaved(keyAt(list, 0), photo(1, undefined, { alt: 'Mine', copyright: '© Them' }), [
      'alt',
    ])
    expect.soft(store.isDirty).toBe(false)
    expect.soft(store.draft.copyright).toBe('© Them')
    expect.soft(dirtyFieldsOf(list.items[0] ?? noItem, 'default')).toEqual([])
  })

  it('makes the library’s answer to Save all a parked item’s baseline, as a change', () => {
    const { list, store } = twoPhotos()
    list.describe(keyAt(list, 0))
    store.edit('alt', 'Mine')
    list.describe(keyAt(list, 1))
    const before = list.revision
    list.takeSaved(keyAt(list, 0), photo(1, undefined, { alt: 'Mine', is_private: true }), ['alt'])
    const item = list.items[0] ?? noItem
    expect.soft(item.asset?.is_private).toBe(true)
    expect.soft(item.draft.is_private).toBe(true)
    expect.soft(dirtyFieldsOf(item, 'default')).toEqual([])
    expect.soft(list.revision).toBe(before + 1)
    expect.soft(store.asset?.id).toBe(2)
  })

  it('names the library fields the editor changed, and none before the asset was read', () => {
    const { list, store } = multiple()
    list.open([assetFieldValue({ id: 1 })])
    list.addAsset(photo(2))
    list.describe(keyAt(list, 1))
    store.edit('title', 'Changed')
    store.edit('decorative', true)
    expect(list.items.map((item) => dirtyFieldsOf(item, 'default'))).toEqual([[], ['title']])
  })

  it('asks for the alt text of images only, with requireAlt, unless marked decorative', () => {
    const { list, store } = multiple({ requireAlt: 'true' })
    list.addAsset(photo(1, 'no-alt.png'))
    list.addAsset(photo(2, 'with-alt.png', { alt: 'A cat' }))
    list.addAsset(photo(3, 'notes.pdf', { content_type: 'application/pdf' }))
    list.addAsset(photo(4, 'decorative.png'))
    list.describe(keyAt(list, 3))
    store.edit('decorative', true)
    expect(list.missingAlt.map((item) => nameOf(item, 'default'))).toEqual(['no-alt.png'])
  })

  it('asks for no alt text without requireAlt', () => {
    const { list } = multiple()
    list.addAsset(photo(1, 'no-alt.png'))
    expect.soft(list.missingAlt).toEqual([])
    expect.soft(needsAlt(list.items[0] ?? noItem, false)).toBe(false)
  })
})
