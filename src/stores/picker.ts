// "Choose from library": the editor's own asset picker, then the asset as the library holds it,
// opened in the form (./assetForm.ts), or added to the list while a `multiple` field shows it
// (./assetList.ts). Neither reads this store.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef, watch } from 'vue'
import { InvalidAssetIdError } from '../api/errors'
import { parseAssetId } from '../domain/asset'
import { useAssetFormStore } from './assetForm'
import { useAssetListStore } from './assetList'
import { useSessionStore } from './session'

export const usePickerStore = defineStore('picker', () => {
  const session = useSessionStore()
  const form = useAssetFormStore()
  const list = useAssetListStore()
  /** Why the last pick failed; cleared when the form opens another asset (or none). */
  const error = shallowRef<unknown>(null)

  watch(() => form.opened, $reset, { flush: 'sync' })

  async function choose() {
    const selectAsset = session.actions?.selectAsset
    const client = session.client
    if (!selectAsset || !client) return
    error.value = null
    const selected = await selectAsset()
    const run = form.opened
    try {
      // Ids are checked before any request; the official Sandbox answers at once with a
      // placeholder of id 0, which is not an asset to read.
      const id = parseAssetId(selected.id)
      if (id === null) throw new InvalidAssetIdError()
      const picked = await client.getAsset(id)
      if (run !== form.opened) return
      if (!list.active || list.openKey !== null) form.setAsset(picked)
      // The button is disabled once the list is full; a pick still open then is not added.
      else if (list.hasRoom) list.add(picked)
    } catch (failure) {
      if (run === form.opened) error.value = failure
    }
  }

  function $reset() {
    error.value = null
  }

  return { error, choose, $reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePickerStore, import.meta.hot))
