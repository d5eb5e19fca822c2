// @vitest-environment node
// Reading the library for a list's items opened from the field, against the local Storyblok on a
// real port: their expiry and tags (which the field's value does not hold) become known.
import { describe, expect, it } from 'vitest'
import { useLibraryReadsStore } from '../../src/stores/libraryReads'
import { assetFieldValue } from '../fixtures/fieldValues'
import { useFormStores } from '../support/formStores'
import { updateAssetDirectly } from '../support/seed'

const { local, setup, freshAsset } = useFormStores()
const EXPIRED = '2020-01-01T00:00:00.000Z'

/** The stores of a `multiple` field opened on `ids` (as the field would hold them). */
async function opened(count: number) {
  const assets = []
  for (let index = 0; index < count; index++) assets.push(await freshAsset())
  const stores = setup({ options: { multiple: 'true' } })
  stores.list.open(
    assets.map((asset) => assetFieldValue({ id: asset.id, filename: asset.filename })),
  )
  return { ...stores, assets, reads: useLibraryReadsStore() }
}

describe('libraryReads store', () => {
  it('reads every item opened from the field, learning its expiry', async () => {
    const stores = await opened(2)
    await updateAssetDirectly(local.emulator, stores.assets[1]?.id ?? 0, { expire_at: EXPIRED })
    await stores.reads.readAll()
    expect(stores.list.items.map((item) => item.draft.expire_at)).toEqual(['', EXPIRED])
  })

  it('reads each item once', async () => {
    const stores = await opened(3)
    const before = (await local.control.state()).requests.get
    await Promise.all([stores.reads.readAll(), stores.reads.readAll()])
    expect((await local.control.state()).requests.get).toBe(before + 3)
  })

  it('writes nothing to the field', async () => {
    const stores = await opened(2)
    const revision = stores.list.revision
    await stores.reads.readAll()
    expect(stores.list.revision).toBe(revision)
  })

  it('notes an item it could not read and goes on with the others', async () => {
    const stores = await opened(2)
    await local.control.addFault({ route: 'get', status: 500, body: {}, times: 4 })
    await stores.reads.readAll()
    expect(stores.reads.failed.size).toBe(1)
  })
})
