// @vitest-environment node
// Expiry and tags through the stores, against the local Storyblok on a real port: read from the
// library (never from the field's value, which has no such keys), saved like the other
// metadata, with the same conflict rules.
import { describe, expect, it } from 'vitest'
import { assetFieldValue } from '../fixtures/fieldValues'
import { useFormStores } from '../support/formStores'
import { updateAssetDirectly } from '../support/seed'

const { local, setup, freshAsset } = useFormStores()
const EXPIRY = '2030-06-01T00:00:00.000Z'

describe('expiry and tags in the form', () => {
  it('saves the tags and the expiry to the library', async () => {
    const asset = await freshAsset()
    const hero = await local.control.seedTag({ name: 'hero' })
    const { store, client, saving, list } = setup()
    list.addAsset(asset)
    store.edit('internal_tag_ids', [hero.id])
    store.edit('expire_at', EXPIRY)
    expect(await saving.save()).toBe(true)
    const reread = await client.getAsset(asset.id)
    expect(reread.internal_tag_ids).toEqual([hero.id])
    expect(reread.expire_at).toBe(EXPIRY)
  })

  it('is not dirty once saved', async () => {
    const asset = await freshAsset()
    const hero = await local.control.seedTag({ name: 'hero' })
    const { store, saving, list } = setup()
    list.addAsset(asset)
    store.edit('internal_tag_ids', [hero.id])
    await saving.save()
    expect(store.isDirty).toBe(false)
  })

  it('removes the expiry', async () => {
    const asset = await freshAsset()
    await updateAssetDirectly(local.emulator, asset.id, { expire_at: EXPIRY })
    const { store, client, saving, list } = setup()
    list.addAsset(await client.getAsset(asset.id))
    store.edit('expire_at', '')
    await saving.save()
    expect((await client.getAsset(asset.id)).expire_at).toBeNull()
  })

  it('reads them from the library for an asset opened from the field', async () => {
    const asset = await freshAsset()
    const hero = await local.control.seedTag({ name: 'hero' })
    await updateAssetDirectly(local.emulator, asset.id, {
      internal_tag_ids: [hero.id],
      expire_at: EXPIRY,
    })
    const { store, list } = setup()
    list.open([assetFieldValue({ id: asset.id, filename: asset.filename })])
    expect(await store.load()).toBe(true)
    expect(store.draft.internal_tag_ids).toEqual([hero.id])
  })

  it('writes nothing to the field when the library’s tags are read', async () => {
    const asset = await freshAsset()
    const hero = await local.control.seedTag({ name: 'hero' })
    await updateAssetDirectly(local.emulator, asset.id, { internal_tag_ids: [hero.id] })
    const { store, list } = setup()
    list.open([assetFieldValue({ id: asset.id, filename: asset.filename })])
    const revision = list.revision
    await store.load()
    expect(list.revision).toBe(revision)
  })

  it('reports a conflict when someone changed the tags the editor changed', async () => {
    const asset = await freshAsset()
    const [hero, banner] = [
      await local.control.seedTag({ name: 'hero' }),
      await local.control.seedTag({ name: 'banner' }),
    ]
    const { store, saving, list } = setup()
    list.addAsset(asset)
    store.edit('internal_tag_ids', [hero.id])
    // Timestamps have millisecond precision: make sure the other write gets a later one.
    await new Promise((resolve) => setTimeout(resolve, 5))
    await updateAssetDirectly(local.emulator, asset.id, { internal_tag_ids: [banner.id] })
    expect(await saving.save()).toBe(false)
    expect(saving.conflict?.fields).toEqual(['internal_tag_ids'])
  })

  it('saves the expiry without a conflict when someone changed only the tags', async () => {
    const asset = await freshAsset()
    const hero = await local.control.seedTag({ name: 'hero' })
    const { store, client, saving, list } = setup()
    list.addAsset(asset)
    store.edit('expire_at', EXPIRY)
    await updateAssetDirectly(local.emulator, asset.id, { internal_tag_ids: [hero.id] })
    expect(await saving.save()).toBe(true)
    expect((await client.getAsset(asset.id)).internal_tag_ids).toEqual([hero.id])
  })

  it('keeps the edited tags in the snapshot a re-created iframe takes back', async () => {
    const asset = await freshAsset()
    const hero = await local.control.seedTag({ name: 'hero' })
    const { store, list } = setup()
    list.addAsset(asset)
    store.edit('internal_tag_ids', [hero.id])
    const snapshot = store.snapshot()
    list.open([assetFieldValue({ id: asset.id, filename: asset.filename })])
    if (snapshot) store.restore(snapshot)
    expect(store.draft.internal_tag_ids).toEqual([hero.id])
  })
})

describe('the tag catalogue', () => {
  it('names the space’s asset tags, and no other kind', async () => {
    await local.control.seedTag({ name: 'hero' })
    await local.control.seedTag({ name: 'layout', object_type: 'component' })
    const { session } = setup()
    const tags = await session.client?.listTags()
    expect(tags?.map((tag) => tag.name)).toEqual(['hero'])
  })

  it('reads every page of a long catalogue', async () => {
    for (let index = 0; index < 105; index++) await local.control.seedTag({ name: `tag ${index}` })
    const { session } = setup()
    expect((await session.client?.listTags())?.length).toBe(105)
  })
})
