// The space's asset tags (the tags endpoint), for their names in the form and in "Describe
// selected": read once per client, on first use, and again on request after a failure. An
// asset's tags are ids; a tag the catalogue does not name (deleted since, or the catalogue
// could not be read) is still shown and kept, by its number.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ManagementClient } from '../api/types'
import type { InternalTag } from '../domain/tags'
import { useStoreEnvironment } from './environment'
import { useSessionStore } from './session'

export type TagsStatus = 'idle' | 'loading' | 'loaded' | 'error'

export const useTagsStore = defineStore('tags', () => {
  const session = useSessionStore()
  const env = useStoreEnvironment()
  const tags = shallowRef<readonly InternalTag[]>([])
  const status = ref<TagsStatus>('idle')
  const error = shallowRef<unknown>(null)
  /** The client the catalogue was read with: another client (other options) reads it anew. */
  let readWith: ManagementClient | null = null
  /** Counts reads, so that an answer for an older read is dropped. */
  let reads = 0

  const names = computed(() => new Map(tags.value.map((tag) => [tag.id, tag.name])))

  /** Reads the catalogue unless it was read with the current client (`force`: read again). */
  async function load({ force = false } = {}): Promise<void> {
    const client = session.client
    if (!client || (!force && readWith === client && status.value !== 'error')) return
    readWith = client
    const read = ++reads
    status.value = 'loading'
    error.value = null
    try {
      // "Loading the tags…" is on screen at once; the request waits for its paint.
      await env.afterPaint()
      const answer = await client.listTags()
      if (read !== reads) return
      tags.value = [...answer].sort((a, b) => a.name.localeCompare(b.name))
      status.value = 'loaded'
    } catch (failure) {
      if (read !== reads) return
      error.value = failure
      status.value = 'error'
    }
  }

  function $reset() {
    reads++
    readWith = null
    tags.value = []
    status.value = 'idle'
    error.value = null
  }

  return { tags, status, error, names, load, $reset }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useTagsStore, import.meta.hot))
