// @vitest-environment node
// "Choose from library" in a field with the `multiple` option, against the local Storyblok on a
// real port (the single-asset picker is in ./assetForm.test.ts).
import { describe, expect, it } from 'vitest'
import { assetFieldValue } from '../fixtures/fieldValues'
import { useFormStores } from '../support/formStores'

const { setup, freshAsset } = useFormStores()

/** The stores of a `multiple` field whose editor picks `id` in the library. */
const multipleWithPick = (id: number) =>
  setup({ options: { multiple: 'true' }, picked: { id, filename: 'ignored' } })

describe('picker store', () => {
  it('adds the picked asset to the end of the list while the list is shown', async () => {
    const asset = await freshAsset()
    const { list, picker, store } = multipleWithPick(asset.id)
    list.open([assetFieldValue({ id: 1 })])
    await picker.choose()
    expect(list.values.map((value) => value.id)).toEqual([1, asset.id])
    expect.soft(list.revision).toBe(1)
    expect.soft(store.asset).toBeNull()
    expect.soft(picker.error).toBeNull()
  })

  it('adds nothing once the list holds maxFiles', async () => {
    const asset = await freshAsset()
    const { list, picker } = setup({
      options: { multiple: 'true', maxFiles: '1' },
      picked: { id: asset.id, filename: 'ignored' },
    })
    list.open([assetFieldValue({ id: 1 })])
    await picker.choose()
    expect.soft(list.values.map((value) => value.id)).toEqual([1])
    expect.soft(list.revision).toBe(0)
  })

  it('replaces the asset of the described item, in its place', async () => {
    const asset = await freshAsset()
    const { list, picker, store } = multipleWithPick(asset.id)
    list.open([assetFieldValue({ id: 1 }), assetFieldValue({ id: 2 })])
    list.describe(list.items[0]?.key ?? -1)
    await picker.choose()
    expect.soft(store.asset?.id).toBe(asset.id)
    expect.soft(list.values.map((value) => value.id)).toEqual([asset.id, 2])
  })

  it('opens the picked asset in the form of a field without the option', async () => {
    const asset = await freshAsset()
    const { list, picker, store } = setup({ picked: { id: asset.id, filename: 'ignored' } })
    await picker.choose()
    expect(store.asset?.id).toBe(asset.id)
    // The field's one item, open in the form.
    expect(list.items.map((item) => item.asset?.id)).toEqual([asset.id])
    expect(list.openKey).toBe(store.key)
  })
})
