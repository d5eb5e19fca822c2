// The form's undo history, as a building block of the form store (./assetForm.ts), on the
// pure history of domain/history.ts: every edit an undoable step (keystrokes in one field within
// a second join), undo and redo, and a whole new draft as one step.
import { computed, shallowRef, type Ref } from 'vue'
import type { AssetDraft } from '../domain/draft'
import { emptyHistory, recordEdit, recordStep, travel, type History } from '../domain/history'

export function useDraftHistory(draft: Ref<AssetDraft>, onChange: () => void) {
  /** The clock for joining keystrokes; tests replace it. */
  const clock = { now: Date.now }
  const history = shallowRef<History<AssetDraft>>(emptyHistory())
  const canUndo = computed(() => history.value.undo.length > 0)
  const canRedo = computed(() => history.value.redo.length > 0)

  /** Call before the draft's `field` changes: typing (`joinable`) joins the last step. */
  function beforeEdit(field: string, joinable: boolean) {
    history.value = recordEdit(history.value, draft.value, { field, at: clock.now(), joinable })
  }

  function step(direction: 'undo' | 'redo') {
    const moved = travel(history.value, draft.value, direction)
    if (!moved) return
    history.value = moved.history
    draft.value = moved.value
    onChange()
  }

  /** Replaces the draft as one undoable step. */
  function replace(next: AssetDraft) {
    history.value = recordStep(history.value, draft.value)
    draft.value = next
    onChange()
  }

  return {
    clock,
    history,
    canUndo,
    canRedo,
    beforeEdit,
    replace,
    undo: () => step('undo'),
    redo: () => step('redo'),
    clear: () => (history.value = emptyHistory()),
  }
}
