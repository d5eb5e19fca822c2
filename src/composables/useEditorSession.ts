// The editor session's effects: the connection to the editor (through the SDK), the field's
// value in both directions, the form's snapshot across re-created iframes, and the clean-up of
// what an upload in an earlier iframe left behind. State lives in the session and form stores.
import type { FieldPluginResponse } from '@storyblok/field-plugin'
import { watch, type Ref } from 'vue'
import { defaultSleep } from '../api/abort'
import { isHttpError } from '../api/errors'
import type { ManagementClient } from '../api/types'
import { sweepOrphans } from '../api/upload/sweep'
import { emptyFieldValue, parseFieldValue } from '../domain/fieldValue'
import { setLocale } from '../i18n/locale'
import { createWriteTracker } from '../plugin/echoes'
import { useFieldPlugin } from '../plugin/fieldPlugin'
import { createUploadJournal, loadSnapshot, readJournal, saveSnapshot } from '../plugin/session'
import { useAssetFormStore } from '../stores/assetForm'
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
function keyOf(content: unknown): string | null {
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
  const writes = createWriteTracker({ now, timeoutMs: echoTimeoutMs })

  watch(plugin, (state) => (session.plugin = state), { immediate: true, flush: 'sync' })

  /** What the field holds as far as the form knows (`null`: a value it does not understand). */
  const formKey = () => (form.unknownValue ? null : keyOf(form.fieldValue ?? emptyFieldValue()))

  function open(content: unknown, uid: string) {
    const value = parseFieldValue(content)
    if (value.kind === 'unknown') return form.openUnknown()
    if (value.kind === 'empty') return form.openEmpty()
    form.openStored(value.value)
    const saved = loadSnapshot(uid, value.value.id)
    if (saved) form.restore(saved)
    void form.load()
  }

  // The field's value from the editor: opened unless it is what the form shows already or an
  // echo of one of the form's own writes (plugin/echoes.ts). Another story language is another
  // value: always opened.
  let language: string | undefined
  watch(
    () => session.data,
    (data) => {
      if (!data) return
      setLocale(data.interfaceLang)
      const key = keyOf(data.content)
      const sameLanguage = data.storyLang === language
      language = data.storyLang
      const echo = key !== null && writes.received(key)
      if (sameLanguage && (echo || (key !== null && key === formKey()))) return
      writes.reset()
      open(data.content, data.uid)
    },
    { immediate: true },
  )

  // Every change the editor makes in the form is written to the field at once.
  watch(
    () => form.revision,
    () => {
      const value = plain(form.fieldValue ?? emptyFieldValue())
      writes.written(keyOf(value) ?? '')
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

  // Once per start: what an upload in an earlier iframe of this field left behind.
  const stopCleanUp = watch(
    () => session.client && session.data?.uid,
    (uid) => {
      if (!uid || !session.client) return
      queueMicrotask(() => stopCleanUp())
      void cleanUpEarlierUploads(session.client, uid, form.asset?.id ?? form.stored?.id)
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
  fieldAssetId: number | undefined,
): Promise<void> {
  const journal = createUploadJournal(uid)
  const { assets, signs } = readJournal(uid)
  for (const id of assets) {
    try {
      if (id !== fieldAssetId) await client.deleteAsset(id)
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
      keep: (id) => id === fieldAssetId || readJournal(uid).assets.includes(id),
      expected: 1,
      sleep: defaultSleep,
    })
    journal.settled(sign)
  }
}
