// The asset form: the asset as the library returned it, the editor's draft, and the
// save / undo logic. Components read it with `storeToRefs` and call its actions; the App
// turns each editor change (`revision`) into `setContent`.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Asset, AssetUpdate, ManagementClient } from '../api/types'
import { cdnUrl } from '../api/region'
import { text, type AssetFieldValue } from '../plugin/content'
import { isImageAsset } from '../plugin/assetInfo'
import type { FormSnapshot } from '../plugin/session'

export const TRANSLATABLE_FIELDS = ['alt', 'title', 'copyright', 'source'] as const
export type TranslatableField = (typeof TRANSLATABLE_FIELDS)[number]

export interface AssetDraft {
  alt: string
  title: string
  copyright: string
  source: string
  focus: string
  is_private: boolean
  /**
   * "Decorative image": the empty alt is intentional. Kept in the field's value
   * (`meta_data.decorative`), not in the library: whether an image is decorative depends on
   * where it is used.
   */
  decorative: boolean
}

export type DraftField = keyof AssetDraft

/** The fields "Save to asset library" writes (and that make the form dirty). */
export const LIBRARY_FIELDS = [
  'alt',
  'title',
  'copyright',
  'source',
  'focus',
  'is_private',
] as const
export type LibraryField = (typeof LIBRARY_FIELDS)[number]

/** `invalid`: not sent, the form says why (e.g. alt text required). */
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'conflict' | 'invalid' | 'error'

export interface Conflict {
  /** The asset as it is in the library now. */
  latest: Asset
  /** Fields whose library value changed since this form read the asset. */
  changed: LibraryField[]
}

/** `'default'` is the story's default language; other values are language codes. */
export function i18nKey(field: TranslatableField, language: string): string {
  return language === 'default' ? field : `${field}__i18n__${language}`
}

export function emptyDraft(): AssetDraft {
  return {
    alt: '',
    title: '',
    copyright: '',
    source: '',
    focus: '',
    is_private: false,
    decorative: false,
  }
}

/** The library's values for one language (translations live in `meta_data`). */
export function draftFromAsset(asset: Asset, language: string): AssetDraft {
  const translated = (field: TranslatableField): string =>
    language === 'default' ? text(asset[field]) : text(asset.meta_data[i18nKey(field, language)])
  return {
    alt: translated('alt'),
    title: translated('title'),
    copyright: translated('copyright'),
    source: translated('source'),
    focus: text(asset.focus),
    is_private: asset.is_private,
    decorative: false,
  }
}

export function draftFromFieldValue(value: AssetFieldValue): AssetDraft {
  return {
    alt: value.alt,
    title: value.title,
    copyright: value.copyright,
    source: value.source,
    focus: value.focus,
    is_private: value.is_private,
    decorative: value.meta_data.decorative === true && value.alt === '',
  }
}

export function changedFields(a: AssetDraft, b: AssetDraft): LibraryField[] {
  return LIBRARY_FIELDS.filter((key) => a[key] !== b[key])
}

/** What "Save to asset library" writes for one language. */
export function updateFor(asset: Asset, draft: AssetDraft, language: string): AssetUpdate {
  if (language === 'default') {
    // Whether an image is decorative is the field's business, not the library's.
    const { decorative: _decorative, ...library } = draft
    return library
  }
  const meta_data: Record<string, unknown> = { ...asset.meta_data }
  for (const field of TRANSLATABLE_FIELDS) meta_data[i18nKey(field, language)] = draft[field]
  return { focus: draft.focus, is_private: draft.is_private, meta_data }
}

