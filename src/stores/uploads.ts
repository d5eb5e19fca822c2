// The uploads of this browser: the reactive view over the framework-free queue
// (api/upload/queue.ts) and pipeline (api/upload/run.ts), one upload per item of the list
// (./assetList.ts). An item exists from the moment its upload starts, so the editor describes
// it while the bytes fly; what the sign call could not carry is written once the upload ends,
// and the item then holds the finished asset with those texts. A failed or cancelled upload
// keeps the item, and its texts, for Retry. The form, the list and the uploader all read it.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { isAbortError, isHttpError } from '../api/errors'
import { saveDraft } from '../api/saveDraft'
import { removeCreated } from '../api/upload/cleanUp'
import { itemRequest } from '../api/upload/itemRequest'
import { batchProgress, isActiveStep, queuedState, type UploadState } from '../api/upload/progress'
import { createJob, type UploadJob } from '../api/upload/job'
import { createUploadQueue } from '../api/upload/queue'
import { runUpload } from '../api/upload/run'
import type { Asset } from '../domain/asset'
import type { AssetDraft } from '../domain/draft'
import { storyblokTypeOf } from '../domain/fileRules/contentTypes'
import { withUploadSize, type AssetItem, type ItemUpload } from '../domain/item'
import { useAssetListStore } from './assetList'
import { uploadEnvironmentOf, useStoreEnvironment } from './environment'
import { useSessionStore } from './session'

/** Uploads under way at once: at most this many S3 transfers. */
const PARALLEL = 3
/** A redraw per progress event costs ~10 ms of CPU: a few per second are enough. */
const PROGRESS_EVERY_MS = 100

