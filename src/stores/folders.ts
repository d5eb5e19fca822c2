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
  /** The editor's choice for new uploads in this iframe, and the field instance it is for. */
  const chosen = ref<{ uid: string | undefined; folder: FolderTarget } | undefined>(undefined)
  /** The choice each field instance kept across re-created iframes, read on first need. */
  const kept = new Map<string, FolderTarget | undefined>()
  let wanted = false

  /** The folders with their paths, in tree order (the root is the component's to add). */
  const choices = computed(() => (list.value ? folderChoices(list.value) : []))
  const rootAllowed = computed(() => list.value?.rootAllowed ?? true)
  /** Where a new upload goes now: the editor's choice, else the kept one, else the default. */
  const target = computed(() =>
    targetFolder(
      list.value,
      chosen.value && chosen.value.uid === session.uid
        ? chosen.value.folder
        : keptChoice(session.uid),
      session.options?.assetFolderId,
    ),
  )

  /**
   * Read when a target is first needed rather than at start: the first read of the tab's
   * storage is a synchronous round trip in a cross-site frame (5 ms a field at CPU 4x), which
   * the first render of a field with no file to upload does not need (BENCHMARKS.md, "Load time
   * and stillness").
   */
  function keptChoice(uid: string | undefined): FolderTarget | undefined {
    if (!uid) return undefined
    if (!kept.has(uid)) kept.set(uid, loadFolderChoice(uid, env.storage))
    return kept.get(uid)
  }

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
  function choose(folder: FolderTarget) {
    chosen.value = { uid: session.uid, folder }
    if (!session.uid) return
    kept.set(session.uid, folder)
    saveFolderChoice(session.uid, folder, env.storage)
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
    kept.clear()
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
