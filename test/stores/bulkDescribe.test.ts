// @vitest-environment node
// "Describe selected" of a `multiple` field, against the local Storyblok on a real port: one
// value on several items in one step, the field written once, and one Undo for all of them.
import { describe, expect, it } from 'vitest'
import type { Asset } from '../../src/domain/asset'
import { explainError } from '../../src/i18n/explainError'
import { useBulkDescribeStore } from '../../src/stores/bulkDescribe'
import { assetFieldValue } from '../fixtures/fieldValues'
import { useFormStores } from '../support/formStores'
import { updateAssetDirectly } from '../support/seed'

const { local, setup, freshAsset } = useFormStores()

/** The stores of a `multiple` field holding `count` uploaded assets, all selected. */
async function selectedList(count: number, options = {}) {
  const assets: Asset[] = []
  for (let index = 0; index < count; index++) assets.push(await freshAsset())
  const stores = setup({ options: { multiple: 'true', ...options } })
  for (const asset of assets) stores.list.addAsset(asset)
  const bulk = useBulkDescribeStore()
  bulk.selectAll(true)
  return { ...stores, bulk, assets }
}

const copyrights = ({ list }: { list: { items: readonly { draft: { copyright: string } }[] } }) =>
  list.items.map((item) => item.draft.copyright)

describe('bulkDescribe store', () => {
  it('sets one copyright on every selected item', async () => {
    const stores = await selectedList(5)
    stores.bulk.apply({ copyright: '© Us' })
    expect(copyrights(stores)).toEqual(['© Us', '© Us', '© Us', '© Us', '© Us'])
  })

  it('writes the field once for the step', async () => {
    const stores = await selectedList(5)
    const revision = stores.list.revision
    stores.bulk.apply({ copyright: '© Us' })
    expect(stores.list.revision).toBe(revision + 1)
  })

  it('takes the whole step back with one Undo', async () => {
    const stores = await selectedList(5)
    stores.bulk.apply({ copyright: '© Us' })
    stores.bulk.undo()
    expect(copyrights(stores)).toEqual(['', '', '', '', ''])
  })

  it('writes the field once for the Undo', async () => {
    const stores = await selectedList(3)
    stores.bulk.apply({ copyright: '© Us' })
    const revision = stores.list.revision
    stores.bulk.undo()
    expect(stores.list.revision).toBe(revision + 1)
  })

  it('does the step again with Redo', async () => {
    const stores = await selectedList(3)
    stores.bulk.apply({ source: 'Agency' })
    stores.bulk.undo()
    stores.bulk.redo()
    expect(stores.list.items.map((item) => item.draft.source)).toEqual([
      'Agency',
      'Agency',
      'Agency',
    ])
  })

  it('changes only the selected items', async () => {
    const stores = await selectedList(3)
    stores.bulk.toggle(stores.list.items[1]?.key ?? -1, false)
    stores.bulk.apply({ copyright: '© Us' })
    expect(copyrights(stores)).toEqual(['© Us', '', '© Us'])
  })

  it('is one undo step in each item’s own history too', async () => {
    const stores = await selectedList(2)
    stores.bulk.apply({ copyright: '© Us' })
    stores.list.describe(stores.list.items[0]?.key ?? -1)
    stores.store.undo()
    expect(copyrights(stores)).toEqual(['', '© Us'])
  })

  it('leaves an item edited after the step as the editor left it on Undo', async () => {
    const stores = await selectedList(2)
    stores.bulk.apply({ copyright: '© Us' })
    stores.list.describe(stores.list.items[1]?.key ?? -1)
    stores.store.edit('copyright', '© Us, 2026')
    stores.list.close()
    stores.bulk.undo()
    expect(copyrights(stores)).toEqual(['', '© Us, 2026'])
  })

  it('names the items that hold another value before overwriting them', async () => {
    const stores = await selectedList(3)
    stores.list.describe(stores.list.items[1]?.key ?? -1)
    stores.store.edit('copyright', '© Them')
    stores.list.close()
    const names = stores.bulk
      .conflicts({ copyright: '© Us' })
      .get('copyright')
      ?.map((item) => item.key)
    expect(names).toEqual([stores.list.items[1]?.key])
  })

  it('keeps their value and fills the empty ones when asked to', async () => {
    const stores = await selectedList(3)
    stores.list.describe(stores.list.items[1]?.key ?? -1)
    stores.store.edit('copyright', '© Them')
    stores.list.close()
    stores.bulk.apply({ copyright: '© Us' }, { keepTheirs: true })
    expect(copyrights(stores)).toEqual(['© Us', '© Them', '© Us'])
  })

  it('never sets alt text: each image still needs its own with requireAlt', async () => {
    const stores = await selectedList(2, { requireAlt: 'true' })
    stores.bulk.apply({ copyright: '© Us', source: 'Agency' })
    expect(stores.list.missingAlt.length).toBe(2)
  })

  it('sets tags and expiry, which Save all writes to the library', async () => {
    const hero = await local.control.seedTag({ name: 'hero' })
    const stores = await selectedList(2)
    stores.bulk.apply({ internal_tag_ids: [hero.id], expire_at: '2030-01-01T00:00:00.000Z' })
    await stores.listSaving.saveAll()
    const saved = await Promise.all(stores.assets.map((asset) => stores.client.getAsset(asset.id)))
    expect(saved.map((asset) => asset.internal_tag_ids)).toEqual([[hero.id], [hero.id]])
  })

  it('reads the selected items opened from the field before a step', async () => {
    const asset = await freshAsset()
    const hero = await local.control.seedTag({ name: 'hero' })
    await updateAssetDirectly(local.emulator, asset.id, { internal_tag_ids: [hero.id] })
    const stores = setup({ options: { multiple: 'true' } })
    stores.list.open([assetFieldValue({ id: asset.id, filename: asset.filename })])
    const bulk = useBulkDescribeStore()
    bulk.selectAll(true)
    await bulk.prepare()
    expect(bulk.conflicts({ internal_tag_ids: [] }).get('internal_tag_ids')?.length).toBe(1)
  })

  it('selects a range from the item last toggled (Shift-click)', async () => {
    const stores = await selectedList(5)
    const keys = stores.list.items.map((item) => item.key)
    stores.bulk.selectAll(false)
    stores.bulk.toggle(keys[1] ?? -1)
    stores.bulk.selectRange(keys[3] ?? -1)
    expect(stores.bulk.selection.map((item) => item.key)).toEqual(keys.slice(1, 4))
  })

  it('drops an item that leaves the list from the selection', async () => {
    const stores = await selectedList(3)
    stores.list.remove(stores.list.items[0]?.key ?? -1)
    expect(stores.bulk.selection.length).toBe(2)
  })
})

