// "Describe selected" in a `multiple` field: which items are selected, one value set on all of
// them in one step (domain/bulk.ts), and the undo history of those steps. A step is also an
// undo step of each item's own history (the form's Undo takes it back for one item); the list's
// Undo takes it back on every item that still holds what the step wrote, and the field is
// written once per step and once per Undo (assetList.updateMany).
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { applyPatch, overwrites, type BulkField, type BulkPatch } from '../domain/bulk'
import type { AssetDraft } from '../domain/draft'
import { HISTORY_LIMIT, recordStep, travel } from '../domain/history'
import type { AssetItem } from '../domain/item'
import { useAssetListStore } from './assetList'
import { useLibraryReadsStore } from './libraryReads'

/** One step: each changed item's draft before and after it, by key. */
interface BulkStep {
  before: ReadonlyMap<number, AssetDraft>
  after: ReadonlyMap<number, AssetDraft>
}

type Direction = 'undo' | 'redo'

export const useBulkDescribeStore = defineStore('bulkDescribe', () => {
  const list = useAssetListStore()
  const reads = useLibraryReadsStore()
  const selected = shallowRef<ReadonlySet<number>>(new Set())
  /** Where a Shift-click range starts: the item last toggled. */
  const anchor = shallowRef<number | null>(null)
  const steps = shallowRef<{ undo: readonly BulkStep[]; redo: readonly BulkStep[] }>({
    undo: [],
    redo: [],
  })

  /** The selected items, in the list's order. */
  const selection = computed(() => list.items.filter((item) => selected.value.has(item.key)))
  /** A step can describe an item whose asset is known (read, or uploaded) and not uploading. */
  const ready = computed(() => selection.value.filter((item) => item.asset && !item.upload))
  const allSelected = computed(
    () => list.items.length > 0 && list.items.every((item) => selected.value.has(item.key)),
  )
  const canUndo = computed(() => steps.value.undo.length > 0)
  const canRedo = computed(() => steps.value.redo.length > 0)

  // Items that leave the list leave the selection; a value opened anew starts afresh.
  watch(
    () => list.items,
    (items) => {
      const keys = new Set(items.map((item) => item.key))
      if ([...selected.value].some((key) => !keys.has(key)))
        selected.value = new Set([...selected.value].filter((key) => keys.has(key)))
    },
  )
  watch(() => list.generation, $reset)

  function setSelected(keys: Iterable<number>) {
    selected.value = new Set(keys)
  }

  /** Selects or deselects one item (it becomes the anchor of a range). */
  function toggle(key: number, on = !selected.value.has(key)) {
    const next = new Set(selected.value)
    if (on) next.add(key)
    else next.delete(key)
    setSelected(next)
    anchor.value = key
  }

  /** Selects every item from the anchor to `key` (Shift-click), keeping the rest. */
  function selectRange(key: number) {
    const keys = list.items.map((item) => item.key)
    const from = keys.indexOf(anchor.value ?? key)
    const to = keys.indexOf(key)
    if (to < 0) return
    const [start, end] = from < 0 ? [to, to] : [Math.min(from, to), Math.max(from, to)]
    setSelected([...selected.value, ...keys.slice(start, end + 1)])
    anchor.value = key
  }

  const selectAll = (on: boolean) => setSelected(on ? list.items.map((item) => item.key) : [])

  /** Reads the selected items the library has not answered for; resolves with those it could not read. */
  const prepare = (): Promise<AssetItem[]> =>
    reads.readItems(selection.value.filter((item) => !item.asset).map((item) => item.key))

  /** Per field of `patch`, the items ready for a step that hold another value. */
  function conflicts(patch: BulkPatch): Map<BulkField, AssetItem[]> {
    const found = overwrites(ready.value, patch)
    const byKey = new Map(ready.value.map((item) => [item.key, item]))
    return new Map(
      [...found].map(([field, keys]) => [field, keys.flatMap((key) => byKey.get(key) ?? [])]),
    )
  }

  /**
   * Sets `patch` on every item ready for it as one step (`keepTheirs`: a field holding another
   * value keeps it); resolves with the number of items changed.
   */
  function apply(patch: BulkPatch, { keepTheirs = false } = {}): number {
    const before = new Map<number, AssetDraft>()
    const after = new Map<number, AssetDraft>()
    for (const item of ready.value) {
      const next = applyPatch(item.draft, patch, keepTheirs)
      if (next === item.draft) continue
      before.set(item.key, item.draft)
      after.set(item.key, next)
    }
    if (!after.size) return 0
    const change = (item: AssetItem): AssetItem => {
      const next = after.get(item.key)
      if (!next || item.draft !== before.get(item.key)) return item
      return { ...item, history: recordStep(item.history, item.draft), draft: next }
    }
    list.updateMany(new Map([...after.keys()].map((key) => [key, change])))
    steps.value = { undo: [...steps.value.undo, { before, after }].slice(-HISTORY_LIMIT), redo: [] }
    return after.size
  }

  /**
   * The last step back (or forward) on every item that still holds what it wrote (an item
   * changed since keeps its edit); resolves with the number of items changed.
   */
  function move(direction: Direction): number {
    const step = steps.value[direction].at(-1)
    if (!step) return 0
    const [now, then] = direction === 'undo' ? [step.after, step.before] : [step.before, step.after]
    const holds = (item: AssetItem) =>
      item.draft === now.get(item.key) && item.history[direction].at(-1) === then.get(item.key)
    const moving = list.items.filter(holds).map((item) => item.key)
    const change = (item: AssetItem): AssetItem => {
      const moved = holds(item) ? travel(item.history, item.draft, direction) : null
      return moved ? { ...item, history: moved.history, draft: moved.value } : item
    }
    list.updateMany(new Map(moving.map((key) => [key, change])))
    const { undo, redo } = steps.value
    steps.value =
      direction === 'undo'
        ? { undo: undo.slice(0, -1), redo: [...redo, step] }
        : { undo: [...undo, step], redo: redo.slice(0, -1) }
    return moving.length
  }

  function $reset() {
    selected.value = new Set()
    anchor.value = null
    steps.value = { undo: [], redo: [] }
  }

  return {
    selected,
    selection,
    ready,
    allSelected,
    canUndo,
    canRedo,
    toggle,
    selectRange,
    selectAll,
    prepare,
    conflicts,
    apply,
    undo: () => move('undo'),
    redo: () => move('redo'),
    $reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useBulkDescribeStore, import.meta.hot))
