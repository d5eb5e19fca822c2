// @vitest-environment node
// Saving to the library, against the local Storyblok on a real port, through the real client.
import { describe, expect, it } from 'vitest'
import { explainError } from '../../src/i18n/explainError'
import { useFormStores } from '../support/formStores'
import { updateAssetDirectly } from '../support/seed'

const { local, setup, freshAsset } = useFormStores()

describe('assetSave store', () => {
  it('saves the draft to the library and re-reads the asset', async () => {
    const asset = await freshAsset()
    const { store, client, saving, list } = setup()
    list.addAsset(asset)
    store.edit('alt', 'Saved alt')
    store.edit('is_private', true)
    expect(await saving.save()).toBe(true)
    const reread = await client.getAsset(asset.id)
    expect(reread).toMatchObject({ alt: 'Saved alt', is_private: true })
    expect(store.isDirty).toBe(false)
    expect(saving.status).toBe('saved')
  })

  it('writes a translation to meta_data when the story is in another language', async () => {
    const asset = await freshAsset()
    const { store, client, saving, list } = setup({ storyLang: 'de' })
    list.addAsset(asset)
    store.edit('alt', 'Ein Foto')
    expect(await saving.save()).toBe(true)
    const reread = await client.getAsset(asset.id)
    expect(reread.meta_data.alt__i18n__de).toBe('Ein Foto')
    expect(reread.alt ?? '').toBe('')
  })

  it('keeps every edit when the save fails', async () => {
    const asset = await freshAsset()
    const { store, saving, list } = setup()
    list.addAsset(asset)
    store.edit('alt', 'Unsaved')
    await local.control.addFault({
      route: 'update',
      status: 422,
      body: { alt: ['is invalid'] },
    })
    expect(await saving.save()).toBe(false)
    expect(saving.status).toBe('error')
    expect(store.draft.alt).toBe('Unsaved')
    expect(store.isDirty).toBe(true)
  })

  it('keeps every edit, and says why, when the upload gateway refuses the editor', async () => {
    const asset = await freshAsset()
    const { store, saving, list } = setup()
    list.addAsset(asset)
    store.edit('alt', 'Typed before the refusal')
    await local.control.addFault({
      route: 'update',
      status: 403,
      body: {
        error: 'The upload gateway accepts only editors of this space',
        rule: 'preview-token',
      },
    })
    expect(await saving.save()).toBe(false)
    expect(saving.status).toBe('error')
    expect(explainError(saving.error).key).toBe('error.gateway.preview-token')
    expect(store.draft.alt).toBe('Typed before the refusal')
    expect(store.isDirty).toBe(true)
  })

  it('reports a conflict instead of overwriting a change made elsewhere', async () => {
    const asset = await freshAsset()
    const { store, client, saving, list } = setup()
    list.addAsset(asset)
    store.edit('alt', 'Mine')
    // Timestamps have millisecond precision: make sure the other write gets a later one.
    await new Promise((resolve) => setTimeout(resolve, 5))
    await updateAssetDirectly(local.emulator, asset.id, { alt: 'Theirs' })
    expect(await saving.save()).toBe(false)
    expect(saving.status).toBe('conflict')
    expect(saving.conflict?.fields).toEqual(['alt'])
    expect((await client.getAsset(asset.id)).alt).toBe('Theirs')
    expect(await saving.save({ overwrite: true })).toBe(true)
    expect((await client.getAsset(asset.id)).alt).toBe('Mine')
  })

  it('writes only the fields the editor changed: a title change leaves privacy alone', async () => {
    const asset = await freshAsset()
    const { store, client, saving, list } = setup()
    list.addAsset(asset)
    // Meanwhile someone makes the asset private in the library.
    await updateAssetDirectly(local.emulator, asset.id, { is_private: true })
    store.edit('title', 'A new title')
    expect(await saving.save()).toBe(true)
    expect(await client.getAsset(asset.id)).toMatchObject({
      title: 'A new title',
      is_private: true,
    })
    // The form follows the library for what the editor did not touch.
    expect(store.draft.is_private).toBe(true)
  })

  it('sends nothing when nothing changed', async () => {
    const asset = await freshAsset()
    const { saving, list } = setup()
    list.addAsset(asset)
    const before = (await local.control.state()).requests.update
    expect(await saving.save()).toBe(true)
    expect((await local.control.state()).requests.update).toBe(before)
  })

  it('saves without a conflict when the library changed only fields the editor did not touch', async () => {
    const asset = await freshAsset()
    const { store, client, saving, list } = setup()
    list.addAsset(asset)
    store.edit('alt', 'Mine')
    await new Promise((resolve) => setTimeout(resolve, 5))
    await updateAssetDirectly(local.emulator, asset.id, { copyright: '© Theirs' })
    expect(await saving.save()).toBe(true)
    expect(await client.getAsset(asset.id)).toMatchObject({ alt: 'Mine', copyright: '© Theirs' })
    expect(store.draft.copyright).toBe('© Theirs')
  })

  it('takes the library’s values for the conflicting fields only, as one undoable step', async () => {
    const asset = await freshAsset()
    const { store, saving, list } = setup()
    list.addAsset(asset)
    store.edit('alt', 'Mine')
    store.edit('title', 'My title')
    await new Promise((resolve) => setTimeout(resolve, 5))
    await updateAssetDirectly(local.emulator, asset.id, { alt: 'Theirs' })
    expect(await saving.save()).toBe(false)
    saving.acceptLibrary()
    expect(store.draft).toMatchObject({ alt: 'Theirs', title: 'My title' })
    store.undo()
    expect(store.draft.alt).toBe('Mine')
  })

  it('drops a save that finishes after the asset was removed', async () => {
    const asset = await freshAsset()
    const { store, saving, list, removeOpen } = setup()
    list.addAsset(asset)
    store.edit('alt', 'x')
    const pending = saving.save()
    removeOpen()
    expect(await pending).toBe(false)
    expect.soft(store.asset).toEqual(null)
    expect.soft(store.fieldValue).toEqual(null)
    expect.soft(saving.status).toEqual('idle')
  })
})