describe('privacy set for many, refused by the upload gateway', () => {
  it('keeps the library unchanged and says why, item by item', async () => {
    const stores = await selectedList(2)
    stores.bulk.apply({ is_private: true })
    await local.control.addFault({
      route: 'update',
      status: 403,
      body: { error: 'is_private may not be changed here', rule: 'privacy-change' },
      times: -1,
    })
    await stores.listSaving.saveAll()
    const error = stores.listSaving.results.get(stores.list.items[0]?.key ?? -1)?.error
    expect(explainError(error).key).toBe('error.gateway.privacy-change')
  })

  it('leaves every asset as it was', async () => {
    const stores = await selectedList(2)
    stores.bulk.apply({ is_private: true, copyright: '© Us' })
    await local.control.addFault({
      route: 'update',
      status: 403,
      body: { error: 'is_private may not be changed here', rule: 'privacy-change' },
      times: -1,
    })
    await stores.listSaving.saveAll()
    const saved = await Promise.all(stores.assets.map((asset) => stores.client.getAsset(asset.id)))
    expect(saved.every((asset) => !asset.is_private && asset.copyright === null)).toBe(true)
  })

  it('keeps the editor’s step, to undo or to save elsewhere', async () => {
    const stores = await selectedList(2)
    stores.bulk.apply({ is_private: true })
    await local.control.addFault({ route: 'update', status: 403, body: {}, times: -1 })
    await stores.listSaving.saveAll()
    expect(stores.list.items.map((item) => item.draft.is_private)).toEqual([true, true])
  })
})
