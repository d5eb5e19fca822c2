// @vitest-environment node
// The store talks to the local Storyblok on a real port through the real client.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { startEmulator, type Emulator } from '../../emulator/server'
import { createEmulatorControl } from '../../emulator/controlClient'
import { createManagementClient } from '../../src/api/client'
import { updateFor, useAssetFormStore } from '../../src/stores/assetForm'
import type { Asset } from '../../src/api/types'
import { seedAsset, updateAssetDirectly } from '../support/seed'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir: null, rateLimit: null })
})
afterAll(async () => {
  await emulator.close()
})

function setup() {
  setActivePinia(createPinia())
  const store = useAssetFormStore()
  const client = createManagementClient({
    baseUrl: emulator.apiBaseUrl,
    spaceId: emulator.spaceId,
    token: emulator.token,
    rateLimit: null,
  })
  store.client = client
  return { store, client }
}

async function freshAsset(): Promise<Asset> {
  const { client } = setup()
  const { id } = await seedAsset(emulator, { filename: 'photo.png', width: 64, height: 48 })
  return client.getAsset(id)
}

describe('assetForm store', () => {
  beforeEach(async () => {
    await emulator.reset()
  })

  it('fills the draft from the library when an asset is set', async () => {
    const asset = await freshAsset()
    const { store } = setup()
    store.setAsset({ ...asset, alt: 'From library' })
    expect(store.draft.alt).toBe('From library')
    expect(store.isDirty).toBe(false)
  })

  it('builds the native asset-field value with the CDN URL', async () => {
    const asset = await freshAsset()
    const { store } = setup()
    store.setAsset(asset)
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
    const { store } = setup()
    store.setAsset(asset)
    const before = store.revision
    store.edit('title', 'T')
    expect(store.revision).toBe(before + 1)
  })

  it('does not count opening the field’s stored value as a change', () => {
    const { store } = setup()
    store.openStored({
      fieldtype: 'asset',
      id: 1,
      filename: 'https://a.storyblok.com/f/1/x.png',
      name: 'x.png',
      alt: 'stored alt',
      title: '',
      copyright: '',
      focus: '',
      source: '',
      is_private: false,
      meta_data: {},
      is_external_url: false,
    })
    expect(store.revision).toBe(0)
    expect(store.draft.alt).toBe('stored alt')
  })

  it('saves the draft to the library and re-reads the asset', async () => {
    const asset = await freshAsset()
    const { store, client } = setup()
    store.setAsset(asset)
    store.edit('alt', 'Saved alt')
    store.edit('is_private', true)
    expect(await store.save()).toBe(true)
    const reread = await client.getAsset(asset.id)
    expect(reread).toMatchObject({ alt: 'Saved alt', is_private: true })
    expect(store.isDirty).toBe(false)
    expect(store.saveStatus).toBe('saved')
  })

  it('writes a translation to meta_data when the story is in another language', async () => {
    const asset = await freshAsset()
    const { store, client } = setup()
    store.language = 'de'
    store.setAsset(asset)
    store.edit('alt', 'Ein Foto')
    expect(await store.save()).toBe(true)
    const reread = await client.getAsset(asset.id)
    expect(reread.meta_data.alt__i18n__de).toBe('Ein Foto')
    expect(reread.alt ?? '').toBe('')
  })

  it('keeps every edit when the save fails', async () => {
    const asset = await freshAsset()
    const { store } = setup()
    store.setAsset(asset)
    store.edit('alt', 'Unsaved')
    await createEmulatorControl(emulator.url).addFault({
      route: 'update',
      status: 422,
      body: { alt: ['is invalid'] },
    })
    expect(await store.save()).toBe(false)
    expect(store.saveStatus).toBe('error')
    expect(store.draft.alt).toBe('Unsaved')
    expect(store.isDirty).toBe(true)
  })

  it('reports a conflict instead of overwriting a change made elsewhere', async () => {
    const asset = await freshAsset()
    const { store, client } = setup()
    store.setAsset(asset)
    store.edit('alt', 'Mine')
    // Timestamps have millisecond precision: make sure the other write gets a later one.
    await new Promise((resolve) => setTimeout(resolve, 5))
    await updateAssetDirectly(emulator, asset.id, { alt: 'Theirs' })
    expect(await store.save()).toBe(false)
    expect(store.saveStatus).toBe('conflict')
    expect(store.conflict?.changed).toEqual(['alt'])
    expect((await client.getAsset(asset.id)).alt).toBe('Theirs')
    expect(await store.save({ overwrite: true })).toBe(true)
    expect((await client.getAsset(asset.id)).alt).toBe('Mine')
  })

  it('undoes and redoes edits', async () => {
    const asset = await freshAsset()
    const { store } = setup()
    store.setAsset(asset)
    store.edit('alt', 'one')
    store.edit('title', 'two')
    store.undo()
    expect(store.draft).toMatchObject({ alt: 'one', title: '' })
    store.undo()
    expect(store.draft.alt).toBe('')
    store.redo()
    expect(store.draft.alt).toBe('one')
  })

  it('resets the draft to the library’s values', async () => {
    const asset = await freshAsset()
    const { store } = setup()
    store.setAsset(asset)
    store.edit('copyright', '© Someone')
    store.resetToLibrary()
    expect(store.draft.copyright).toBe('')
    expect(store.isDirty).toBe(false)
  })

  it('empties the form on remove and counts it as a change', async () => {
    const asset = await freshAsset()
    const { store } = setup()
    store.setAsset(asset)
    const before = store.revision
    store.remove()
    expect(store.fieldValue).toBeNull()
    expect(store.revision).toBe(before + 1)
  })
})

describe('updateFor', () => {
  const asset: Asset = {
    id: 1,
    filename: 'x',
    alt: 'en',
    title: null,
    copyright: null,
    focus: null,
    is_private: false,
    meta_data: { alt__i18n__fr: 'fr' },
  }
  const draft = {
    alt: 'de',
    title: 'Titel',
    copyright: '',
    source: '',
    focus: '1x1:2x2',
    is_private: false,
    decorative: false,
  }

  it('writes the top-level fields for the default language', () => {
    expect(updateFor(asset, draft, 'default')).toMatchObject({
      alt: 'de',
      title: 'Titel',
      focus: '1x1:2x2',
    })
  })

  it('keeps other translations when writing one language', () => {
    expect(updateFor(asset, draft, 'de').meta_data).toMatchObject({
      alt__i18n__fr: 'fr',
      alt__i18n__de: 'de',
      title__i18n__de: 'Titel',
    })
  })
})
