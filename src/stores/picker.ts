// "Choose from library": the editor's own asset picker, then the asset as the library holds it:
// the field's asset (single mode), the described item's (multiple mode), or a new item at the
// end of the list (./assetList.ts), which never reads this store.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef, watch } from 'vue'
import { InvalidAssetIdError } from '../api/errors'
import { parseAssetId } from '../domain/asset'
import { useAssetListStore } from './assetList'
import { useSessionStore } from './session'

export const usePickerStore = defineStore('picker', () => {
  const session = useSessionStore()
  const list = useAssetListStore()
  /** Why the last pick failed; cleared when another item (or none) is shown. */
  const error = shallowRef<unknown>(null)

  watch([() => list.openKey, () => list.generation], $reset, { flush: 'sync' })

  async function choose() {
    const client = session.client
    const picking = client && session.selectAsset()
    if (!picking) return
    error.value = null
    const selected = await picking
    const generation = list.generation
    const described = list.openKey
    try {
      // Ids are checked before any request; the official Sandbox answers at once with a
      // placeholder of id 0, which is not an asset to read.
      const id = parseAssetId(selected.id)
      if (id === null) throw new InvalidAssetIdError()
      const picked = await client.getAsset(id)
      // The field's value was opened anew meanwhile: the pick was for the old one.
      if (generation !== list.generation) return
      if (list.multiple && described !== null) list.replaceAsset(described, picked)
      // The button is disabled once the list is full; a pick still open then is not added.
      else if (!list.multiple || list.hasRoom) list.addAsset(picked)
    } catch (failure) {
      if (generation === list.generation) error.value = failure
    }
  }

  function $reset() {
    error.value = null
  }

  return { error, choose, $reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePickerStore, import.meta.hot))
