// The asset form: a view over the open item of the list (./assetList.ts), which is the only
// home of its asset, draft and undo history. Every edit, undo and redo changes the item there.
// Components read the form with `storeToRefs` and call its actions; saving to the library is
// its own store (./assetSave.ts).
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import type { Asset } from '../domain/asset'
import {
  draftFromAsset,
  emptyDraft,
  type AssetDraft,
  type DraftField,
  type LibraryField,
} from '../domain/draft'
import { emptyHistory, recordEdit, recordStep, travel } from '../domain/history'
import {
  assetIdOf,
  dirtyFieldsOf,
  isImageItem,
  needsAlt,
  valueOf,
  type AssetItem,
} from '../domain/item'
import { takeFromLibrary } from '../domain/save'
import { fitsSnapshot, snapshotOf, type FormSnapshot } from '../plugin/snapshots'
import { useAssetListStore } from './assetList'
import { useStoreEnvironment } from './environment'
import { useSessionStore } from './session'

/** A read of the library under way, done, or how it failed, per item (in this iframe). */
type ReadState = { status: 'reading' | 'read' } | { status: 'failed'; error: unknown }

export const useAssetFormStore = defineStore('assetForm', () => {
  const session = useSessionStore()
  const list = useAssetListStore()
  const env = useStoreEnvironment()
  const reads = shallowRef<ReadonlyMap<number, ReadState>>(new Map())

  const item = computed(() => list.openItem)
  const key = computed(() => item.value?.key ?? null)
  const asset = computed(() => item.value?.asset ?? null)
  const fromField = computed(() => item.value?.fromField ?? null)
  const upload = computed(() => item.value?.upload ?? null)
  const draft = computed(() => item.value?.draft ?? emptyDraft())
  const history = computed(() => item.value?.history ?? emptyHistory<AssetDraft>())
  const language = computed(() => session.language)
  const read = computed(() => (key.value === null ? undefined : reads.value.get(key.value)))
  /** The library is being read for the item on screen. */
  const loading = computed(() => read.value?.status === 'reading')
  const loadError = computed(() => (read.value?.status === 'failed' ? read.value.error : null))
  const privacyCorrected = computed(() => !!item.value?.privacyCorrected)
  const libraryDraft = computed(() => asset.value && draftFromAsset(asset.value, language.value))
  const dirtyFields = computed(() => (item.value ? dirtyFieldsOf(item.value, language.value) : []))
  const isDirty = computed(() => dirtyFields.value.length > 0)
  const isImage = computed(() => !!item.value && isImageItem(item.value))
  const altMissing = computed(
    () => !!item.value && needsAlt(item.value, !!session.options?.requireAlt),
  )
  /** The item's value in the native asset-field shape; `null` while its new file uploads. */
  const fieldValue = computed(() => item.value && valueOf(item.value, language.value))
  const canUndo = computed(() => history.value.undo.length > 0)
  const canRedo = computed(() => history.value.redo.length > 0)

  /** Changes the open item. */
  function change(next: (item: AssetItem) => AssetItem, options?: { edit?: boolean }) {
    if (key.value !== null) list.update(key.value, next, options)
  }

  /** Replaces the draft as one undoable step. */
  function replaceDraft(next: AssetDraft) {
    change((open) => ({ ...open, history: recordStep(open.history, open.draft), draft: next }))
  }

  /** An edit by the editor; `ownStep`: an undo step of its own (a suggestion taken whole). */
  function edit<K extends DraftField>(field: K, value: AssetDraft[K], { ownStep = false } = {}) {
    if (draft.value[field] === value) return
    const next = { ...draft.value, [field]: value }
    // "Decorative image" means an intentionally empty alt; typing an alt text undoes it.
    if (field === 'decorative' && value) next.alt = ''
    if (field === 'alt' && value) next.decorative = false
    if (ownStep) return replaceDraft(next)
    const step = { field, at: env.now(), joinable: typeof value === 'string' }
    change((open) => ({
      ...open,
      history: recordEdit(open.history, open.draft, step),
      draft: next,
    }))
  }

  function travelTo(direction: 'undo' | 'redo') {
    change((open) => {
      const moved = travel(open.history, open.draft, direction)
      return moved ? { ...open, history: moved.history, draft: moved.value } : open
    })
  }

  /** "Reset": back to the library's values (an undoable step). */
  function resetToLibrary() {
    const library = libraryDraft.value
    if (!library || !isDirty.value) return
    replaceDraft({ ...library, decorative: draft.value.decorative && !library.alt })
  }

  /** In a conflict: the library's values for `fields` (an undoable step); the rest stays. */
  function takeLibrary(latest: Asset, fields: readonly LibraryField[]) {
    change((open) => ({
      ...open,
      asset: latest,
      history: recordStep(open.history, open.draft),
      draft: takeFromLibrary(open.draft, latest, fields, language.value),
    }))
  }

  function setRead(itemKey: number, state: ReadState | null) {
    const next = new Map(reads.value)
    if (state) next.set(itemKey, state)
    else next.delete(itemKey)
    reads.value = next
  }

  /** Reads the open item's asset from the library (for an item opened from the field's value). */
  async function load(): Promise<boolean> {
    const client = session.client
    const open = item.value
    const id = open ? assetIdOf(open) : undefined
    if (!client || !open || id === undefined) return false
    setRead(open.key, { status: 'reading' })
    try {
      // The form shows the field's value until the answer: the request waits for its paint.
      await env.afterPaint()
      list.markRead(open.key, await client.getAsset(id))
      setRead(open.key, { status: 'read' })
      return true
    } catch (error) {
      setRead(open.key, { status: 'failed', error })
      return false
    }
  }

  // An item opened from the field's value is read from the library once per iframe, when the
  // client exists: the baseline for "unsaved" and Save, and the library's privacy (a baseline
  // kept from an earlier iframe may be stale).
  watch(
    [key, () => session.client],
    () => {
      if (item.value?.fromField && !read.value) void load()
    },
    { immediate: true },
  )

  /** What must survive the iframe being re-created (see plugin/snapshots.ts). */
  const snapshot = (): FormSnapshot | null => item.value && snapshotOf(item.value, language.value)

  /**
   * Takes back the history and the library baseline of a snapshot, if it still belongs to the
   * asset, language and draft on screen (`fitsSnapshot`).
   */
  function restore(saved: FormSnapshot) {
    const open = item.value
    if (!open) return
    const screen = { assetId: assetIdOf(open), language: language.value, draft: open.draft }
    if (!fitsSnapshot(saved, screen)) return
    // The expiry and tags are the snapshot's: the field's value does not hold them.
    const { decorative, expire_at, internal_tag_ids } = saved.draft
    change(
      (current) => ({
        ...current,
        history: { undo: saved.undo, redo: saved.redo, last: null },
        draft: { ...current.draft, decorative, expire_at, internal_tag_ids },
        asset: current.asset ?? saved.asset,
      }),
      { edit: false },
    )
  }

  function $reset() {
    reads.value = new Map()
  }

  return {
    key,
    item,
    asset,
    fromField,
    upload,
    draft,
    history,
    language,
    loading,
    loadError,
    privacyCorrected,
    dirtyFields,
    isDirty,
    canUndo,
    canRedo,
    isImage,
    altMissing,
    fieldValue,
    edit,
    undo: () => travelTo('undo'),
    redo: () => travelTo('redo'),
    resetToLibrary,
    takeLibrary,
    load,
    snapshot,
    restore,
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAssetFormStore, import.meta.hot))
