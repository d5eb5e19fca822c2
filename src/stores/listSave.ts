// "Save all to asset library" for a field with the `multiple` option: every item the editor
// changed is saved as the form's Save would save it (api/saveDraft.ts, the same conflict rules),
// one after another, and the outcome is kept per item. Reads the list (./assetList.ts) and
// gives the library's answers to its items; the list never reads this store.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { saveDraft } from '../api/saveDraft'
import { assetIdOf, dirtyFieldsOf, hasChanges, needsAlt, type AssetItem } from '../domain/item'
import { useAssetListStore } from './assetList'
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

  /** The item, read from the library first when it was edited before its asset was read. */
  async function readItem(key: number): Promise<AssetItem | undefined> {
    const item = list.find(key)
    const id = item && assetIdOf(item)
    const client = session.client
    if (!item || item.asset || id === undefined || !client) return item
    list.markRead(key, await client.getAsset(id))
    return list.find(key)
  }

  /** Saves one item; never rejects (a failure is its outcome). */
  async function saveItem(key: number) {
    const client = session.client
    if (!client) return
    try {
      const item = await readItem(key)
      if (!item?.asset) return
      if (!dirtyFieldsOf(item, session.language).length) return report(key, { status: 'saved' })
      if (needsAlt(item, !!session.options?.requireAlt)) return report(key, { status: 'invalid' })
      report(key, { status: 'saving' })
      const outcome = await saveDraft(client, {
        baseline: item.asset,
        // The item as it is when the library answers: edits made meanwhile are saved too.
        draft: () => list.find(key)?.draft ?? null,
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
   * Saves every item with changes, one after another (the client keeps the rate limit); an
   * item still uploading is written when its upload ends (./uploads.ts). Resolves with the
   * items that were not saved.
   */
  async function saveAll(): Promise<AssetItem[]> {
    if (saving.value || !session.client) return []
    saving.value = true
    results.value = new Map()
    const changed = list.items.filter((item) => !item.upload && hasChanges(item, session.language))
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
