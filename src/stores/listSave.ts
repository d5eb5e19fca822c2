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

  const find = (key: number) => list.items.find((item) => item.key === key)

  /** Saves one item; never rejects (a failure is its outcome). */
  async function saveItem(key: number) {
    const client = session.client
    let item = find(key)
    if (!client || !item) return
    try {
      // Edited, but its asset was never read (the editor moved on first): read it now.
      if (!item.asset) await list.loadItem(key)
      item = find(key)
      if (!item?.asset) return
      if (!list.dirtyFields(item).length) return report(key, { status: 'saved' })
      if (list.needsAlt(item)) return report(key, { status: 'invalid' })
      report(key, { status: 'saving' })
      const before = item.draft
      const outcome = await saveDraft(client, {
        baseline: item.asset,
        // The item as it is when the library answers: edits made meanwhile are saved too.
        draft: () => find(key)?.draft ?? before,
        language: session.language,
      })
      if (outcome?.kind === 'conflict') return report(key, { status: 'conflict' })
      if (outcome) list.takeSaved(key, outcome.saved, outcome.fields)
      report(key, { status: 'saved' })
    } catch (error) {
      report(key, { status: 'error', error })
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
    const changed = list.items.filter((item) =>
      item.asset ? list.dirtyFields(item).length > 0 : item.history.undo.length > 0,
    )
    for (const item of changed) await saveItem(item.key)
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
