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

/** The stores and environment the session's effects work on. */
interface SessionParts {
  env: ReturnType<typeof useStoreEnvironment>
  session: ReturnType<typeof useSessionStore>
  list: ReturnType<typeof useAssetListStore>
  form: ReturnType<typeof useAssetFormStore>
  uploads: ReturnType<typeof useUploadsStore>
  preflight: ReturnType<typeof usePreflightStore>
}

export function useEditorSession(options: UseEditorSessionOptions = {}): void {
  const plugin = options.plugin ?? useFieldPlugin().plugin
  const parts: SessionParts = {
    env: useStoreEnvironment(),
    session: useSessionStore(),
    list: useAssetListStore(),
    form: useAssetFormStore(),
    uploads: useUploadsStore(),
    preflight: usePreflightStore(),
  }
  watch(plugin, (state) => (parts.session.plugin = state), { immediate: true, flush: 'sync' })
  syncFieldValue(parts, options.echoTimeoutMs)
  keepAcrossIframes(parts)
  cleanUpOnce(parts)
}

/** Opens the list on the field's value, with what an earlier iframe of this field kept. */
function openValue({ env, list, form }: SessionParts, content: unknown, uid: string) {
  const value = parseListValue(content)
  if (value.kind === 'unknown') return list.openUnknown()
  // One asset is described at once: with `multiple`, a value of one asset is a list of one.
  const single = !list.multiple
  list.open(single ? value.items.slice(0, 1) : value.items, {
    single: !single && value.single,
    beyond: single ? [] : value.beyond,
  })
  // With `multiple`: the item described when an earlier iframe of this field went.
  const described = single ? null : loadOpenItem(uid, env.storage)
  const again = described && list.items[described.index]
  if (again && again.fromField?.id === described.assetId) list.describe(again.key)
  const item = list.openItem
  const assetId = item ? assetIdOf(item) : undefined
  const saved = assetId === undefined ? null : loadSnapshot(uid, assetId, env.storage)
  if (saved) form.restore(saved)
}

/**
 * The field's value in both directions. From the editor: opened unless it is what the list
 * shows already or an echo of one of its own writes (plugin/echoes.ts); another story language
 * is another value, always opened, and so is the value of a field switched to or from
 * `multiple`. To the editor: every change the editor makes to the value, at once; a change that
 * leaves it as it is (a file that starts uploading, the texts of a file still on its way)
 * writes nothing, and a value this plugin does not understand is never overwritten.
 */
function syncFieldValue(parts: SessionParts, echoTimeoutMs: number | undefined) {
  const { env, session, list, uploads } = parts
  const writes = createWriteTracker({ now: env.now, timeoutMs: echoTimeoutMs })
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
      const shown = list.unknownValue ? null : keyOf(list.fieldValue, list.multiple)
      const echo = key !== null && writes.received(key)
      if (same && (echo || (key !== null && key === shown))) return
      writes.reset()
      known = key
      openValue(parts, data.content, data.uid)
    },
    { immediate: true },
  )
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
}

/**
 * What a re-created iframe takes back (the larger view is the editor's modal, which re-creates
 * it): the open item's history; with `multiple`, the item described and the names of the
 * files still to upload.
 */
function keepAcrossIframes({ env, session, list, form, uploads, preflight }: SessionParts) {
  watch(
    () => list.openItem,
    () => {
      const snapshot = form.snapshot()
      if (session.data && snapshot) saveSnapshot(session.uid, snapshot, env.storage)
    },
  )
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
      if (!session.data || !list.multiple) return
      const names = pending.flatMap((item) => item.upload?.filename ?? [])
      saveQueuedNames(session.uid, names, env.storage)
    },
  )
}

/** Once per start: what an upload in an earlier iframe of this field left behind. */
function cleanUpOnce({ env, session, list }: SessionParts) {
  const stop = watch(
    () => session.client && session.data?.uid,
    (uid) => {
      const client = session.client
      if (!uid || !client) return
      queueMicrotask(() => stop())
      const held = new Set(list.items.flatMap((item) => assetIdOf(item) ?? []))
      const storage = { storage: env.storage, now: env.now }
      const noted = () => readJournal(uid, { ...storage, now: env.now() })
      // Background work: the journal's storage and the requests wait for the first paint.
      void env.afterPaint().then(() =>
        cleanUpLeftovers({
          client,
          entries: noted(),
          journal: createUploadJournal(uid, storage),
          held: (id) => held.has(id),
          noted: () => noted().assets.map((entry) => entry.id),
          sleep: env.sleep,
          now: env.now,
        }),
      )
    },
    { immediate: true },
  )
}
