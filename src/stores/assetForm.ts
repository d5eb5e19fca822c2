// The asset form: the asset as the library returned it, the editor's draft and its undo history.
// Components read it with `storeToRefs` and call its actions; the editor session
// (composables/useEditorSession.ts) opens it on the field's value and writes the field's value
// on every editor change (`revision`). Saving to the library is its own store (./assetSave.ts).
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { isImageAsset, type Asset } from '../domain/asset'
import {
  changedFields,
  draftFromAsset,
  draftFromFieldValue,
  emptyDraft,
  fieldValueOf,
  type AssetDraft,
  type DraftField,
  type LibraryField,
} from '../domain/draft'
import type { AssetFieldValue } from '../domain/fieldValue'
import { draftAfterSave, takeFromLibrary } from '../domain/save'
import { fitsSnapshot, snapshotOf, type FormItem, type FormSnapshot } from '../plugin/session'
import { useDraftHistory } from './draftHistory'
import { useSessionStore } from './session'

export const useAssetFormStore = defineStore('assetForm', () => {
  const session = useSessionStore()
  /** The asset as the library last returned it: what "unsaved" and Save compare against. */
  const asset = shallowRef<Asset | null>(null)
  /** The field's value when the form was opened (used until the library has been read). */
  const stored = shallowRef<AssetFieldValue | null>(null)
  const draft = ref<AssetDraft>(emptyDraft())
  /** Bumped on every change made by the editor: the field's value is written then. */
  const revision = ref(0)
  const touch = () => revision.value++
  const steps = useDraftHistory(draft, touch)
  const loadError = shallowRef<unknown>(null)
  /** The library is being read for the asset on screen. */
  const loading = ref(false)
  /** The field said another privacy than the library: the library's is shown (and this says so). */
  const privacyCorrected = ref(false)
  /** The field holds something that is not an asset: kept untouched until the editor acts. */
  const unknownValue = ref(false)
  /**
   * Bumped whenever another asset (or none) is opened: a read or save still under way for the
   * old one is dropped.
   */
  const opened = ref(0)

  const language = computed(() => session.language)
  const libraryDraft = computed(() => asset.value && draftFromAsset(asset.value, language.value))
  const dirtyFields = computed(() =>
    libraryDraft.value ? changedFields(libraryDraft.value, draft.value) : [],
  )
  const isDirty = computed(() => dirtyFields.value.length > 0)
  const isImage = computed(() => {
    const url = asset.value?.filename ?? stored.value?.filename
    return !!url && isImageAsset(url, asset.value?.content_type)
  })
  /** `requireAlt` is on, this is an image, and it has neither alt text nor "Decorative image". */
  const altMissing = computed(
    () =>
      !!session.options?.requireAlt &&
      isImage.value &&
      !draft.value.decorative &&
      !draft.value.alt.trim(),
  )
  /** The field's value in the native asset-field shape, or null when there is no asset. */
  const fieldValue = computed(() =>
    fieldValueOf({
      asset: asset.value,
      stored: stored.value,
      draft: draft.value,
      language: language.value,
    }),
  )

  function open(next: Asset | null, value: AssetFieldValue | null, nextDraft: AssetDraft) {
    opened.value++
    asset.value = next
    stored.value = value
    draft.value = nextDraft
    steps.clear()
    loadError.value = null
    privacyCorrected.value = unknownValue.value = loading.value = false
  }

  /** Opens the form on a value the field already holds (its text wins over the library's). */
  const openStored = (value: AssetFieldValue) => open(null, value, draftFromFieldValue(value))
  /** An item of the list (./assetList.ts), as the editor left it: draft and history. */
  function openItem(item: FormItem) {
    open(item.asset, item.stored, item.draft)
    steps.history.value = item.history
  }
  /** The field is empty (or holds something that is not an asset): no form. */
  const openEmpty = () => open(null, null, emptyDraft())
  /** The field holds a value this plugin does not understand: no form, and a notice. */
  function openUnknown() {
    openEmpty()
    unknownValue.value = true
  }

  /**
   * A fresh asset from an upload or the library picker: the library's text fills the form.
   * After "Replace file" (`keepDraft`), the editor's unsaved text and history stay.
   */
  function setAsset(next: Asset, { keepDraft = false }: { keepDraft?: boolean } = {}) {
    if (keepDraft) {
      opened.value++
      asset.value = next
      stored.value = null
    } else open(next, null, draftFromAsset(next, language.value))
    touch()
  }

  /**
   * Reads the asset from the library (when the form was opened from the field's value). The
   * library's privacy wins over the field's: a value from an older plugin or a hand edit must
   * not make a private asset look public, or be saved as such.
   */
  async function load(): Promise<boolean> {
    const id = asset.value?.id ?? stored.value?.id
    const client = session.client
    if (!client || id === undefined) return false
    const run = opened.value
    loadError.value = null
    loading.value = true
    try {
      const read = await client.getAsset(id)
      if (run !== opened.value) return false
      loading.value = false
      asset.value = read
      if (draft.value.is_private !== read.is_private) {
        draft.value = { ...draft.value, is_private: read.is_private }
        privacyCorrected.value = true
        touch()
      }
      return true
    } catch (error) {
      if (run !== opened.value) return false
      loading.value = false
      loadError.value = error
      return false
    }
  }

  /** An edit by the editor; `ownStep`: an undo step of its own (a suggestion taken whole). */
  function edit<K extends DraftField>(field: K, value: AssetDraft[K], { ownStep = false } = {}) {
    if (draft.value[field] === value) return
    const next = { ...draft.value, [field]: value }
    // "Decorative image" means an intentionally empty alt; typing an alt text undoes it.
    if (field === 'decorative' && value) next.alt = ''
    if (field === 'alt' && value) next.decorative = false
    if (ownStep) return steps.replace(next)
    steps.beforeEdit(field, typeof value === 'string')
    draft.value = next
    touch()
  }

  /** "Reset": back to the library's values (an undoable step). */
  function resetToLibrary() {
    const library = libraryDraft.value
    if (!library || !isDirty.value) return
    steps.replace({ ...library, decorative: draft.value.decorative && !library.alt })
  }

  /**
   * The library's answer after a save: it is the baseline now, and what the editor did not
   * touch follows it (someone may have changed it meanwhile).
   */
  function takeSaved(saved: Asset, edited: readonly LibraryField[]) {
    asset.value = saved
    const next = draftAfterSave(draft.value, saved, edited, language.value)
    if (!next) return
    draft.value = next
    touch()
  }

  /** In a conflict: the library's values for `fields` (an undoable step); the rest stays. */
  function takeLibrary(latest: Asset, fields: readonly LibraryField[]) {
    asset.value = latest
    steps.replace(takeFromLibrary(draft.value, latest, fields, language.value))
  }

  /** What must survive the iframe being re-created (see plugin/session.ts). */
  const snapshot = (): FormSnapshot | null =>
    snapshotOf({
      asset: asset.value,
      stored: stored.value,
      language: language.value,
      draft: draft.value,
      history: steps.history.value,
    })

  /**
   * Takes back the history and the library baseline of a snapshot, if it still belongs to the
   * asset, language and draft on screen (`fitsSnapshot`).
   */
  function restore(saved: FormSnapshot) {
    const assetId = asset.value?.id ?? stored.value?.id
    if (!fitsSnapshot(saved, { assetId, language: language.value, draft: draft.value })) return
    steps.history.value = { undo: saved.undo, redo: saved.redo, last: null }
    draft.value = { ...draft.value, decorative: saved.draft.decorative }
    asset.value ??= saved.asset
  }

  /** "Remove asset": the form empties and the field is cleared. */
  function remove() {
    openEmpty()
    touch()
  }

  function $reset() {
    revision.value = 0
    openEmpty()
  }

  return {
    clock: steps.clock,
    asset,
    stored,
    draft,
    history: steps.history,
    revision,
    loadError,
    loading,
    opened,
    privacyCorrected,
    unknownValue,
    language,
    dirtyFields,
    isDirty,
    canUndo: steps.canUndo,
    canRedo: steps.canRedo,
    isImage,
    altMissing,
    fieldValue,
    openStored,
    openItem,
    openEmpty,
    openUnknown,
    setAsset,
    load,
    edit,
    undo: steps.undo,
    redo: steps.redo,
    resetToLibrary,
    takeSaved,
    takeLibrary,
    snapshot,
    restore,
    remove,
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAssetFormStore, import.meta.hot))
