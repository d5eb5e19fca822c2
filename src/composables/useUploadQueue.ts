import { computed, effectScope, onScopeDispose, ref, shallowRef, type Ref } from 'vue'
import type { Asset, ManagementClient } from '../api/types'
import type { AcceptRule } from '../domain/fileRules/accept'
import { blocksUpload, type FileProblem } from '../domain/fileRules/checkFile'
import { extensionOf, typeOfExtension } from '../domain/fileRules/contentTypes'
import { finalFilename, sanitizeFilename } from '../domain/fileRules/filenames'
import { useFileCheck, type UseFileCheckOptions } from './useFileCheck'
import { readImageSize } from './useImageSize'
import { useUpload, type UseUploadOptions, type UseUploadReturn } from './useUpload'

export interface UseUploadQueueOptions extends UseUploadOptions, UseFileCheckOptions {
  /** Uploads under way at once, so at most this many S3 transfers. @default 3 */
  parallel?: number
  /** Called with each asset once it is uploaded, finished and checked, and its place in the queue. */
  onUploaded: (asset: Asset, order: number) => void
}

/** Where and under which rules the files of one `add` go. */
export interface QueueTarget {
  client: ManagementClient
  rule: AcceptRule
  /** The field's limit in bytes; `null` for Storyblok's own. */
  maxBytes: number | null
  assetFolderId?: number
}

export interface QueueEntry {
  /** Its place in the queue (increasing): the list keeps the assets in this order. */
  order: number
  file: File
  /** The name it is stored as. */
  filename: string
  /** What the check found; with a blocking problem there is no `upload`. */
  problems: readonly FileProblem[]
  upload: UseUploadReturn | null
}

export interface UseUploadQueueReturn {
  // state
  /** Files checked and refused, waiting, uploading or failed; an uploaded one leaves the queue. */
  entries: Readonly<Ref<readonly QueueEntry[]>>
  /** The files accepted since the last batch was over (nothing left to upload), and how many of them are uploaded. */
  batch: Readonly<Ref<{ files: number; done: number; bytes: number; loaded: number }>>
  // actions
  /** Checks each file and queues the ones that may be uploaded. */
  add: (files: readonly File[], target: QueueTarget) => Promise<void>
  retry: (entry: QueueEntry) => void
  /** Cancels a running upload (it stays, with Retry); a waiting or refused entry leaves. */
  cancel: (entry: QueueEntry) => void
  /** Leaves the queue; an unfinished asset entry it created is removed. */
  remove: (entry: QueueEntry) => void
}

/**
 * Many uploads at once: each file checked before anything is sent, then uploaded (sign, S3,
 * finish) with at most `parallel` under way. The client keeps the Management API rate limit for
 * all of them; a failure stays in the queue with Retry, and never touches the others.
 */
export function useUploadQueue(options: UseUploadQueueOptions): UseUploadQueueReturn {
  const { parallel = 3, onUploaded, readHead, ...uploadOptions } = options
  const entries = shallowRef<QueueEntry[]>([])
  const fileCheck = useFileCheck({ readHead })
  const scopes = new Map<QueueEntry, ReturnType<typeof effectScope>>()
  const targets = new Map<QueueEntry, QueueTarget>()
  const started = new Set<QueueEntry>()
  let order = 0
  let running = 0
  const done = ref({ files: 0, bytes: 0 })

  const batch = computed(() => {
    const uploads = entries.value.filter((entry) => entry.upload)
    let bytes = done.value.bytes
    let loaded = bytes
    for (const entry of uploads) {
      bytes += entry.file.size
      loaded += entry.upload?.progress.value?.loaded ?? 0
    }
    return { files: done.value.files + uploads.length, done: done.value.files, bytes, loaded }
  })

  function drop(entry: QueueEntry) {
    scopes.get(entry)?.stop()
    scopes.delete(entry)
    targets.delete(entry)
    started.delete(entry)
    entries.value = entries.value.filter((other) => other !== entry)
  }

  /** Runs one attempt of an entry's upload and hands the asset on. */
  async function run(
    entry: QueueEntry,
    attempt: (upload: UseUploadReturn) => Promise<Asset | null>,
  ) {
    const upload = entry.upload
    if (!upload) return
    running++
    try {
      const asset = await attempt(upload)
      if (!asset) return
      onUploaded(asset, entry.order)
      done.value = { files: done.value.files + 1, bytes: done.value.bytes + entry.file.size }
      drop(entry)
    } finally {
      running--
      next()
    }
  }

  /** Starts waiting entries while fewer than `parallel` run. */
  function next() {
    for (const entry of entries.value) {
      if (running >= parallel) return
      const target = targets.get(entry)
      if (!target || started.has(entry)) continue
      started.add(entry)
      void run(entry, async (upload) => {
        // The type Storyblok will give the file (from the name), which the browser may not know.
        const type = typeOfExtension(extensionOf(entry.filename)) ?? entry.file.type
        const size = await readImageSize(entry.file, { type })
        // Removed while its size was read: never sent.
        if (!targets.has(entry)) return null
        return upload.upload({
          client: target.client,
          file: entry.file,
          filename: entry.filename,
          metadata: { is_private: false },
          size: size ? `${size.width}x${size.height}` : undefined,
          assetFolderId: target.assetFolderId,
        })
      })
    }
  }

  async function add(files: readonly File[], target: QueueTarget) {
    // A new batch once the last one has nothing left to upload (it stays counted until then).
    if (!entries.value.some((entry) => entry.upload)) done.value = { files: 0, bytes: 0 }
    for (const file of files) {
      const name = sanitizeFilename(file.name)
      const problems = await fileCheck.check(file, {
        name,
        rule: target.rule,
        maxBytes: target.maxBytes,
      })
      const scope = effectScope(true)
      const upload = blocksUpload(problems)
        ? null
        : (scope.run(() => useUpload(uploadOptions)) ?? null)
      const entry: QueueEntry = {
        order: ++order,
        file,
        filename: finalFilename(name),
        problems,
        upload,
      }
      scopes.set(entry, scope)
      if (upload) targets.set(entry, target)
      entries.value = [...entries.value, entry]
      next()
    }
  }

  function retry(entry: QueueEntry) {
    if (entry.upload) void run(entry, (upload) => upload.retry())
  }

  function cancel(entry: QueueEntry) {
    if (entry.upload?.running.value) entry.upload.abort()
    else drop(entry)
  }

  // Leaving cancels every upload (each removes the entry it created).
  onScopeDispose(() => entries.value.forEach(drop))

  return { entries, batch, add, retry, cancel, remove: drop }
}
