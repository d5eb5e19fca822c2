// "Save to asset library": writes what the editor changed since the form read the asset, and
// what came of it (saved, refused, a conflict to decide). Reads the form (./assetForm.ts) and
// gives the library's answer to the item (./assetList.ts); neither reads this store. A save
// that ends after the editor moved on to another item still gives that item its answer.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import { saveDraft } from '../api/saveDraft'
import type { Asset } from '../domain/asset'
import type { LibraryField } from '../domain/draft'
import { useAssetFormStore } from './assetForm'
import { useAssetListStore } from './assetList'
import { useSessionStore } from './session'

/** `invalid`: not sent, the form says why (e.g. alt text required). */
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'conflict' | 'invalid' | 'error'

export interface Conflict {
  /** The asset as it is in the library now. */
  latest: Asset
  /** Fields the editor changed that the library changed meanwhile, to other values. */
  fields: LibraryField[]
}

export const useAssetSaveStore = defineStore('assetSave', () => {
  const session = useSessionStore()
  const form = useAssetFormStore()
  const list = useAssetListStore()
  const status = ref<SaveStatus>('idle')
  const error = shallowRef<unknown>(null)
  const conflict = shallowRef<Conflict | null>(null)

  // Another item (or none) on screen: nothing of the last one's save applies to what is shown.
  watch(() => form.key, $reset, { flush: 'sync' })
  // An edit after "Saved" (or after "alt text required") starts a new, unsaved state.
  watch(
    () => form.draft,
    () => {
      if (status.value === 'saved' || status.value === 'invalid') status.value = 'idle'
    },
  )

  /**
   * Writes what the editor changed since the form read the asset, then re-reads it. If the
   * library changed one of those fields meanwhile, nothing is written: `conflict` says which,
   * and the editor chooses (`save({ overwrite: true })` or `acceptLibrary()`). Every edit
   * survives a failure.
   */
  async function save({ overwrite = false }: { overwrite?: boolean } = {}): Promise<boolean> {
    const baseline = form.asset
    const client = session.client
    const key = form.key
    if (!client || !baseline || key === null) return false
    if (form.altMissing) {
      status.value = 'invalid'
      return false
    }
    /** The item is still on screen: the outcome is shown. Saved or not, it is the item's. */
    const shown = () => key === form.key
    status.value = 'saving'
    error.value = null
    try {
      const outcome = await saveDraft(client, {
        baseline,
        // Read once the library has answered, so that what the editor typed meanwhile is saved too.
        draft: () => list.find(key)?.draft ?? null,
        language: form.language,
        overwrite,
      })
      if (!outcome) return false
      if (outcome.kind === 'saved') list.takeSaved(key, outcome.saved, outcome.fields)
      if (!shown()) return outcome.kind === 'saved'
      conflict.value =
        outcome.kind === 'conflict' ? { latest: outcome.latest, fields: outcome.fields } : null
      status.value = outcome.kind === 'conflict' ? 'conflict' : 'saved'
      return outcome.kind === 'saved'
    } catch (failure) {
      if (!shown()) return false
      error.value = failure
      status.value = 'error'
      return false
    }
  }

  /** In a conflict: take the library's values for the conflicting fields (an undoable step). */
  function acceptLibrary() {
    const open = conflict.value
    if (!open) return
    conflict.value = null
    status.value = 'idle'
    form.takeLibrary(open.latest, open.fields)
  }

  function $reset() {
    status.value = 'idle'
    error.value = conflict.value = null
  }

  return { status, error, conflict, save, acceptLibrary, $reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAssetSaveStore, import.meta.hot))
