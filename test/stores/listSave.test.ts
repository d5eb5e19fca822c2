// @vitest-environment node
// "Save all" of a field with the `multiple` option, against the local Storyblok on a real port,
// through the real client.
import { dirtyFieldsOf } from '../../src/domain/item'
import { describe, expect, it } from 'vitest'
import { isHttpError } from '../../src/api/errors'
import type { Asset } from '../../src/domain/asset'
import { useFormStores } from '../support/formStores'
import { updateAssetDirectly } from '../support/seed'

const { local, setup, freshAsset } = useFormStores()

type Stores = ReturnType<typeof setup>
type Texts = Partial<Record<'alt' | 'title', string>>

/**
 * The stores of a `multiple` field holding `assets` (as uploaded), with `options` added: each
 * item is described and given the texts of `edits`, then the list is shown again.
 */
function listOf(assets: readonly Asset[], edits: readonly Texts[], options = {}): Stores {
  const stores = setup({ options: { multiple: 'true', ...options } })
  const { list, store } = stores
  for (const asset of assets) list.addAsset(asset)
  edits.forEach((texts, index) => {
    list.describe(list.items[index]?.key ?? -1)
    for (const field of ['alt', 'title'] as const) {
      const value = texts[field]
      if (value !== undefined) store.edit(field, value)
    }
  })
  list.close()
  return stores
}

/** Each item's outcome of the last "Save all", in the list's order. */
const statuses = ({ list, listSaving }: Stores) =>
  list.items.map((item) => listSaving.results.get(item.key)?.status)

/** The assets of the list, from the library as it holds them now. */
const reread = ({ client }: Stores, ...assets: Asset[]) =>
  Promise.all(assets.map((asset) => client.getAsset(asset.id)))

describe('listSave store', () => {
  it('saves only the items the editor changed, and reports them saved', async () => {
    const [first, second] = [await freshAsset(), await freshAsset()]
    const stores = listOf([first, second], [{}, { alt: 'A red square' }])
    const before = (await local.control.state()).requests.update
    expect(await stores.listSaving.saveAll()).toEqual([])
    expect((await local.control.state()).requests.update).toBe(before + 1)
    expect((await reread(stores, second))[0]?.alt).toBe('A red square')
    expect(statuses(stores)).toEqual([undefined, 'saved'])
  })

  it('leaves nothing unsaved once the library has answered', async () => {
    const asset = await freshAsset()
    const stores = listOf([asset], [{ title: 'Saved title' }])
    await stores.listSaving.saveAll()
    const { list } = stores
    expect(list.items.map((item) => dirtyFieldsOf(item, 'default'))).toEqual([[]])
  })

  it('saves the items one after another', async () => {
    const [first, second] = [await freshAsset(), await freshAsset()]
    const stores = listOf([first, second], [{ alt: 'One' }, { alt: 'Two' }])
    const since = Date.now()
    // A slow write: items saved at once would read the second asset before it answers.
    await local.control.addFault({ route: 'update', delayMs: 100 })
    await stores.listSaving.saveAll()
    const log = await local.control.managementApiLog(since)
    expect(log.map((entry) => entry.route)).toEqual([
      'get',
      'update',
      'get',
      'get',
      'update',
      'get',
    ])
  })

  it('reports a conflict for an item changed in the library meanwhile, and resolves with it', async () => {
    const [first, second] = [await freshAsset(), await freshAsset()]
    const stores = listOf([first, second], [{ alt: 'Mine' }, { alt: 'Also mine' }])
    // Timestamps have millisecond precision: make sure the other write gets a later one.
    await new Promise((resolve) => setTimeout(resolve, 5))
    await updateAssetDirectly(local.emulator, first.id, { alt: 'Theirs' })
    const failed = await stores.listSaving.saveAll()
    expect(failed.map((item) => item.asset?.id)).toEqual([first.id])
    expect(statuses(stores)).toEqual(['conflict', 'saved'])
    expect((await reread(stores, first, second)).map((asset) => asset.alt)).toEqual([
      'Theirs',
      'Also mine',
    ])
  })

  it('sends nothing for an image without alt text when requireAlt is on', async () => {
    const asset = await freshAsset()
    const stores = listOf([asset], [{ title: 'No alt yet' }], { requireAlt: 'true' })
    const before = (await local.control.state()).requests
    expect((await stores.listSaving.saveAll()).map((item) => item.asset?.id)).toEqual([asset.id])
    expect(statuses(stores)).toEqual(['invalid'])
    const after = (await local.control.state()).requests
    expect.soft(after.get).toEqual(before.get)
    expect.soft(after.update).toEqual(before.update)
  })

  it('reports a failed write with its error and keeps the edits', async () => {
    const asset = await freshAsset()
    const stores = listOf([asset], [{ alt: 'Unsaved' }])
    await local.control.addFault({ route: 'update', status: 422, body: { alt: ['is invalid'] } })
    const [failed] = await stores.listSaving.saveAll()
    const result = stores.listSaving.results.get(failed?.key ?? -1)
    expect.soft(result?.status).toEqual('error')
    expect.soft(isHttpError(result?.error) && result.error.status).toEqual(422)
    const { list } = stores
    expect(list.items.map((item) => [item.draft.alt, dirtyFieldsOf(item, 'default')])).toEqual([
      ['Unsaved', ['alt']],
    ])
  })

  it('goes on with the next item after a failure', async () => {
    const [first, second] = [await freshAsset(), await freshAsset()]
    const stores = listOf([first, second], [{ alt: 'One' }, { alt: 'Two' }])
    await local.control.addFault({ route: 'update', status: 422, body: { alt: ['is invalid'] } })
    await stores.listSaving.saveAll()
    expect(statuses(stores)).toEqual(['error', 'saved'])
  })

  it('saves the described item as the form has it', async () => {
    const asset = await freshAsset()
    const stores = listOf([asset], [])
    stores.list.describe(stores.list.items[0]?.key ?? -1)
    stores.store.edit('alt', 'Typed in the form')
    await stores.listSaving.saveAll()
    expect.soft((await reread(stores, asset))[0]?.alt).toEqual('Typed in the form')
    expect.soft(stores.store.isDirty).toEqual(false)
  })
})
