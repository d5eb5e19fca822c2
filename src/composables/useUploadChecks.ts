// The uploader's checks before anything is sent (one asset, and "Replace file"): the chosen
// photo is read for the place where it was taken, the file to send follows "Keep location",
// and a new upload is looked for in its target folder of the library (one search request per
// stored name and folder; what is found is compared again, without a request, when the privacy
// or "Keep location" changes).
import { computed, ref, shallowRef, type Ref } from 'vue'
import { libraryCandidates, sameFile } from '../api/upload/duplicates'
import { inspectPhoto } from '../api/upload/photoLocation'
import type { Asset } from '../domain/asset'
import type { FolderTarget } from '../domain/folders'
import { fileToSend, type LocationCheck } from '../domain/locationCheck'
import { useSessionStore } from '../stores/session'

export interface UploadChecksInput {
  file: Readonly<Ref<File | null>>
  /** The name it will be stored as. */
  filename: Readonly<Ref<string>>
  folder: Readonly<Ref<FolderTarget>>
  isPrivate: Readonly<Ref<boolean>>
  /** A replace: the library is not searched (the file goes under an existing asset). */
  replacing: boolean
}

export function useUploadChecks(input: UploadChecksInput) {
  const session = useSessionStore()
  const location = shallowRef<LocationCheck | null>(null)
  const inspecting = ref(false)
  /** "Keep location"; the field's option sets where it starts. */
  const keep = ref(false)
  let run = 0

  /** The file to send: the copy without the location unless it is kept. */
  const sending = computed(
    () => input.file.value && fileToSend(input.file.value, location.value, keep.value),
  )
  const search = useDuplicateSearch(input, sending)

  /** Reads the chosen photo; resolves with what it found (`null`: nothing to say, or outdated). */
  async function inspect(chosen: File): Promise<LocationCheck | null> {
    const mine = ++run
    location.value = null
    keep.value = !!session.options?.keepLocation
    inspecting.value = true
    const check = await inspectPhoto(chosen)
    if (mine !== run) return null
    location.value = check
    inspecting.value = false
    return check
  }

  function reset() {
    run++
    location.value = null
    inspecting.value = false
    search.reset()
  }

  return {
    location,
    inspecting,
    keep,
    sending,
    duplicate: search.duplicate,
    inspect,
    findDuplicate: search.findDuplicate,
    reset,
  }
}

/** The library search for the same file: once per folder and stored name, compared again without a request. */
function useDuplicateSearch(
  { file, filename, folder, isPrivate, replacing }: UploadChecksInput,
  sending: Readonly<Ref<File | null>>,
) {
  const session = useSessionStore()
  /** What the search found, per folder and stored name. */
  const found = shallowRef<ReadonlyMap<string, readonly Asset[]>>(new Map())
  const searchKey = () => `${folder.value}:${filename.value}`
  /** The library's asset that is this file (same stored name, size, folder and privacy). */
  const duplicate = computed(() => {
    const candidates = found.value.get(searchKey())
    const size = sending.value?.size
    if (!candidates || size === undefined) return null
    return sameFile(candidates, {
      filename: filename.value,
      size,
      folder: folder.value,
      isPrivate: isPrivate.value,
    })
  })

  /** Searches the library once per folder and name; resolves with the same file, if any. */
  async function findDuplicate(): Promise<Asset | null> {
    const client = session.client
    const key = searchKey()
    if (replacing || !client || !file.value) return null
    if (!found.value.has(key)) {
      try {
        const query = { filename: filename.value, folder: folder.value }
        found.value = new Map(found.value).set(key, await libraryCandidates(client, query))
      } catch {
        // The upload must not depend on the search: without an answer it simply goes ahead.
        return null
      }
    }
    return duplicate.value
  }

  return { duplicate, findDuplicate, reset: () => (found.value = new Map()) }
}