function basename(url: string): string {
  const path = url.split(/[?#]/)[0] ?? ''
  const last = path.slice(path.lastIndexOf('/') + 1)
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}

/** Consecutive keystrokes in one field within this time are one undo step. */
const COALESCE_MS = 1000
const HISTORY_LIMIT = 100

export const useAssetFormStore = defineStore('assetForm', () => {
  const client = shallowRef<ManagementClient | null>(null)
  /** The story language being edited (`'default'` or a code). */
  const language = ref('default')
  /** Option `requireAlt`: an image needs alt text (or "Decorative image") to be saved. */
  const requireAlt = ref(false)
  /** The asset as the library last returned it. */
  const asset = shallowRef<Asset | null>(null)
  /** The field's value when the form was opened (used until the library has been read). */
  const stored = shallowRef<AssetFieldValue | null>(null)
  const draft = ref<AssetDraft>(emptyDraft())
  /** Bumped on every change made by the editor: the App writes the field's value then. */
  const revision = ref(0)
  const loadError = shallowRef<unknown>(null)
  const saveStatus = ref<SaveStatus>('idle')
  const saveError = shallowRef<unknown>(null)
  const conflict = shallowRef<Conflict | null>(null)
  const undoStack = ref<AssetDraft[]>([])
  const redoStack = ref<AssetDraft[]>([])
  let lastEdit: { field: DraftField; at: number } | null = null

  const libraryDraft = computed(() => asset.value && draftFromAsset(asset.value, language.value))
  const dirtyFields = computed(() =>
    libraryDraft.value ? changedFields(libraryDraft.value, draft.value) : [],
  )
  const isDirty = computed(() => dirtyFields.value.length > 0)
  const canUndo = computed(() => undoStack.value.length > 0)
  const canRedo = computed(() => redoStack.value.length > 0)
  const isImage = computed(() => {
    const url = asset.value?.filename ?? stored.value?.filename
    return !!url && isImageAsset(url, asset.value?.content_type)
  })
  /** `requireAlt` is on, this is an image, and it has neither alt text nor "Decorative image". */
  const altMissing = computed(
    () => requireAlt.value && isImage.value && !draft.value.decorative && !draft.value.alt.trim(),
  )

  /** The field's value in the native asset-field shape, or null when there is no asset. */
  const fieldValue = computed<AssetFieldValue | null>(() => {
    const current = asset.value
    const base = stored.value
    if (!current && !base) return null
    const filename = current ? cdnUrl(current.filename) : (base?.filename ?? '')
    const { decorative, ...text } = draft.value
    const meta_data: Record<string, unknown> = { ...(current ?? base)?.meta_data }
    delete meta_data.decorative
    if (decorative) meta_data.decorative = true
    return {
      fieldtype: 'asset',
      id: current?.id ?? base?.id ?? 0,
      filename,
      name: base?.id === current?.id && base?.name ? base.name : basename(filename),
      ...text,
      meta_data,
      is_external_url: false,
    }
  })

  const touch = () => revision.value++

  /** Makes the current draft an undo step before it changes. */
  function record() {
    undoStack.value = [...undoStack.value, { ...draft.value }].slice(-HISTORY_LIMIT)
    redoStack.value = []
    lastEdit = null
  }

  function open(next: Asset | null, value: AssetFieldValue | null, nextDraft: AssetDraft) {
    asset.value = next
    stored.value = value
    draft.value = nextDraft
    conflict.value = null
    saveStatus.value = 'idle'
    undoStack.value = []
    redoStack.value = []
    lastEdit = null
  }

  /** Opens the form on a value the field already holds (its text wins over the library's). */
  const openStored = (value: AssetFieldValue) => open(null, value, draftFromFieldValue(value))
  /** The field is empty (or holds something that is not an asset): no form. */
  const openEmpty = () => open(null, null, emptyDraft())

  /**
   * A fresh asset from an upload or the library picker: the library's text fills the form.
   * After "Replace file" (`keepDraft`), the editor's unsaved text and history stay.
   */
  function setAsset(next: Asset, options: { keepDraft?: boolean } = {}) {
    if (options.keepDraft) {
      asset.value = next
      stored.value = null
    } else open(next, null, draftFromAsset(next, language.value))
    touch()
  }

  /** Reads the asset from the library (when the form was opened from the field's value). */
  async function load(): Promise<boolean> {
    const id = asset.value?.id ?? stored.value?.id
    if (!client.value || id === undefined) return false
    loadError.value = null
    try {
      asset.value = await client.value.getAsset(id)
      return true
    } catch (error) {
      loadError.value = error
      return false
    }
  }

  function edit<K extends DraftField>(field: K, value: AssetDraft[K]) {
    if (draft.value[field] === value) return
    const now = Date.now()
    if (
      lastEdit?.field !== field ||
      now - lastEdit.at >= COALESCE_MS ||
      typeof value !== 'string'
    ) {
      record()
    }
    redoStack.value = []
    lastEdit = { field, at: now }
    const next = { ...draft.value, [field]: value }
    // "Decorative image" means an intentionally empty alt; typing an alt text undoes it.
    if (field === 'decorative' && value) next.alt = ''
    if (field === 'alt' && value) next.decorative = false
    draft.value = next
    if (saveStatus.value === 'saved' || saveStatus.value === 'invalid') saveStatus.value = 'idle'
    touch()
  }

  function step(from: typeof undoStack, to: typeof undoStack) {
    const target = from.value.at(-1)
    if (!target) return
    from.value = from.value.slice(0, -1)
    to.value = [...to.value, { ...draft.value }]
    draft.value = target
    lastEdit = null
    touch()
  }
  const undo = () => step(undoStack, redoStack)
  const redo = () => step(redoStack, undoStack)

  /** "Reset": back to the library's values (an undoable step). */
  function resetToLibrary() {
    if (!libraryDraft.value || !isDirty.value) return
    record()
    draft.value = {
      ...libraryDraft.value,
      decorative: draft.value.decorative && !libraryDraft.value.alt,
    }
    touch()
  }

  /**
   * "Save to asset library": writes the draft and re-reads the asset. If the asset changed in
   * the library since it was read, nothing is written: `conflict` says what changed and the
   * editor chooses (`save({ overwrite: true })` or `acceptLibrary()`). Every edit survives a
   * failure.
   */
  async function save(options: { overwrite?: boolean } = {}): Promise<boolean> {
    const current = asset.value
    if (!client.value || !current) return false
    if (altMissing.value) {
      saveStatus.value = 'invalid'
      return false
    }
    saveStatus.value = 'saving'
    saveError.value = null
    try {
      const latest = await client.value.getAsset(current.id)
      const changed = changedFields(
        draftFromAsset(current, language.value),
        draftFromAsset(latest, language.value),
      )
      if (!options.overwrite && latest.updated_at !== current.updated_at && changed.length) {
        conflict.value = { latest, changed }
        saveStatus.value = 'conflict'
        return false
      }
      await client.value.updateAsset(current.id, updateFor(latest, draft.value, language.value))
      asset.value = await client.value.getAsset(current.id)
      conflict.value = null
      saveStatus.value = 'saved'
      return true
    } catch (error) {
      saveError.value = error
      saveStatus.value = 'error'
      return false
    }
  }

  /** In a conflict: take the library's current values (an undoable step). */
  function acceptLibrary() {
    const latest = conflict.value?.latest
    if (!latest) return
    record()
    asset.value = latest
    conflict.value = null
    saveStatus.value = 'idle'
    draft.value = draftFromAsset(latest, language.value)
    touch()
  }

  /** What must survive the iframe being re-created (see plugin/session.ts). */
  function snapshot(): FormSnapshot | null {
    const assetId = asset.value?.id ?? stored.value?.id
    if (assetId === undefined) return null
    return {
      assetId,
      language: language.value,
      draft: draft.value,
      undo: undoStack.value,
      redo: redoStack.value,
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
    undoStack.value = saved.undo
    redoStack.value = saved.redo
    draft.value = { ...draft.value, decorative: saved.draft.decorative }
    asset.value ??= saved.asset
  }

  /** "Remove asset": the form empties and the field is cleared by the App. */
  function remove() {
    openEmpty()
    touch()
  }

  function $reset() {
    client.value = null
    language.value = 'default'
    requireAlt.value = false
    revision.value = 0
    loadError.value = null
    saveError.value = null
    openEmpty()
  }

  return {
    client,
    language,
    requireAlt,
    asset,
    stored,
    draft,
    revision,
    loadError,
    saveStatus,
    saveError,
    conflict,
    undoStack,
    redoStack,
    dirtyFields,
    isDirty,
    canUndo,
    canRedo,
    isImage,
    altMissing,
    fieldValue,
    openStored,
    openEmpty,
    setAsset,
    load,
    edit,
    undo,
    redo,
    resetToLibrary,
    save,
    acceptLibrary,
    snapshot,
    restore,
    remove,
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAssetFormStore, import.meta.hot))
