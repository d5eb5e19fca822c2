// The editor session's effects: the connection to the editor (through the SDK), the field's
// value in both directions (one asset in the form, or with the `multiple` option a list), the
// form's snapshot across re-created iframes, and the clean-up of what an upload in an earlier
// iframe left behind. State lives in the session, form and list stores.
import type { FieldPluginResponse } from '@storyblok/field-plugin'
import { watch, type Ref } from 'vue'
import { defaultSleep } from '../api/abort'
import { isHttpError } from '../api/errors'
import type { ManagementClient } from '../api/types'
import { sweepOrphans } from '../api/upload/sweep'
import { emptyFieldValue, parseFieldValue } from '../domain/fieldValue'
import { parseListValue } from '../domain/listValue'
import { setLocale } from '../i18n/locale'
import { createWriteTracker } from '../plugin/echoes'
import { useFieldPlugin } from '../plugin/fieldPlugin'
import {
  createUploadJournal,
  loadOpenItem,
  loadSnapshot,
  readJournal,
  saveOpenItem,
  saveSnapshot,
} from '../plugin/session'
import { useAssetFormStore } from '../stores/assetForm'
import { useAssetListStore } from '../stores/assetList'
import { useSessionStore } from '../stores/session'

export interface UseEditorSessionOptions {
  /** What the editor reports. @default the SDK's connection (`useFieldPlugin`) */
  plugin?: Readonly<Ref<FieldPluginResponse<unknown>>>
  /** @default Date.now */
  now?: () => number
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
    return list.kind === 'list' ? JSON.stringify(list.items) : null
  }
  const value = parseFieldValue(content)
  if (value.kind === 'unknown') return null
  return JSON.stringify(value.kind === 'asset' ? value.value : null)
}

/** A plain copy for `postMessage`, which cannot clone Vue's proxies. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

export function useEditorSession(options: UseEditorSessionOptions = {}): void {
  const { now = Date.now, echoTimeoutMs } = options
  const plugin = options.plugin ?? useFieldPlugin().plugin
  const session = useSessionStore()
  const form = useAssetFormStore()
  const list = useAssetListStore()
  const writes = createWriteTracker({ now, timeoutMs: echoTimeoutMs })

  watch(plugin, (state) => (session.plugin = state), { immediate: true, flush: 'sync' })

  /** What the field holds as far as the form (or the list) knows (`null`: not understood). */
  function formKey(): string | null {
    if (form.unknownValue) return null
    if (list.active) return keyOf(list.fieldValue, true)
    return keyOf(form.fieldValue ?? emptyFieldValue(), false)
  }

  function open(content: unknown, uid: string) {
    if (list.active) return openList(content, uid)
    const value = parseFieldValue(content)
    if (value.kind === 'unknown') return form.openUnknown()
    if (value.kind === 'empty') return form.openEmpty()
    form.openStored(value.value)
    restoreSnapshot(uid, value.value.id)
    void form.load()
  }

  function restoreSnapshot(uid: string, assetId: number) {
    const saved = loadSnapshot(uid, assetId)
    if (saved) form.restore(saved)
  }

  /** A list, and the item that was described when an earlier iframe of this field went. */
  function openList(content: unknown, uid: string) {
    const value = parseListValue(content)
    if (value.kind === 'unknown') {
      list.open([])
      return form.openUnknown()
    }
    list.open(value.items, { single: value.single })
    const described = loadOpenItem(uid)
    const item = described && list.items[described.index]
    if (!item || item.stored?.id !== described.assetId) return
    list.describe(item.key)
    restoreSnapshot(uid, described.assetId)
  }

  // The field's value from the editor: opened unless it is what the form shows already or an
  // echo of one of the form's own writes (plugin/echoes.ts). Another story language is another
  // value: always opened, and so is the value of a field switched to or from `multiple`.
  let language: string | undefined
  let multiple: boolean | undefined
  watch(
    () => session.data,
    (data) => {
      if (!data) return
      setLocale(data.interfaceLang)
      const key = keyOf(data.content, list.active)
      const same = data.storyLang === language && list.active === multiple
      language = data.storyLang
      multiple = list.active
      const echo = key !== null && writes.received(key)
      if (same && (echo || (key !== null && key === formKey()))) return
      writes.reset()
      open(data.content, data.uid)
    },
    { immediate: true },
  )

  // Every change the editor makes in the form or the list is written to the field at once.
  watch(
    () => [form.revision, list.revision],
    () => {
      const value = plain(list.active ? list.fieldValue : (form.fieldValue ?? emptyFieldValue()))
      writes.written(keyOf(value, list.active) ?? '')
      void session.actions?.setContent(value)
    },
  )

  // A form opened from the field's value reads the asset once the client exists.
  watch(
    () => session.client,
    (client) => {
      if (client && form.stored && !form.asset && !form.loading && !form.loadError) {
        void form.load()
      }
    },
  )

  // The larger view is the editor's modal; opening or closing it re-creates the iframe, so the
  // form's history is kept in sessionStorage and taken back on open.
  watch(
    () => [form.revision, form.history, form.asset],
    () => {
      const snapshot = form.snapshot()
      if (session.data && snapshot) saveSnapshot(session.data.uid, snapshot)
    },
  )

  // The item described, so that a re-created iframe (the larger view) describes it again.
  watch(
    () => [list.openIndex, form.asset?.id ?? form.stored?.id] as const,
    ([index, assetId]) => {
      if (!session.data || !list.active) return
      const item = index >= 0 && assetId !== undefined ? { index, assetId } : null
      saveOpenItem(session.data.uid, item)
    },
  )

  // Once per start: what an upload in an earlier iframe of this field left behind.
  const stopCleanUp = watch(
    () => session.client && session.data?.uid,
    (uid) => {
      if (!uid || !session.client) return
      queueMicrotask(() => stopCleanUp())
      const held = list.active
        ? list.fieldValue.map((value) => value.id)
        : [form.asset?.id ?? form.stored?.id]
      void cleanUpEarlierUploads(session.client, uid, (id) => held.includes(id))
    },
    { immediate: true },
  )
}

/**
 * Removes the entries earlier uploads of this field created and never handed to it (the iframe
 * died mid-upload: the modal closed, the block was closed), and sweeps for the entries of sign
 * calls that never answered. Best effort: what fails stays noted for the next start.
 */
async function cleanUpEarlierUploads(
  client: ManagementClient,
  uid: string,
  isFieldAsset: (id: number) => boolean,
): Promise<void> {
  const journal = createUploadJournal(uid)
  const { assets, signs } = readJournal(uid)
  for (const id of assets) {
    try {
      if (!isFieldAsset(id)) await client.deleteAsset(id)
      journal.forget(id)
    } catch (error) {
      if (isHttpError(error) && error.status === 404) journal.forget(id)
    }
  }
  for (const sign of signs) {
    await sweepOrphans({
      client,
      ...sign,
      // The field's asset, and what uploads of this iframe created meanwhile, are not strays.
      keep: (id) => isFieldAsset(id) || readJournal(uid).assets.includes(id),
      expected: 1,
      sleep: defaultSleep,
    })
    journal.settled(sign)
  }
}
