// The asset form: the asset as the library returned it, the editor's draft, and the save / undo
// logic. Components read it with `storeToRefs` and call its actions; the editor session
// (composables/useEditorSession.ts) opens it on the field's value and writes the field's value
// on every editor change (`revision`).
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { InvalidAssetIdError } from '../api/errors'
import { isImageAsset, parseAssetId, type Asset } from '../domain/asset'
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
import { emptyHistory, recordEdit, recordStep, travel, type History } from '../domain/history'
import { planSave, takeFromLibrary } from '../domain/save'
import type { FormSnapshot } from '../plugin/session'
import { useSessionStore } from './session'

/** `invalid`: not sent, the form says why (e.g. alt text required). */
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'conflict' | 'invalid' | 'error'

export interface Conflict {
  /** The asset as it is in the library now. */
  latest: Asset
  /** Fields the editor changed that the library changed meanwhile, to other values. */
  fields: LibraryField[]
}

export const useAssetFormStore = defineStore('assetForm', () => {
  const session = useSessionStore()
  /** The clock for undo coalescing; tests replace it. */
  const clock = { now: Date.now }
  /** The asset as the library last returned it: what "unsaved" and Save compare against. */
  const asset = shallowRef<Asset | null>(null)
  /** The field's value when the form was opened (used until the library has been read). */
  const stored = shallowRef<AssetFieldValue | null>(null)
  const draft = ref<AssetDraft>(emptyDraft())
  const history = shallowRef<History<AssetDraft>>(emptyHistory())
  /** Bumped on every change made by the editor: the field's value is written then. */
  const revision = ref(0)
  const loadError = shallowRef<unknown>(null)
  /** The library is being read for the asset on screen. */
  const loading = ref(false)
  const saveStatus = ref<SaveStatus>('idle')
  const saveError = shallowRef<unknown>(null)
  const conflict = shallowRef<Conflict | null>(null)
  /** The field said another privacy than the library: the library's is shown (and this says so). */
  const privacyCorrected = ref(false)
  const pickError = shallowRef<unknown>(null)
  /** The field holds something that is not an asset: kept untouched until the editor acts. */
  const unknownValue = ref(false)
  /** Bumped whenever another asset (or none) is opened: a read or save still under way for the old one is dropped. */
  let opened = 0

  const language = computed(() => session.language)
  const libraryDraft = computed(() => asset.value && draftFromAsset(asset.value, language.value))
  const dirtyFields = computed(() =>
    libraryDraft.value ? changedFields(libraryDraft.value, draft.value) : [],
  )
  const isDirty = computed(() => dirtyFields.value.length > 0)
  const canUndo = computed(() => history.value.undo.length > 0)
  const canRedo = computed(() => history.value.redo.length > 0)
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

  const touch = () => revision.value++

  function open(next: Asset | null, value: AssetFieldValue | null, nextDraft: AssetDraft) {
    opened++
    asset.value = next
    stored.value = value
    draft.value = nextDraft
    history.value = emptyHistory()
    conflict.value = loadError.value = saveError.value = pickError.value = null
    saveStatus.value = 'idle'
    privacyCorrected.value = unknownValue.value = loading.value = false
  }

  /** Opens the form on a value the field already holds (its text wins over the library's). */
  const openStored = (value: AssetFieldValue) => open(null, value, draftFromFieldValue(value))
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
      opened++
      asset.value = next
      stored.value = null
      pickError.value = null
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
    const run = opened
    loadError.value = null
    loading.value = true
    try {
      const read = await client.getAsset(id)
      if (run !== opened) return false
      loading.value = false
      asset.value = read
      if (draft.value.is_private !== read.is_private) {
        draft.value = { ...draft.value, is_private: read.is_private }
        privacyCorrected.value = true
        touch()
      }
      return true
    } catch (error) {
      if (run !== opened) return false
      loading.value = false
      loadError.value = error
      return false
    }
  }

  function edit<K extends DraftField>(field: K, value: AssetDraft[K]) {
    if (draft.value[field] === value) return
    history.value = recordEdit(history.value, draft.value, {
      field,
      at: clock.now(),
      joinable: typeof value === 'string',
    })
    const next = { ...draft.value, [field]: value }
    // "Decorative image" means an intentionally empty alt; typing an alt text undoes it.
    if (field === 'decorative' && value) next.alt = ''
    if (field === 'alt' && value) next.decorative = false
    draft.value = next
    if (saveStatus.value === 'saved' || saveStatus.value === 'invalid') saveStatus.value = 'idle'
    touch()
  }

  function step(direction: 'undo' | 'redo') {
    const moved = travel(history.value, draft.value, direction)
    if (!moved) return
    history.value = moved.history
    draft.value = moved.value
    touch()
  }

  /** Replaces the draft as one undoable step. */
  function replaceDraft(next: AssetDraft) {
    history.value = recordStep(history.value, draft.value)
    draft.value = next
    touch()
  }

  /** "Reset": back to the library's values (an undoable step). */
  function resetToLibrary() {
    const library = libraryDraft.value
    if (!library || !isDirty.value) return
    replaceDraft({ ...library, decorative: draft.value.decorative && !library.alt })
  }

  /**
   * "Save to asset library": writes what the editor changed since the form read the asset, and
   * re-reads it. If the library changed one of those fields meanwhile, nothing is written:
   * `conflict` says which, and the editor chooses (`save({ overwrite: true })` or
   * `acceptLibrary()`). Every edit survives a failure.
   */
  async function save({ overwrite = false }: { overwrite?: boolean } = {}): Promise<boolean> {
    const baseline = asset.value
    const client = session.client
    if (!client || !baseline) return false
    if (altMissing.value) {
      saveStatus.value = 'invalid'
      return false
    }
    const run = opened
    const current = () => run === opened
    saveStatus.value = 'saving'
    saveError.value = null
    try {
      const latest = await client.getAsset(baseline.id)
      if (!current()) return false
      const plan = planSave({
        baseline,
        latest,
        draft: draft.value,
        language: language.value,
        overwrite,
      })
      if (plan.kind === 'conflict') {
        conflict.value = { latest, fields: plan.fields }
        saveStatus.value = 'conflict'
        return false
      }
      if (plan.fields.length) await client.updateAsset(baseline.id, plan.update)
      const saved = await client.getAsset(baseline.id)
      if (!current()) return false
      asset.value = saved
      // What the editor did not touch follows the library (someone may have changed it).
      const untouched = changedFields(draftFromAsset(saved, language.value), draft.value).filter(
        (field) => !plan.fields.includes(field),
      )
      if (untouched.length) {
        draft.value = takeFromLibrary(draft.value, saved, untouched, language.value)
        touch()
      }
      conflict.value = null
      saveStatus.value = 'saved'
      return true
    } catch (error) {
      if (!current()) return false
      saveError.value = error
      saveStatus.value = 'error'
      return false
    }
  }

  /** In a conflict: take the library's values for the conflicting fields (an undoable step). */
  function acceptLibrary() {
    const open = conflict.value
    if (!open) return
    asset.value = open.latest
    conflict.value = null
    saveStatus.value = 'idle'
    replaceDraft(takeFromLibrary(draft.value, open.latest, open.fields, language.value))
  }

  /** "Choose from library": the editor's picker, then the asset as the library holds it. */
  async function chooseFromLibrary() {
    const selectAsset = session.actions?.selectAsset
    const client = session.client
    if (!selectAsset || !client) return
    pickError.value = null
    const selected = await selectAsset()
    const id = parseAssetId(selected.id)
    const run = opened
    try {
      // The official Sandbox answers at once with a placeholder of id 0: not an asset to read.
      if (id === null) throw new InvalidAssetIdError()
      const picked = await client.getAsset(id)
      if (run === opened) setAsset(picked)
    } catch (error) {
      if (run === opened) pickError.value = error
    }
  }

  /** What must survive the iframe being re-created (see plugin/session.ts). */
  function snapshot(): FormSnapshot | null {
    const assetId = asset.value?.id ?? stored.value?.id
    if (assetId === undefined) return null
    return {
      assetId,
      language: language.value,
      draft: draft.value,
      undo: [...history.value.undo],
      redo: [...history.value.redo],
      asset: asset.value,
    }
  }

  /**
   * Takes back the history and the library baseline of a snapshot, if it belongs to the asset
   * and language on screen and its draft is what the field holds (otherwise the value changed
   * elsewhere and the old history no longer applies).
   */
  function restore(saved: FormSnapshot) {
    if (
      saved.assetId !== (asset.value?.id ?? stored.value?.id) ||
      saved.language !== language.value ||
      changedFields(saved.draft, draft.value).length
    ) {
      return
    }
    history.value = { undo: saved.undo, redo: saved.redo, last: null }
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
    clock,
    asset,
    stored,
    draft,
    history,
    revision,
    loadError,
    loading,
    saveStatus,
    saveError,
    conflict,
    privacyCorrected,
    pickError,
    unknownValue,
    language,
    dirtyFields,
    isDirty,
    canUndo,
    canRedo,
    isImage,
    altMissing,
    fieldValue,
    openStored,
    openEmpty,
    openUnknown,
    setAsset,
    load,
    edit,
    undo: () => step('undo'),
    redo: () => step('redo'),
    resetToLibrary,
    save,
    acceptLibrary,
    chooseFromLibrary,
    snapshot,
    restore,
    remove,
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAssetFormStore, import.meta.hot))
