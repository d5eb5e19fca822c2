import {
  computed,
  readonly,
  shallowRef,
  toValue,
  type ComputedRef,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue'
import {
  centreFocus,
  clampFocus,
  focusToPercent,
  formatFocus,
  moveFocus,
  parseFocus,
  percentToFocus,
  type FocusDirection,
  type FocusPoint,
  type ImageDimensions,
} from '../plugin/focus'

export interface UseFocusPointOptions {
  /** The stored focus (`"1964x892:1965x893"`, `""` for none); anything malformed reads as none. */
  value: MaybeRefOrGetter<unknown>
  /** The original image's pixel size; `null` (or a 0 side) means no point can be picked. */
  size: MaybeRefOrGetter<ImageDimensions | null>
  /**
   * The element that shows the whole image: pointer positions are measured against its box.
   * @default the element the pointer handlers are attached to
   */
  box?: MaybeRefOrGetter<HTMLElement | null | undefined>
  /** @default false */
  disabled?: MaybeRefOrGetter<boolean>
  /** Receives every new focus in Storyblok's format; `""` when cleared. */
  onChange: (focus: string) => void
}

export interface UseFocusPointReturn {
  /** A drag is in progress: `point` shows it, `onChange` hears of it when the pointer lifts. */
  dragging: Readonly<Ref<boolean>>
  /** The chosen pixel (while dragging, the one under the pointer), or `null`. */
  point: ComputedRef<FocusPoint | null>
  /** `point` as percent of the image, for placing the marker. */
  percent: ComputedRef<FocusPoint | null>
  /** The size is known and the picker is enabled. */
  canPick: ComputedRef<boolean>
  set: (point: FocusPoint) => void
  setX: (x: number) => void
  setY: (y: number) => void
  /** Moves by a step; with no point yet, the first move places it at the centre. */
  move: (direction: FocusDirection, large?: boolean) => void
  centre: () => void
  clear: () => void
  onPointerDown: (event: PointerEvent) => void
  onPointerMove: (event: PointerEvent) => void
  onPointerUp: (event: PointerEvent) => void
  onPointerCancel: (event: PointerEvent) => void
  onKeydown: (event: KeyboardEvent) => void
}

const ARROWS: Readonly<Record<string, FocusDirection>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
}

/**
 * A focus point set by click or tap, by dragging, by the arrow keys and by numbers: dragging
 * is never the only way (WCAG 2.2, 2.5.7). A drag reports once, when the pointer lifts, so a
 * drag is one change (and one undo step) for the editor, not hundreds.
 */
export function useFocusPoint(options: UseFocusPointOptions): UseFocusPointReturn {
  const { value, size, box, disabled = false, onChange } = options

  const draft = shallowRef<FocusPoint | null>(null)
  const dragging = shallowRef(false)
  let pointerId: number | null = null

  const dimensions = computed(() => {
    const current = toValue(size)
    return current && current.width >= 1 && current.height >= 1 ? current : null
  })
  const canPick = computed(() => dimensions.value !== null && !toValue(disabled))
  const point = computed(() => {
    if (draft.value) return draft.value
    const parsed = parseFocus(toValue(value))
    return parsed && dimensions.value ? clampFocus(parsed, dimensions.value) : null
  })
  const percent = computed(() =>
    point.value && dimensions.value ? focusToPercent(point.value, dimensions.value) : null,
  )

  function set(next: FocusPoint) {
    if (!canPick.value || !dimensions.value) return
    onChange(formatFocus(next, dimensions.value))
  }

  function clear() {
    if (!canPick.value) return
    draft.value = null
    onChange('')
  }

  function centre() {
    if (dimensions.value) set(centreFocus(dimensions.value))
  }

  function move(direction: FocusDirection, large = false) {
    const current = dimensions.value
    if (!current) return
    if (!point.value) return centre()
    set(moveFocus(point.value, direction, { large }, current))
  }

  function setAxis(axis: 'x' | 'y', pixels: number) {
    const current = dimensions.value
    if (!current || !Number.isFinite(pixels)) return
    const base = point.value ?? centreFocus(current)
    set({ ...base, [axis]: Math.round(pixels) })
  }

  function pointAt(event: PointerEvent): FocusPoint | null {
    const current = dimensions.value
    const target =
      toValue(box) ?? (event.currentTarget instanceof Element ? event.currentTarget : null)
    if (!current || !target) return null
    const rect = target.getBoundingClientRect()
    if (rect.width <= 0 || rect.height <= 0) return null
    return percentToFocus(
      {
        x: ((event.clientX - rect.left) / rect.width) * 100,
        y: ((event.clientY - rect.top) / rect.height) * 100,
      },
      current,
    )
  }

  function endDrag(event: PointerEvent) {
    const target = event.currentTarget
    if (target instanceof Element && target.hasPointerCapture?.(event.pointerId)) {
      target.releasePointerCapture(event.pointerId)
    }
    draft.value = null
    dragging.value = false
    pointerId = null
  }

  function onPointerDown(event: PointerEvent) {
    // Only the main button (a mouse's left, a touch, a pen's tip) and one pointer at a time.
    if (!canPick.value || event.button !== 0 || !event.isPrimary || dragging.value) return
    const start = pointAt(event)
    if (!start) return
    pointerId = event.pointerId
    dragging.value = true
    draft.value = start
    const target = event.currentTarget
    // Capture keeps the drag when the pointer leaves the image; not every engine supports it.
    if (target instanceof Element) {
      try {
        target.setPointerCapture(event.pointerId)
      } catch {
        // Without capture, a drag that leaves the element still ends on pointerup/cancel.
      }
    }
  }

  function onPointerMove(event: PointerEvent) {
    if (!dragging.value || event.pointerId !== pointerId) return
    draft.value = pointAt(event) ?? draft.value
  }

  function onPointerUp(event: PointerEvent) {
    if (!dragging.value || event.pointerId !== pointerId) return
    const end = pointAt(event) ?? draft.value
    endDrag(event)
    if (end) set(end)
  }

  function onPointerCancel(event: PointerEvent) {
    if (event.pointerId === pointerId) endDrag(event)
  }

  // Escape is left alone: the field-plugin SDK turns every Escape into "close the modal".
  function onKeydown(event: KeyboardEvent) {
    if (!canPick.value || event.altKey || event.ctrlKey || event.metaKey) return
    const direction = ARROWS[event.key]
    if (direction) move(direction, event.shiftKey)
    else if (event.key === 'Home') centre()
    else if (event.key === 'Delete' || event.key === 'Backspace') clear()
    else return
    event.preventDefault()
  }

  return {
    dragging: readonly(dragging),
    point,
    percent,
    canPick,
    set,
    setX: (x) => setAxis('x', x),
    setY: (y) => setAxis('y', y),
    move,
    centre,
    clear,
    onPointerDown,
    onPointerMove,
    onPointerUp,
    onPointerCancel,
    onKeydown,
  }
}
