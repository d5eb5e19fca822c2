// The list of a field with the `multiple` option: its assets in order, each with its draft and
// undo history. One item at a time is described in the asset form (./assetForm.ts): while it is
// open, the form holds its state, and the list reads it from there. The editor session
// (composables/useEditorSession.ts) opens the list on the field's value and writes the field's
// value on every change of the list (`revision`) or of the open item (the form's `revision`).
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { isImageAsset, type Asset } from '../domain/asset'
import {
  changedFields,
  draftFromAsset,
  draftFromFieldValue,
  fieldValueOf,
  type LibraryField,
} from '../domain/draft'
import type { AssetFieldValue } from '../domain/fieldValue'
import { emptyHistory } from '../domain/history'
import { draftAfterSave } from '../domain/save'
import type { FormItem } from '../plugin/session'
import { useAssetFormStore } from './assetForm'
import { useSessionStore } from './session'

export interface ListItem extends FormItem {
  /** Stable while the list lives (the same asset may be in a list twice). */
  key: number
  /** The upload's place in its batch: uploads join the list in the order they were dropped. */
  order?: number
}

export const useAssetListStore = defineStore('assetList', () => {
  const session = useSessionStore()
  const form = useAssetFormStore()
  /** The items as the list last kept them; the open one's state is in the form. */
  const stored = shallowRef<ListItem[]>([])
  /** The item described in the form; `null` while the list is shown. */
  const openKey = ref<number | null>(null)
  /** The field held a single asset value: it is the first item, stored as a list once the editor acts. */
  const fromSingle = ref(false)
  /** Bumped on every change of the list made by the editor: the field's value is written then. */
  const revision = ref(0)
  const touch = () => revision.value++
  let lastKey = 0
  // The first change, of the list or of an item, stores the field as a list.
  watch([revision, () => form.revision], () => (fromSingle.value = false))

  const active = computed(() => !!session.options?.multiple)
  const language = computed(() => session.language)

  /** The items as they are now: the open one as the form has it. */
  const items = computed(() =>
    stored.value.map((item) =>
      item.key === openKey.value
        ? {
            ...item,
            asset: form.asset,
            stored: form.stored,
            draft: form.draft,
            history: form.history,
          }
        : item,
    ),
  )
  const valueOf = (item: ListItem) => fieldValueOf({ ...item, language: language.value })
  /** The field's value: the native `multiasset` shape. */
  const fieldValue = computed(() => items.value.flatMap((item) => valueOf(item) ?? []))
  const openIndex = computed(() => items.value.findIndex((item) => item.key === openKey.value))

  const isImage = (item: ListItem) => {
    const url = item.asset?.filename ?? item.stored?.filename ?? ''
    return isImageAsset(url, item.asset?.content_type)
  }
  /** The library fields the editor changed (only items whose asset was read can have any). */
  const dirtyFields = (item: ListItem): LibraryField[] =>
    item.asset ? changedFields(draftFromAsset(item.asset, language.value), item.draft) : []
  /** `requireAlt` is on, the item is an image, and it has neither alt text nor "Decorative image". */
  const needsAlt = (item: ListItem) =>
    !!session.options?.requireAlt &&
    isImage(item) &&
    !item.draft.decorative &&
    !item.draft.alt.trim()
  const missingAlt = computed(() => items.value.filter(needsAlt))
  /** Fewer items than `maxFiles` (always, without it). */
  const hasRoom = computed(() => stored.value.length < (session.options?.maxFiles ?? Infinity))

  /** Keeps the open item's state from the form in the list (the form stays open). */
  function park() {
    stored.value = items.value
  }

  /** Parks the open item; one whose asset the form had not read yet is read for the list. */
  function leave() {
    const key = openKey.value
    park()
    // A failed read leaves the item unread; "Save all" tries again.
    if (key !== null && !form.asset) loadItem(key).catch(() => undefined)
  }

  /**
   * Reads a parked item's asset from the library: the baseline for "unsaved" and "Save all".
   * The library's privacy wins over the field's, as in the form (./assetForm.ts, `load`).
   */
  async function loadItem(key: number): Promise<void> {
    const id = stored.value.find((item) => item.key === key)?.stored?.id
    const client = session.client
    if (id === undefined || !client) return
    const asset = await client.getAsset(id)
    const item = stored.value.find((candidate) => candidate.key === key)
    // Opened again meanwhile: the form reads it itself.
    if (!item || item.asset || key === openKey.value) return
    const draft = { ...item.draft, is_private: asset.is_private }
    stored.value = stored.value.map((other) => (other === item ? { ...item, asset, draft } : other))
    if (draft.is_private !== item.draft.is_private) touch()
  }

  function newItem(from: Pick<ListItem, 'asset' | 'stored' | 'draft' | 'order'>): ListItem {
    return { ...from, key: ++lastKey, history: emptyHistory() }
  }

  /** Opens the list on the field's value (its text wins over the library's until it is read). */
  function open(values: readonly AssetFieldValue[], { single = false } = {}) {
    openKey.value = null
    form.openEmpty()
    stored.value = values.map((value) =>
      newItem({ asset: null, stored: value, draft: draftFromFieldValue(value) }),
    )
    fromSingle.value = single
  }

  /**
   * A new asset from an upload or the library picker, at the end; an upload (`order`) before
   * the items of its batch that were dropped after it.
   */
  function add(asset: Asset, order?: number) {
    park()
    const item = newItem({
      asset,
      stored: null,
      draft: draftFromAsset(asset, language.value),
      order,
    })
    const next = [...stored.value]
    const later = order === undefined ? -1 : next.findIndex((other) => (other.order ?? -1) > order)
    next.splice(later < 0 ? next.length : later, 0, item)
    stored.value = next
    touch()
  }

  /** Moves an item to `index` (clamped to the list). */
  function move(key: number, index: number) {
    park()
    const next = [...stored.value]
    const from = next.findIndex((item) => item.key === key)
    const to = Math.max(0, Math.min(index, next.length - 1))
    const [item] = from < 0 || from === to ? [] : next.splice(from, 1)
    if (!item) return
    next.splice(to, 0, item)
    stored.value = next
    touch()
  }

  function remove(key: number) {
    if (key === openKey.value) close()
    stored.value = stored.value.filter((item) => item.key !== key)
    touch()
  }

  /** Describes an item in the form (reading its asset from the library the first time). */
  function describe(key: number) {
    leave()
    const item = stored.value.find((candidate) => candidate.key === key)
    if (!item) return
    openKey.value = key
    form.openItem(item)
    if (!item.asset) void form.load()
  }

  /** Back to the list. */
  function close() {
    leave()
    openKey.value = null
    form.openEmpty()
  }

  /** After "Save all" saved an item: the library's answer is its baseline now. */
  function takeSaved(key: number, saved: Asset, edited: readonly LibraryField[]) {
    if (key === openKey.value) return form.takeSaved(saved, edited)
    const item = stored.value.find((candidate) => candidate.key === key)
    if (!item) return
    const draft = draftAfterSave(item.draft, saved, edited, language.value) ?? item.draft
    stored.value = stored.value.map((other) =>
      other === item ? { ...item, asset: saved, draft } : other,
    )
    if (draft !== item.draft) touch()
  }

  function $reset() {
    stored.value = []
    openKey.value = null
    fromSingle.value = false
    revision.value = 0
  }

  return {
    stored,
    openKey,
    fromSingle,
    revision,
    active,
    items,
    fieldValue,
    openIndex,
    missingAlt,
    hasRoom,
    valueOf,
    isImage,
    dirtyFields,
    needsAlt,
    open,
    add,
    move,
    remove,
    describe,
    loadItem,
    close,
    takeSaved,
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAssetListStore, import.meta.hot))
