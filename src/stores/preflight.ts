// Before anything is sent, with the `multiple` option: every file that passed the checks is
// read for the place where it was taken and becomes an item of the list at once; then it is
// looked for in the library (one search request each, one after another in the order of the
// drop) and uploads unless the library holds it already. Two things make an item wait for the
// editor while the others go on: a photo that holds a location (it waits with its own "Keep
// location" and Upload; the default, without the location, is one click for all of them), and a
// file the library holds already ("Use the existing asset" or "Upload anyway"). Nothing of a
// waiting item has been sent. One asset (single mode) does the same in the uploader.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { findInLibrary } from '../api/upload/duplicates'
import { inspectPhoto } from '../api/upload/photoLocation'
import type { Asset } from '../domain/asset'
import type { AssetDraft } from '../domain/draft'
import type { FolderTarget } from '../domain/folders'
import { keepingLocation, newUpload, withLibraryAsset } from '../domain/item'
import { useAssetListStore } from './assetList'
import { useSessionStore } from './session'
import { useUploadsStore } from './uploads'

/** Why an item waits before its upload. */
export type Hold =
  /** Its photo holds a location: the editor uploads it with or without. */
  | { kind: 'location' }
  /** Its search in the library is under way (or waits for the one before). */
  | { kind: 'looking' }
  /** The library holds this file already (same name, size, folder and privacy). */
  | { kind: 'duplicate'; asset: Asset }

export const usePreflightStore = defineStore('preflight', () => {
  const session = useSessionStore()
  const list = useAssetListStore()
  const uploads = useUploadsStore()
  const holds = shallowRef<ReadonlyMap<number, Hold>>(new Map())
  /** The searches run one after another: a drop of 20 files never holds the rate limit's places. */
  let lookups: Promise<void> = Promise.resolve()

  const holdOf = (key: number): Hold | undefined => holds.value.get(key)
  /** The items whose photo holds a location, waiting for the editor. */
  const located = computed(() =>
    [...holds.value].flatMap(([key, hold]) => (hold.kind === 'location' ? [key] : [])),
  )
  /** Some file of this iframe has not been sent yet (the larger view would lose it). */
  const holding = computed(() => holds.value.size > 0)

  function setHold(key: number, hold: Hold | null) {
    const next = new Map(holds.value)
    if (hold) next.set(key, hold)
    else next.delete(key)
    holds.value = next
  }

  /**
   * A file that passed the checks: read for its location and added to the list, in the order of
   * the calls (the caller awaits each). Resolves with its item's key.
   */
  async function admit(
    file: File,
    filename: string,
    draft: AssetDraft,
    folder: FolderTarget,
  ): Promise<number> {
    const check = await inspectPhoto(file)
    const keep = !!session.options?.keepLocation
    const key = list.addUpload(newUpload(file, filename, { folder, check, keep }), draft)
    if (check?.found && !keep) setHold(key, { kind: 'location' })
    else lookUp(key)
    return key
  }

  /** "Keep location" of a waiting photo. */
  function keepLocation(key: number, keep: boolean) {
    list.update(
      key,
      (item) => (item.upload ? { ...item, upload: keepingLocation(item.upload, keep) } : item),
      { edit: false },
    )
  }

  /** Uploads a waiting photo as its "Keep location" says. */
  function release(key: number) {
    if (holdOf(key)?.kind === 'location') lookUp(key)
  }

  /** Uploads every waiting photo, each as its "Keep location" says. */
  function releaseAll() {
    for (const key of located.value) release(key)
  }

  /**
   * Looks for the item's file in the library; it uploads unless the library holds it. Meanwhile
   * it counts in the batch as waiting (and can be cancelled as such).
   */
  function lookUp(key: number) {
    setHold(key, { kind: 'looking' })
    uploads.start(key, { hold: true })
    const looking = () => holdOf(key)?.kind === 'looking'
    lookups = lookups.then(async () => {
      const item = list.find(key)
      const client = session.client
      if (!item?.upload || !client || !looking()) return
      const { filename, file, folder = null } = item.upload
      const query = { filename, size: file.size, folder, isPrivate: item.draft.is_private }
      const found = await findInLibrary(client, query)
      // Removed from the list meanwhile: nothing more to do.
      if (!looking()) return
      setHold(key, found && { kind: 'duplicate', asset: found })
      // The library holds it: the offer, also for an item cancelled meanwhile (Retry would
      // upload it without asking). Otherwise it uploads; a cancelled one on Retry.
      if (found) uploads.discard(key)
      else if (uploads.stateOf(key)?.step === 'queued') uploads.start(key)
    })
  }

  /** "Use the existing asset": the item takes it; nothing is uploaded, no asset is created. */
  function useExisting(key: number) {
    const hold = holdOf(key)
    if (hold?.kind !== 'duplicate') return
    setHold(key, null)
    list.update(key, (item) => withLibraryAsset(item, hold.asset, session.language))
  }

  /** "Upload anyway": a new asset beside the existing one. */
  function uploadAnyway(key: number) {
    if (holdOf(key)?.kind !== 'duplicate') return
    setHold(key, null)
    uploads.start(key)
  }

  // An item that leaves the list leaves its wait.
  watch(
    () => list.items,
    (items) => {
      for (const key of holds.value.keys())
        if (!items.some((item) => item.key === key)) setHold(key, null)
    },
  )

  function $reset() {
    holds.value = new Map()
    lookups = Promise.resolve()
  }

  return {
    holds,
    located,
    holding,
    holdOf,
    admit,
    keepLocation,
    release,
    releaseAll,
    useExisting,
    uploadAnyway,
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePreflightStore, import.meta.hot))
