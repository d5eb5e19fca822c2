// Reading the library for the items of a `multiple` field that were opened from the field's
// value: their expiry and tags live only in the library (the native field stores neither), and
// the list's badges ("Expired") and "Describe selected" need them. Read one after another in
// the background while the list is shown (the client keeps the rate limit), and on demand for
// the items a step of "Describe selected" is about. The open item is the form's to read
// (./assetForm.ts); reading it here too would only cost a call, never change what it shows.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { assetIdOf, type AssetItem } from '../domain/item'
import { useAssetListStore } from './assetList'
import { useSessionStore } from './session'

export const useLibraryReadsStore = defineStore('libraryReads', () => {
  const session = useSessionStore()
  const list = useAssetListStore()
  /** Why the last read of an item failed, per key: not read again in the background. */
  const failed = shallowRef<ReadonlyMap<number, unknown>>(new Map())
  /** The background reading runs. */
  const reading = ref(false)
  const inFlight = new Map<number, Promise<void>>()

  /** Opened from the field and not read yet. */
  const isUnread = (item: AssetItem) => !item.asset && !item.upload && !!item.fromField
  const unread = computed(() => list.items.filter(isUnread))

  function setFailed(key: number, error: unknown) {
    const next = new Map(failed.value)
    if (error === undefined) next.delete(key)
    else next.set(key, error)
    failed.value = next
  }

  /** Reads item `key` unless it is read or being read; never rejects (a failure is noted). */
  function readOne(key: number): Promise<void> {
    const item = list.find(key)
    const id = item && isUnread(item) ? assetIdOf(item) : undefined
    const client = session.client
    if (id === undefined || !client) return Promise.resolve()
    const running = inFlight.get(key)
    if (running) return running
    const generation = list.generation
    const read = client
      .getAsset(id)
      .then((asset) => {
        // The field's value was opened anew meanwhile: the answer is for an item that is gone.
        if (generation === list.generation) list.markRead(key, asset)
        setFailed(key, undefined)
      })
      .catch((error: unknown) => setFailed(key, error))
      .finally(() => inFlight.delete(key))
    inFlight.set(key, read)
    return read
  }

  /** Reads every unread item that has not failed, one after another, while there is one. */
  async function readAll(): Promise<void> {
    if (reading.value) return
    reading.value = true
    try {
      // Bounded by the list: each pass reads or fails one item, which then leaves the queue.
      for (let pass = 0; pass < list.items.length; pass++) {
        const next = unread.value.find((item) => !failed.value.has(item.key))
        if (!next) break
        await readOne(next.key)
      }
    } finally {
      reading.value = false
    }
  }

  /** Reads the given items (again after a failure); resolves with those still unread. */
  async function readItems(keys: readonly number[]): Promise<AssetItem[]> {
    for (const key of keys) await readOne(key)
    return keys.flatMap((key) => {
      const item = list.find(key)
      return item && isUnread(item) ? [item] : []
    })
  }

  function $reset() {
    failed.value = new Map()
    reading.value = false
    inFlight.clear()
  }

  return { failed, reading, unread, readAll, readItems, $reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useLibraryReadsStore, import.meta.hot))
