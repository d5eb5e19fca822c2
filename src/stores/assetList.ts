// The field's items: the one home of each, the open one included (the form, ./assetForm.ts, is
// a view over the open item, as in Pinia's own `cart` example: one raw list, derived getters).
// In single mode the list holds at most one item, open whenever it exists; with the `multiple`
// option it holds the field's assets in order, one of them described at a time. An item may be
// a file still uploading (./uploads.ts), with a draft the editor can already write.
// The editor session (composables/useEditorSession.ts) opens the list on the field's value and
// writes the field's value on every change the editor makes (`revision`).
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Asset } from '../domain/asset'
import {
  draftFromAsset,
  draftFromFieldValue,
  type AssetDraft,
  type LibraryField,
} from '../domain/draft'
import { emptyFieldValue, type AssetFieldValue } from '../domain/fieldValue'
import {
  needsAlt,
  newItem,
  readItem,
  savedItem,
  valueOf,
  type AssetItem,
  type ItemUpload,
} from '../domain/item'
import { useSessionStore } from './session'

export const useAssetListStore = defineStore('assetList', () => {
  const session = useSessionStore()
  /** Every item, in the field's order. */
  const items = shallowRef<readonly AssetItem[]>([])
  /** The item described in the form; `null` while the list (or the uploader) is shown. */
  const openKey = ref<number | null>(null)
  /** With `multiple`: the field held one asset value; it is written as a list once the editor acts. */
  const fromSingle = ref(false)
  /** The field holds a value this plugin does not understand: kept untouched until the editor acts. */
  const unknownValue = ref(false)
  /**
   * With `multiple`: the items of a list longer than the plugin shows (`MAX_LIST_ITEMS`), carried
   * along unchanged on every write, so the plugin never writes fewer items than it read.
   */
  const beyondLimit = shallowRef<readonly unknown[]>([])
  /**
   * Bumped whenever the field's value is opened anew (from the editor): work begun for the old
   * value, such as a pick from the library, is dropped.
   */
  const generation = ref(0)
  /** Bumped on every change the editor makes: the field's value is written then. */
  const revision = ref(0)
  const touch = () => revision.value++
  let lastKey = 0
  // The first change stores a field that held one asset value as a list.
  watch(revision, () => (fromSingle.value = false))

  const multiple = computed(() => !!session.options?.multiple)
  const language = computed(() => session.language)
  const openItem = computed(() => items.value.find((item) => item.key === openKey.value) ?? null)
  const openIndex = computed(() => items.value.findIndex((item) => item.key === openKey.value))
  /** The items' values in the native asset shape, in order (a file still uploading has none yet). */
  const values = computed(() => items.value.flatMap((item) => valueOf(item, language.value) ?? []))
  /** The field's value: one native asset value (the empty one without), or the `multiasset` list. */
  const fieldValue = computed<unknown>(() =>
    multiple.value
      ? [...values.value, ...beyondLimit.value]
      : (values.value[0] ?? emptyFieldValue()),
  )
  /** Images that need their own alt text (`requireAlt`). */
  const missingAlt = computed(() =>
    items.value.filter((item) => needsAlt(item, !!session.options?.requireAlt)),
  )
  /** Room for one more item: fewer than `maxFiles`, and the list is not past the limit. */
  const hasRoom = computed(
    () => !beyondLimit.value.length && items.value.length < (session.options?.maxFiles ?? Infinity),
  )

  const find = (key: number) => items.value.find((item) => item.key === key)

  /**
   * Replaces each item of `changes` (by key) by its change, all in one step; `edit`: the editor
   * made the change (the field is written, once).
   */
  function updateMany(changes: ReadonlyMap<number, Change>, { edit = true } = {}) {
    let changed = false
    const next = items.value.map((item) => {
      const after = changes.get(item.key)?.(item) ?? item
      changed ||= after !== item
      return after
    })
    if (!changed) return
    items.value = next
    if (edit) touch()
  }

  /** Replaces item `key` by `change(item)` (see `updateMany`). */
  type Change = (item: AssetItem) => AssetItem
  const update = (key: number, change: Change, options?: { edit?: boolean }) =>
    updateMany(new Map([[key, change]]), options)

  const create = (from: Parameters<typeof newItem>[1]): AssetItem => newItem(++lastKey, from)

  /** Opens the list on the field's value (its text wins over the library's until it is read). */
  function open(
    fromField: readonly AssetFieldValue[],
    { single = false, beyond = [] }: { single?: boolean; beyond?: readonly unknown[] } = {},
  ) {
    generation.value++
    items.value = fromField.map((value) =>
      create({ fromField: value, draft: draftFromFieldValue(value) }),
    )
    beyondLimit.value = beyond
    fromSingle.value = single
    unknownValue.value = false
    // One asset is described at once; a list is shown first.
    openKey.value = multiple.value ? null : (items.value[0]?.key ?? null)
  }

  /** The field holds a value this plugin does not understand: nothing to show, and a notice. */
  function openUnknown() {
    open([])
    unknownValue.value = true
  }

  /**
   * Adds an item at the end (in single mode: instead of any other, and opened). Files dropped
   * together are added in the order they were dropped, so they keep it. Returns its key.
   */
  function add(item: AssetItem): number {
    if (!multiple.value) {
      items.value = [item]
      openKey.value = item.key
    } else {
      items.value = [...items.value, item]
    }
    // A value the plugin does not understand stays until an asset takes its place.
    if (item.asset) unknownValue.value = false
    touch()
    return item.key
  }

  /** A fresh asset from the library picker or an upload: the library's text fills the draft. */
  const addAsset = (asset: Asset): number =>
    add(create({ asset, draft: draftFromAsset(asset, language.value) }))

  /** A file to upload as a new asset, with the draft the editor set before it started. */
  const addUpload = (upload: ItemUpload, draft: AssetDraft): number =>
    add(create({ upload, draft }))

  /** The open item's asset is the library's `asset` now (picked to replace it); the draft follows it. */
  function replaceAsset(key: number, asset: Asset) {
    update(key, () => create({ asset, draft: draftFromAsset(asset, language.value) }))
    if (openKey.value === key) openKey.value = lastKey
  }

  /**
   * An upload of item `key` ended in the library: its asset is `asset`. The draft the editor
   * wrote meanwhile stays (./uploads.ts writes what the sign call did not carry).
   */
  function attachAsset(key: number, asset: Asset) {
    unknownValue.value = false
    update(key, (item) => ({ ...item, asset, fromField: null, upload: null }))
  }

  /** The library's answer for an item read after it was opened from the field (`readItem`). */
  function markRead(key: number, asset: Asset) {
    const item = find(key)
    const read = item && readItem(item, asset, language.value)
    if (read) update(key, () => read.item, { edit: read.corrected })
  }

  /** After a save: the library's answer is the baseline, and what the editor did not touch follows it. */
  function takeSaved(key: number, saved: Asset, edited: readonly LibraryField[]) {
    const item = find(key)
    const after = item && savedItem(item, saved, edited, language.value)
    if (after) update(key, () => after.item, { edit: after.changed })
  }

  /** Moves an item to `index` (clamped to the list). */
  function move(key: number, index: number) {
    const next = [...items.value]
    const from = next.findIndex((item) => item.key === key)
    const to = Math.max(0, Math.min(index, next.length - 1))
    const [item] = from < 0 || from === to ? [] : next.splice(from, 1)
    if (!item) return
    next.splice(to, 0, item)
    items.value = next
    touch()
  }

  /** Removes an item from the field (its upload, if any, is the uploads store's to stop). */
  function remove(key: number) {
    if (!find(key)) return
    if (key === openKey.value) openKey.value = null
    items.value = items.value.filter((item) => item.key !== key)
    touch()
  }

  /** Describes an item in the form. */
  function describe(key: number) {
    if (find(key)) openKey.value = key
  }

  /** Back to the list. */
  function close() {
    if (multiple.value) openKey.value = null
  }

  function $reset() {
    items.value = []
    openKey.value = null
    fromSingle.value = unknownValue.value = false
    beyondLimit.value = []
    revision.value = generation.value = 0
  }

  return {
    items,
    openKey,
    fromSingle,
    unknownValue,
    beyondLimit,
    generation,
    revision,
    multiple,
    openItem,
    openIndex,
    values,
    fieldValue,
    missingAlt,
    hasRoom,
    find,
    update,
    updateMany,
    open,
    openUnknown,
    addAsset,
    addUpload,
    replaceAsset,
    attachAsset,
    markRead,
    takeSaved,
    move,
    remove,
    describe,
    close,
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAssetListStore, import.meta.hot))
