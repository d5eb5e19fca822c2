// The editor session's effects: the connection to the editor (through the SDK), the field's
// value in both directions (one asset, or with the `multiple` option a list; both are the list
// store's items), what must survive a re-created iframe, and the clean-up of what an upload in
// an earlier iframe left behind. State lives in the session and list stores.
import type { FieldPluginResponse } from '@storyblok/field-plugin'
import { watch, type Ref } from 'vue'
import { cleanUpLeftovers } from '../api/upload/leftovers'
import { assetIdOf } from '../domain/item'
import { parseFieldValue } from '../domain/fieldValue'
import { parseListValue } from '../domain/listValue'
import { setLocale } from '../i18n/locale'
import { createWriteTracker } from '../plugin/echoes'
import { useFieldPlugin } from '../plugin/fieldPlugin'
import {
  loadOpenItem,
  loadSnapshot,
  saveOpenItem,
  saveQueuedNames,
  saveSnapshot,
  takeQueuedNames,
} from '../plugin/snapshots'
import { createUploadJournal, readJournal } from '../plugin/uploadJournal'
import { useAssetFormStore } from '../stores/assetForm'
import { useAssetListStore } from '../stores/assetList'
import { useStoreEnvironment } from '../stores/environment'
import { usePreflightStore } from '../stores/preflight'
import { useSessionStore } from '../stores/session'
import { useUploadsStore } from '../stores/uploads'

export interface UseEditorSessionOptions {
  /** What the editor reports. @default the SDK's connection (`useFieldPlugin`) */
  plugin?: Readonly<Ref<FieldPluginResponse<unknown>>>
  /** A write the editor never acknowledges stops counting as in flight after this long. @default 10000 */
  echoTimeoutMs?: number
}

/**
 * The field's value as this plugin reads it, for comparing (the SDK's `validateContent`
 * reorders keys); `null` for a value it does not understand, which is never one of its writes.
 */
function keyOf(content: unknown, multiple: boolean): string | null {
  if (multiple) {
    const list = parseListValue(content)
    return list.kind === 'list' ? JSON.stringify([...list.items, ...list.beyond]) : null
  }
  const value = parseFieldValue(content)
  if (value.kind === 'unknown') return null
  return JSON.stringify(value.kind === 'asset' ? value.value : null)
}

/** A plain copy for `postMessage`, which cannot clone Vue's proxies. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

export function useEditorSession(options: UseEditorSessionOptions = {}): void {
  const { echoTimeoutMs } = options
  const env = useStoreEnvironment()
  const plugin = options.plugin ?? useFieldPlugin().plugin
  const session = useSessionStore()
  const list = useAssetListStore()
  const form = useAssetFormStore()
  const uploads = useUploadsStore()
  const preflight = usePreflightStore()
  const writes = createWriteTracker({ now: env.now, timeoutMs: echoTimeoutMs })

  watch(plugin, (state) => (session.plugin = state), { immediate: true, flush: 'sync' })

  /** What the field holds as far as the list knows (`null`: not understood). */
  const listKey = (): string | null =>
    list.unknownValue ? null : keyOf(list.fieldValue, list.multiple)

  /** Opens the list on the field's value, with what an earlier iframe of this field kept. */
  function open(content: unknown, uid: string) {
    const value = parseListValue(content)
    if (value.kind === 'unknown') return list.openUnknown()
    // One asset is described at once: with `multiple`, a value of one asset is a list of one.
    const single = !list.multiple
    list.open(single ? value.items.slice(0, 1) : value.items, {
      single: !single && value.single,
      beyond: single ? [] : value.beyond,
    })
    if (!single) describeAgain(uid)
    const item = list.openItem
    const assetId = item ? assetIdOf(item) : undefined
    const saved = assetId === undefined ? null : loadSnapshot(uid, assetId, env.storage)
    if (saved) form.restore(saved)
  }

  /** With `multiple`: the item described when an earlier iframe of this field went. */
  function describeAgain(uid: string) {
    const described = loadOpenItem(uid, env.storage)
    const item = described && list.items[described.index]
    if (item && item.fromField?.id === described.assetId) list.describe(item.key)
  }

  // The field's value from the editor: opened unless it is what the list shows already or an
  // echo of one of its own writes (plugin/echoes.ts). Another story language is another value:
  // always opened, and so is the value of a field switched to or from `multiple`.
  let language: string | undefined
  let multiple: boolean | undefined
  /** The field's value as the editor holds it, as far as the plugin knows (`keyOf`). */
  let known: string | null = null
  watch(
    () => session.data,
    (data) => {
      if (!data) return
      setLocale(data.interfaceLang)
      // Once, before anything is written: the files an earlier iframe of this field had not uploaded.
      if (language === undefined && list.multiple)
        uploads.interrupted = takeQueuedNames(data.uid, env.storage)
      // A single-asset field reads a list's first item, and the other way round (parseListValue).
      const key = keyOf(data.content, list.multiple)
      const same = data.storyLang === language && list.multiple === multiple
      language = data.storyLang
      multiple = list.multiple
      const echo = key !== null && writes.received(key)
      if (same && (echo || (key !== null && key === listKey()))) return
      writes.reset()
      known = key
      open(data.content, data.uid)
    },
    { immediate: true },
  )

  // Every change the editor makes to the field's value is written at once. A change that leaves
  // it as it is (a file that starts uploading, the texts of a file still on its way) writes
  // nothing, and a value this plugin does not understand is never overwritten.
  watch(
    () => list.revision,
    () => {
      if (list.unknownValue) return
      const value = plain(list.fieldValue)
      const key = keyOf(value, list.multiple) ?? ''
      if (key === known) return
      known = key
      writes.written(key)
      session.setContent(value)
    },
  )

  // The larger view is the editor's modal; opening or closing it re-creates the iframe, so the
  // open item's history is kept in sessionStorage and taken back on open.
  watch(
    () => list.openItem,
    () => {
      const snapshot = form.snapshot()
      if (session.data && snapshot) saveSnapshot(session.uid, snapshot, env.storage)
    },
  )

  // With `multiple`: the item described, so that a re-created iframe describes it again, and
  // the files still to upload, so that it can name them.
  watch(
    () => [list.openIndex, list.openItem ? assetIdOf(list.openItem) : undefined] as const,
    ([index, assetId]) => {
      if (!session.data || !list.multiple) return
      const item = index >= 0 && assetId !== undefined ? { index, assetId } : null
      saveOpenItem(session.uid, item, env.storage)
    },
  )
  watch(
    () =>
      list.items.filter(
        (item) => item.upload && (uploads.isActive(item.key) || preflight.holdOf(item.key)),
      ),
    (pending) => {
      if (session.data && list.multiple)
        saveQueuedNames(
          session.uid,
          pending.flatMap((item) => item.upload?.filename ?? []),
          env.storage,
        )
    },
  )

  // Once per start: what an upload in an earlier iframe of this field left behind.
  const stopCleanUp = watch(
    () => session.client && session.data?.uid,
    (uid) => {
      const client = session.client
      if (!uid || !client) return
      queueMicrotask(() => stopCleanUp())
      const held = new Set(list.items.flatMap((item) => assetIdOf(item) ?? []))
      const journal = { storage: env.storage, now: env.now }
      void cleanUpLeftovers({
        client,
        entries: readJournal(uid, { ...journal, now: env.now() }),
        journal: createUploadJournal(uid, journal),
        held: (id) => held.has(id),
        noted: () =>
          readJournal(uid, { ...journal, now: env.now() }).assets.map((entry) => entry.id),
        sleep: env.sleep,
        now: env.now,
      })
    },
    { immediate: true },
  )
}
