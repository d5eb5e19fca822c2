// "Save all to asset library" for a field with the `multiple` option: every item the editor
// changed is saved as the form's Save would save it (api/saveDraft.ts, the same conflict rules),
// one after another, and the outcome is kept per item. Reads the list (./assetList.ts); the list
// never reads this store.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { saveDraft } from '../api/saveDraft'
import { useAssetListStore, type ListItem } from './assetList'
import { useSessionStore } from './session'

/** `invalid`: not sent, alt text is required; `conflict`: changed in the library meanwhile. */
export type ItemSaveStatus = 'saving' | 'saved' | 'conflict' | 'invalid' | 'error'

export interface ItemSave {
  status: ItemSaveStatus
  error?: unknown
}

export const useListSaveStore = defineStore('listSave', () => {
  const session = useSessionStore()
  const list = useAssetListStore()
  /** The last "Save all"'s outcome per item key. */
  const results = shallowRef<ReadonlyMap<number, ItemSave>>(new Map())
  const saving = ref(false)

  function report(key: number, outcome: ItemSave) {
    results.value = new Map(results.value).set(key, outcome)
  }

  /** Saves one item; never rejects (a failure is its outcome). */
  async function saveItem(item: ListItem) {
    const client = session.client
    if (!client || !item.asset) return
    if (list.needsAlt(item)) return report(item.key, { status: 'invalid' })
    report(item.key, { status: 'saving' })
    try {
      const outcome = await saveDraft(client, {
        baseline: item.asset,
        // The item as it is when the library answers: edits made meanwhile are saved too.
        draft: () => list.items.find((now) => now.key === item.key)?.draft ?? item.draft,
        language: session.language,
      })
      if (outcome?.kind === 'conflict') return report(item.key, { status: 'conflict' })
      if (outcome) list.takeSaved(item.key, outcome.saved, outcome.fields)
      report(item.key, { status: 'saved' })
    } catch (error) {
      report(item.key, { status: 'error', error })
    }
  }

  /**
   * Saves every item with changes, one after another (the client keeps the rate limit).
   * Resolves with the items that were not saved.
   */
  async function saveAll(): Promise<ListItem[]> {
    if (saving.value || !session.client) return []
    saving.value = true
    results.value = new Map()
    const changed = list.items.filter((item) => list.dirtyFields(item).length > 0)
    for (const item of changed) await saveItem(item)
    saving.value = false
    return changed.filter((item) => results.value.get(item.key)?.status !== 'saved')
  }

  function $reset() {
    results.value = new Map()
    saving.value = false
  }

  return { results, saving, saveAll, $reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useListSaveStore, import.meta.hot))