export const useUploadsStore = defineStore('uploads', () => {
  const env = useStoreEnvironment()
  const session = useSessionStore()
  const list = useAssetListStore()
  const states = shallowRef<ReadonlyMap<number, UploadState>>(new Map())
  /** Each item's upload, kept across Retry: an asset it created is reused, never doubled. */
  const jobs = new Map<number, UploadJob>()
  /** The files of the batch under way (since nothing was left to upload), by item, with their sizes. */
  const batchBytes = ref<ReadonlyMap<number, number>>(new Map())
  /** With `multiple`: the files an earlier iframe of this field had not uploaded (named, to drop again). */
  const interrupted = ref<string[]>([])
  const queue = createUploadQueue<number>({
    parallel: PARALLEL,
    connectivity: env.connectivity,
    now: env.now,
  })

  const environment = () => uploadEnvironmentOf(env, session.journal ?? undefined)

  const stateOf = (key: number): UploadState | undefined => states.value.get(key)
  const isActive = (key: number): boolean => isActiveStep(stateOf(key)?.step)

  function setState(key: number, patch: Partial<UploadState>) {
    const before = stateOf(key) ?? queuedState()
    states.value = new Map(states.value).set(key, { ...before, ...patch })
  }

  /**
   * Something uploads in this iframe: the larger view, which re-creates the iframe, would cut
   * it off.
   */
  const busy = computed(() => [...states.value.keys()].some(isActive))

  /** The progress of the batch: files and bytes, and how many of them are uploaded. */
  const batch = computed(() => batchProgress(batchBytes.value, states.value))

  /** Reads an image's pixel size for its sign call and focus picker, once. */
  async function readSize(key: number): Promise<void> {
    const upload = list.find(key)?.upload
    if (!upload || upload.size) return
    const type = storyblokTypeOf(upload.filename, upload.file.type)
    const size = await env.imageSize(upload.file, type)
    list.update(key, (item) => withUploadSize(item, size), { edit: false })
  }

  /** The job of item `key` as it runs now: its file, name, size, folder and sign texts. */
  function jobFor(item: AssetItem): UploadJob | null {
    const client = session.client
    const request =
      client &&
      itemRequest(item, {
        client,
        language: session.language,
        assetFolderId: session.options?.assetFolderId,
        current: () => list.find(item.key),
      })
    return request ? createJob(request) : null
  }

  async function run(key: number, signal: AbortSignal): Promise<void> {
    await readSize(key)
    const item = list.find(key)
    // Removed or cancelled while its size was read: never sent.
    if (!item) return
    if (signal.aborted) return setState(key, { step: 'cancelled' })
    const job = jobs.get(key) ?? jobFor(item)
    if (!job) return setState(key, { step: 'error', error: null })
    jobs.set(key, job)
    /** The item's upload is still this one (not discarded, not replaced). */
    const current = () => jobs.get(key) === job
    let shown = 0
    const outcome = await runUpload(job, {
      env: environment(),
      signal,
      hooks: {
        onStep: (step) => current() && setState(key, { step }),
        onProgress: (progress) => {
          const at = env.now()
          if (!current() || (at - shown < PROGRESS_EVERY_MS && progress.loaded < progress.total))
            return
          shown = at
          setState(key, { progress })
        },
        onRetry: (error) => {
          if (isHttpError(error) && error.status === 429) queue.backOff(error.retryAfterMs ?? 1000)
        },
      },
    })
    if (!current()) return
    if (outcome.ok) return finished(key, outcome.asset)
    const { error, cleanupError = null } = outcome
    setState(key, { step: isAbortError(error) ? 'cancelled' : 'error', error, cleanupError })
  }

  /**
   * The upload of item `key` ended in the library: the item holds the asset, and what the editor
   * wrote after the sign call is written to the library now.
   */
  async function finished(key: number, asset: Asset) {
    const ticket = jobs.get(key)?.ticket
    jobs.delete(key)
    setState(key, {
      step: 'done',
      progress: { loaded: asset.content_length ?? 0, total: asset.content_length ?? 0 },
    })
    list.attachAsset(key, asset)
    const client = session.client
    if (!client) return
    try {
      const outcome = await saveDraft(client, {
        baseline: asset,
        latest: asset,
        draft: () => list.find(key)?.draft ?? null,
        language: session.language,
        ticket,
      })
      if (outcome?.kind === 'saved') list.takeSaved(key, outcome.saved, outcome.fields)
    } catch (error) {
      setState(key, { textsError: error })
    }
  }

  /** Queues item `key`'s upload (again, after a failure or a cancel); `hold`: counted, not yet queued. */
  function start(key: number, { priority = 0, hold = false } = {}) {
    const item = list.find(key)
    if (!item?.upload) return
    // A new batch once the last one has nothing left to upload (it stays counted until then).
    if (!busy.value) batchBytes.value = new Map()
    if (!batchBytes.value.has(key))
      batchBytes.value = new Map(batchBytes.value).set(key, item.upload.file.size)
    setState(key, { step: 'queued', error: null, cleanupError: null, textsError: null })
    if (hold) return
    void readSize(key)
    queue.add(key, { run: (signal) => run(key, signal) }, { priority })
  }

  /** A new file, from the start described in the form (`extra`: its folder, its location check). */
  function add(file: File, filename: string, draft: AssetDraft, extra: Partial<ItemUpload> = {}) {
    const upload: ItemUpload = { file, filename, size: null, replaces: false, ...extra }
    const key = list.addUpload(upload, draft)
    start(key)
    return key
  }

  /** "Replace file": a new file under the asset of item `key`; the draft stays and goes along. */
  function replace(key: number, file: File, filename: string, extra: Partial<ItemUpload> = {}) {
    const upload: ItemUpload = { file, filename, size: null, replaces: true, ...extra }
    jobs.delete(key)
    list.update(key, (item) => ({ ...item, upload }), { edit: false })
    start(key, { priority: 1 })
  }

  /** Cancels item `key`'s upload: it stays, with Retry, its texts kept. */
  function cancel(key: number) {
    if (!isActive(key)) return
    if (!queue.isRunning(key)) setState(key, { step: 'cancelled' })
    else setState(key, { step: 'cancelling' })
    queue.cancel(key)
  }

  /** Retries a failed or cancelled upload: only what is left (finishing, when the file is stored). */
  function retry(key: number) {
    const step = stateOf(key)?.step
    if (step === 'error' || step === 'cancelled') start(key, { priority: 1 })
  }

  /**
   * The editor gave up on item `key`'s upload (the item left the list, or "Keep the current
   * file"): it stops, and an unfinished entry it created is removed (a failure leaves it to the
   * journal's sweep at the next start).
   */
  function discard(key: number) {
    const job = jobs.get(key)
    // A running upload removes what it created itself once aborted.
    const running = queue.isRunning(key)
    queue.cancel(key)
    jobs.delete(key)
    const next = new Map(states.value)
    next.delete(key)
    states.value = next
    batchBytes.value = new Map([...batchBytes.value].filter(([other]) => other !== key))
    if (job && !running) {
      const context = { env: environment(), hooks: {}, signal: new AbortController().signal }
      void removeCreated(job, context)
    }
  }

  /** "Keep the current file": a replace that failed or was cancelled is given up. */
  function keepCurrent(key: number) {
    discard(key)
    list.update(key, (item) => ({ ...item, upload: null }), { edit: false })
  }

  // An item that leaves the list takes its upload along.
  watch(
    () => list.items,
    (items) => {
      for (const key of [...jobs.keys(), ...states.value.keys()])
        if (!items.some((item) => item.key === key)) discard(key)
    },
  )

  function $reset() {
    queue.clear()
    jobs.clear()
    states.value = new Map()
    batchBytes.value = new Map()
    interrupted.value = []
  }

  return {
    states,
    busy,
    batch,
    interrupted,
    stateOf,
    isActive,
    start,
    add,
    replace,
    cancel,
    retry,
    discard,
    keepCurrent,
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useUploadsStore, import.meta.hot))
