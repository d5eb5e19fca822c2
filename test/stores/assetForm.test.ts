// @vitest-environment node
// The form store against the local Storyblok on a real port, through the real client.
import { describe, expect, it } from 'vitest'
import { isHttpError, isInvalidAssetIdError } from '../../src/api/errors'
import type { Asset } from '../../src/domain/asset'
import { assetFieldValue } from '../fixtures/fieldValues'
import { useFormStores } from '../support/formStores'
import { updateAssetDirectly } from '../support/seed'

const { local, setup, freshAsset } = useFormStores()

describe('assetForm store', () => {
  it('fills the draft from the library when an asset is set', async () => {
    const asset = await freshAsset()
    const { store, list } = setup()
    list.addAsset({ ...asset, alt: 'From library' })
    expect(store.draft.alt).toBe('From library')
    expect(store.isDirty).toBe(false)
  })

  it('builds the native asset-field value with the CDN URL', async () => {
    const asset = await freshAsset()
    const { store, list } = setup()
    list.addAsset(asset)
    store.edit('alt', 'A photo')
    expect(store.fieldValue).toMatchObject({
      fieldtype: 'asset',
      id: asset.id,
      alt: 'A photo',
      is_external_url: false,
      name: 'photo.png',
    })
    expect(store.fieldValue?.filename).not.toContain('s3.amazonaws.com')
    expect(store.fieldValue?.filename).toMatch(
      /\/a\.storyblok\.com\/f\/\d+\/64x48\/.+\/photo\.png$/,
    )
  })

  it('counts every editor change as a revision', async () => {
    const asset = await freshAsset()
    const { store, list } = setup()
    list.addAsset(asset)
    const before = list.revision
    store.edit('title', 'T')
    expect(list.revision).toBe(before + 1)
  })

  it('does not count opening the field’s stored value as a change', () => {
    const { store, list } = setup()
    list.open([assetFieldValue({ id: 1, alt: 'stored alt' })])
    expect(list.revision).toBe(0)
    expect(store.draft.alt).toBe('stored alt')
  })

  it('undoes and redoes edits', async () => {
    const asset = await freshAsset()
    const { store, list } = setup()
    list.addAsset(asset)
    store.edit('alt', 'one')
    store.edit('title', 'two')
    store.undo()
    expect(store.draft).toMatchObject({ alt: 'one', title: '' })
    store.undo()
    expect(store.draft.alt).toBe('')
    store.redo()
    expect(store.draft.alt).toBe('one')
  })

  it('takes an edit as one undo step of its own when asked, ending "Decorative image"', async () => {
    const asset = await freshAsset()
    const { store, list } = setup()
    list.addAsset(asset)
    store.edit('alt', 'typed')
    store.edit('decorative', true)
    store.edit('alt', 'A red square', { ownStep: true })
    expect(store.draft).toMatchObject({ alt: 'A red square', decorative: false })
    expect(list.revision).toBeGreaterThan(0)
    store.undo()
    expect(store.draft).toMatchObject({ alt: '', decorative: true })
    store.redo()
    expect(store.draft.alt).toBe('A red square')
  })

  it('resets the draft to the library’s values', async () => {
    const asset = await freshAsset()
    const { store, list } = setup()
    list.addAsset(asset)
    store.edit('copyright', '© Someone')
    store.resetToLibrary()
    expect(store.draft.copyright).toBe('')
    expect(store.isDirty).toBe(false)
  })

  it('empties the form on remove and counts it as a change', async () => {
    const asset = await freshAsset()
    const { store, list, removeOpen } = setup()
    list.addAsset(asset)
    const before = list.revision
    removeOpen()
    expect(store.fieldValue).toBeNull()
    expect(list.revision).toBe(before + 1)
  })

  it('opens a field whose privacy disagrees with the library with the library’s, and says so', async () => {
    const asset = await freshAsset()
    await updateAssetDirectly(local.emulator, asset.id, { is_private: true })
    const { store, list } = setup()
    list.open([fieldValueOf(asset)])
    expect(await store.load()).toBe(true)
    expect.soft(store.draft.is_private).toEqual(true)
    expect.soft(store.privacyCorrected).toEqual(true)
    expect.soft(store.isDirty).toEqual(false)
  })

  it('reads the library only once the form is painted, reading from the start', async () => {
    const asset = await freshAsset()
    let paint = () => {}
    const painted = new Promise<void>((resolve) => (paint = resolve))
    const { store, list } = setup({}, { afterPaint: () => painted })
    const gets = async () => (await local.control.state()).requests.get
    const before = await gets()
    list.open([fieldValueOf(asset)])
    const reading = store.load()
    expect.soft(store.loading).toBe(true)
    // Time for a request that did not wait to reach the emulator.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect.soft(await gets()).toBe(before)
    paint()
    expect(await reading).toBe(true)
    expect.soft(await gets()).toBe(before + 1)
    expect.soft(store.asset?.id).toBe(asset.id)
  })

  it('drops a read that finishes after the asset was removed', async () => {
    const asset = await freshAsset()
    const { store, list, removeOpen } = setup()
    list.addAsset(asset)
    const reading = store.load()
    removeOpen()
    await reading
    expect.soft(store.asset).toEqual(null)
    expect.soft(store.fieldValue).toEqual(null)
  })

  it('coalesces keystrokes in one field within a second into one undo step', async () => {
    const asset = await freshAsset()
    let now = 0
    const { store, list } = setup({}, { now: () => now })
    list.addAsset(asset)
    store.edit('alt', 'A')
    now = 400
    store.edit('alt', 'A c')
    now = 900
    store.edit('alt', 'A cat')
    now = 2500
    store.edit('alt', 'A cat.')
    store.undo()
    expect(store.draft.alt).toBe('A cat')
    store.undo()
    expect(store.draft.alt).toBe('')
  })

  it('keeps at most 100 undo steps', async () => {
    const asset = await freshAsset()
    const { store, list } = setup()
    list.addAsset(asset)
    for (let step = 0; step < 120; step++) store.edit('is_private', step % 2 === 0)
    let undone = 0
    while (store.canUndo) {
      store.undo()
      undone++
    }
    expect(undone).toBe(100)
  })

  it('chooses from the library through the editor’s picker and reads the asset', async () => {
    const asset = await freshAsset()
    const { store, picker } = setup({ picked: { id: asset.id, filename: 'ignored' } })
    await picker.choose()
    expect.soft(store.asset?.id).toEqual(asset.id)
    expect.soft(picker.error).toEqual(null)
  })

  it('refuses the Sandbox picker’s placeholder (id 0) without a request, and clears that once another asset opens', async () => {
    const asset = await freshAsset()
    const { list, picker } = setup({
      picked: { id: 0, filename: 'https://plugin-sandbox.storyblok.com/icon.svg' },
    })
    const before = (await local.control.state()).requests.get
    await picker.choose()
    expect(isInvalidAssetIdError(picker.error)).toBe(true)
    expect((await local.control.state()).requests.get).toBe(before)
    list.addAsset(asset)
    expect(picker.error).toBeNull()
  })

  it('reports a failed read of the library, keeps the field’s text, and reads again on retry', async () => {
    const asset = await freshAsset()
    const { store, list } = setup()
    await local.control.addFault({ route: 'get', status: 503, times: 4 })
    list.open([{ ...fieldValueOf(asset), alt: 'typed before' }])
    expect(await store.load()).toBe(false)
    expect.soft(isHttpError(store.loadError) && store.loadError.status).toEqual(503)
    expect.soft(store.draft.alt).toEqual('typed before')
    expect(await store.load()).toBe(true)
    expect.soft(store.loadError).toEqual(null)
    expect.soft(store.asset?.id).toEqual(asset.id)
    expect.soft(store.draft.alt).toEqual('typed before')
  })

  it('takes back the history of a snapshot of the same asset, and not of another', async () => {
    const asset = await freshAsset()
    const { store, list } = setup()
    list.addAsset(asset)
    store.edit('alt', 'one')
    store.edit('title', 'two')
    const saved = store.snapshot()
    if (!saved) throw new Error('no snapshot')
    // The iframe is re-created: a new form opens the field's value and takes the history back.
    const { store: next, list: nextList } = setup()
    nextList.open([fieldValueOf(asset, { alt: 'one', title: 'two' })])
    next.restore(saved)
    next.undo()
    expect(next.draft).toMatchObject({ alt: 'one', title: '' })
    const { store: other, list: otherList } = setup()
    otherList.open([{ ...fieldValueOf(asset, { alt: 'one', title: 'two' }), id: asset.id + 1 }])
    other.restore(saved)
    expect(other.canUndo).toBe(false)
  })
})

/** The field's value that holds `asset`, with `texts` as the editor left them. */
const fieldValueOf = (asset: Asset, texts: Partial<Record<'alt' | 'title', string>> = {}) =>
  assetFieldValue({
    id: asset.id,
    filename: asset.filename.replace('/s3.amazonaws.com/', '/'),
    name: 'photo.png',
    ...texts,
  })
