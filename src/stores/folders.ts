// The space's asset folders for "Upload to folder": read once when first needed, the editor's
// choice for new uploads (remembered per field instance across re-created iframes), and the
// folder a new upload goes to. Through the upload gateway, only the folders it allows.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { folderChoices, targetFolder, type FolderList, type FolderTarget } from '../domain/folders'
import { loadFolderChoice, saveFolderChoice } from '../plugin/folderChoice'
import { useStoreEnvironment } from './environment'
import { useSessionStore } from './session'

export const useFoldersStore = defineStore('folders', () => {
  const env = useStoreEnvironment()
  const session = useSessionStore()
  /** The list as last read; `null` until then. */
  const list = shallowRef<FolderList | null>(null)
  const error = shallowRef<unknown>(null)
  const loading = ref(false)
  /** The editor's choice for new uploads; `undefined` until one is made (the default applies). */
  const chosen = ref<FolderTarget | undefined>(undefined)
  let wanted = false

  /** The folders with their paths, in tree order (the root is the component's to add). */
  const choices = computed(() => (list.value ? folderChoices(list.value) : []))
  const rootAllowed = computed(() => list.value?.rootAllowed ?? true)
  /** Where a new upload goes now. */
  const target = computed(() =>
    targetFolder(list.value, chosen.value, session.options?.assetFolderId),
  )

  async function load() {
    const client = session.client
    if (!client || loading.value) return
    loading.value = true
    error.value = null
    try {
      // The request waits for the paint of what is on screen now.
      await env.afterPaint()
      const answer = await client.listFolders()
      // An answer for a client that is no longer the session's is not this space's list.
      if (session.client === client) list.value = answer
    } catch (caught) {
      if (session.client === client) error.value = caught
    } finally {
      loading.value = false
    }
  }

  /** Reads the list unless it was read (or is being read) for this client. */
  function ensure() {
    wanted = true
    if (!list.value && !error.value) void load()
  }

  // Another client (other options) may see other folders; read again once needed.
  watch(
    () => session.client,
    () => {
      list.value = null
      error.value = null
      if (wanted) void load()
    },
  )
  watch(
    () => session.uid,
    (uid) => (chosen.value = uid ? loadFolderChoice(uid, env.storage) : undefined),
    { immediate: true },
  )

  function choose(folder: FolderTarget) {
    chosen.value = folder
    if (session.uid) saveFolderChoice(session.uid, folder, env.storage)
  }

  /** The path of a folder of the list; `null` for the root, `undefined` when it is not listed. */
  function pathOf(folder: FolderTarget): string | null | undefined {
    if (folder === null) return null
    return choices.value.find((choice) => choice.id === folder)?.path
  }

  function $reset() {
    list.value = null
    error.value = null
    chosen.value = undefined
    wanted = false
  }

  return {
    list,
    error,
    loading,
    chosen,
    choices,
    rootAllowed,
    target,
    load,
    ensure,
    choose,
    pathOf,
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFoldersStore, import.meta.hot))
