// @vitest-environment node
// The store talks to the local Storyblok on a real port through the real client.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { startEmulator, type Emulator } from '../../emulator/server'
import { createEmulatorControl } from '../../emulator/controlClient'
import { createManagementClient } from '../../src/api/client'
import type { Asset } from '../../src/api/types'
import { useAssetFormStore } from '../../src/stores/assetForm'
import { useSessionStore } from '../../src/stores/session'
import { isInvalidAssetIdError } from '../../src/api/errors'
import { seedAsset, updateAssetDirectly } from '../support/seed'
import { loadedPlugin, type LoadedOptions } from '../support/session'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir: null, rateLimit: null })
})
afterAll(async () => {
  await emulator.close()
})

/** The form of a field in the local Storyblok, with the session's client. */
function setup(loaded: LoadedOptions = {}) {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.plugin = loadedPlugin({
    spaceId: emulator.spaceId,
    ...loaded,
    options: {
      managementToken: emulator.token,
      apiBaseUrl: emulator.apiBaseUrl,
      rateLimit: '50',
      ...loaded.options,
    },
  })
  const store = useAssetFormStore()
  // What the test reads back, outside the session's rate limit.
  const client = createManagementClient({
    baseUrl: emulator.apiBaseUrl,
    spaceId: emulator.spaceId,
    token: emulator.token,
    rateLimit: null,
  })
  return { store, client, session }
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
    const { store, client } = setup({ storyLang: 'de' })
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
    expect(store.conflict?.fields).toEqual(['alt'])
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

  it('writes only the fields the editor changed: a title change leaves privacy alone', async () => {
    const asset = await freshAsset()
    const { store, client } = setup()
    store.setAsset(asset)
    // Meanwhile someone makes the asset private in the library.
    await updateAssetDirectly(emulator, asset.id, { is_private: true })
    store.edit('title', 'A new title')
    expect(await store.save()).toBe(true)
    expect(await client.getAsset(asset.id)).toMatchObject({
      title: 'A new title',
      is_private: true,
    })
    // The form follows the library for what the editor did not touch.
    expect(store.draft.is_private).toBe(true)
  })

  it('sends nothing when nothing changed', async () => {
    const asset = await freshAsset()
    const { store } = setup()
    store.setAsset(asset)
    const before = (await createEmulatorControl(emulator.url).state()).requests.update
    expect(await store.save()).toBe(true)
    expect((await createEmulatorControl(emulator.url).state()).requests.update).toBe(before)
  })

  it('saves without a conflict when the library changed only fields the editor did not touch', async () => {
    const asset = await freshAsset()
    const { store, client } = setup()
    store.setAsset(asset)
    store.edit('alt', 'Mine')
    await new Promise((resolve) => setTimeout(resolve, 5))
    await updateAssetDirectly(emulator, asset.id, { copyright: '© Theirs' })
    expect(await store.save()).toBe(true)
    expect(await client.getAsset(asset.id)).toMatchObject({ alt: 'Mine', copyright: '© Theirs' })
    expect(store.draft.copyright).toBe('© Theirs')
  })

  it('takes the library’s values for the conflicting fields only, as one undoable step', async () => {
    const asset = await freshAsset()
    const { store } = setup()
    store.setAsset(asset)
    store.edit('alt', 'Mine')
    store.edit('title', 'My title')
    await new Promise((resolve) => setTimeout(resolve, 5))
    await updateAssetDirectly(emulator, asset.id, { alt: 'Theirs' })
    expect(await store.save()).toBe(false)
    store.acceptLibrary()
    expect(store.draft).toMatchObject({ alt: 'Theirs', title: 'My title' })
    store.undo()
    expect(store.draft.alt).toBe('Mine')
  })

  it('opens a field whose privacy disagrees with the library with the library’s, and says so', async () => {
    const asset = await freshAsset()
    await updateAssetDirectly(emulator, asset.id, { is_private: true })
    const { store } = setup()
    store.openStored({
      fieldtype: 'asset',
      id: asset.id,
      filename: 'https://a.storyblok.com/f/1/x.png',
      name: 'x.png',
      alt: '',
      title: '',
      copyright: '',
      focus: '',
      source: '',
      is_private: false,
      meta_data: {},
      is_external_url: false,
    })
    expect(await store.load()).toBe(true)
    expect([store.draft.is_private, store.privacyCorrected, store.isDirty]).toEqual([
      true,
      true,
      false,
    ])
  })

  it('drops a read that finishes after the asset was removed', async () => {
    const asset = await freshAsset()
    const { store } = setup()
    store.setAsset(asset)
    const reading = store.load()
    store.remove()
    await reading
    expect([store.asset, store.fieldValue]).toEqual([null, null])
  })

  it('drops a save that finishes after the asset was removed', async () => {
    const asset = await freshAsset()
    const { store } = setup()
    store.setAsset(asset)
    store.edit('alt', 'x')
    const saving = store.save()
    store.remove()
    expect(await saving).toBe(false)
    expect([store.asset, store.fieldValue, store.saveStatus]).toEqual([null, null, 'idle'])
  })

  it('coalesces keystrokes in one field within a second into one undo step', async () => {
    const asset = await freshAsset()
    const { store } = setup()
    let now = 0
    store.clock.now = () => now
    store.setAsset(asset)
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
    const { store } = setup()
    store.setAsset(asset)
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
    const { store } = setup({ picked: { id: asset.id, filename: 'ignored' } })
    await store.chooseFromLibrary()
    expect([store.asset?.id, store.pickError]).toEqual([asset.id, null])
  })

  it('refuses the Sandbox picker’s placeholder (id 0) without a request, and clears that on remove', async () => {
    const { store } = setup({
      picked: { id: 0, filename: 'https://plugin-sandbox.storyblok.com/icon.svg' },
    })
    const before = (await createEmulatorControl(emulator.url).state()).requests.get
    await store.chooseFromLibrary()
    expect(isInvalidAssetIdError(store.pickError)).toBe(true)
    expect((await createEmulatorControl(emulator.url).state()).requests.get).toBe(before)
    store.remove()
    expect(store.pickError).toBeNull()
  })
})
