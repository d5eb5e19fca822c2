import { computed, shallowRef, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import {
  centreFocus,
  clampFocus,
  focusToPercent,
  formatFocus,
  parseFocus,
  type FocusPoint,
} from '../domain/focus'
import type { PixelSize } from '../domain/imageSize'

export interface UseFocusPointOptions {
  /** The stored focus (`"1964x892:1965x893"`, `""` for none); anything malformed reads as none. */
  value: MaybeRefOrGetter<unknown>
  /** The original image's pixel size, both sides at least 1; `null` means no point can be picked. */
  size: MaybeRefOrGetter<PixelSize | null>
  /** Receives every new focus in Storyblok's format; `""` when cleared. */
  onChange: (focus: string) => void
}

export interface UseFocusPointReturn {
  /** The chosen pixel (while dragging, the one under the pointer), or `null`. */
  point: ComputedRef<FocusPoint | null>
  /** `point` as percent of the image, for placing the marker. */
  percent: ComputedRef<FocusPoint | null>
  /**
   * Sets one coordinate (the other kept, or the centre's); returns what was stored, whole and
   * inside the image, or the current value for a number that is not one.
   */
  setAxis: (axis: 'x' | 'y', pixels: number) => number | undefined
  clear: () => void
  /**
   * Event handlers for `v-on` on the element that shows the whole image: pointer positions
   * are measured against its box.
   */
  listeners: {
    pointerdown: (event: PointerEvent) => void
    pointermove: (event: PointerEvent) => void
    pointerup: (event: PointerEvent) => void
    pointercancel: (event: PointerEvent) => void
    keydown: (event: KeyboardEvent) => void
  }
}

/** The direction of each arrow key. */
const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
}

/** Where a pointer event is on `target`, in the image's pixels, inside the image. */
function pointerAt(event: PointerEvent, target: HTMLElement, size: PixelSize): FocusPoint {
  const rect = target.getBoundingClientRect()
  return clampFocus(
    {
      x: ((event.clientX - rect.left) / rect.width) * size.width,
      y: ((event.clientY - rect.top) / rect.height) * size.height,
    },
    size,
  )
}

/**
 * Begins a drag on `target` with the main button (a mouse's left, a touch, a pen's tip);
 * whether it began. Keyboard and pointer users share one control: a press also focuses it.
 */
function beginDrag(event: PointerEvent, target: HTMLElement): boolean {
  if (event.button !== 0 || !event.isPrimary) return false
  target.focus({ preventScroll: true })
  // Capture keeps the drag when the pointer leaves the image; not every engine has it.
  try {
    target.setPointerCapture(event.pointerId)
  } catch {
    // Without capture, a drag that leaves the element still ends on pointerup/cancel.
  }
  return true
}

/**
 * Where a key press moves the focus: one step is 1 % of the image's side (at least 1 px), 10 %
 * with Shift; with no point yet, the first arrow places it at the centre. `'clear'` for Delete;
 * `null` for a key that does not move it. Escape is left alone: the field-plugin SDK turns every
 * Escape into "close the modal".
 */
function keyFocus(
  event: KeyboardEvent,
  from: FocusPoint | null,
  size: PixelSize,
): FocusPoint | 'clear' | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null
  const arrow = ARROWS[event.key]
  const step = (side: number) => Math.max(1, Math.round(side * (event.shiftKey ? 0.1 : 0.01)))
  if (arrow) {
    if (!from) return centreFocus(size)
    return { x: from.x + arrow[0] * step(size.width), y: from.y + arrow[1] * step(size.height) }
  }
  if (event.key === 'Home') return centreFocus(size)
  if (event.key === 'Delete' || event.key === 'Backspace') return 'clear'
  return null
}

/**
 * A focus point set by click or tap, by dragging, by the arrow keys and by numbers: dragging
 * is never the only way (WCAG 2.2, 2.5.7). A drag reports once, when the pointer lifts, so a
 * drag is one change (and one undo step) for the editor, not hundreds.
 */
export function useFocusPoint(options: UseFocusPointOptions): UseFocusPointReturn {
  const { value, size, onChange } = options
  // The point under the pointer while dragging.
  const draft = shallowRef<FocusPoint | null>(null)
  let pointerId: number | null = null

  const dimensions = computed(() => toValue(size))
  const point = computed(() => {
    const parsed = parseFocus(toValue(value))
    return draft.value ?? (parsed && dimensions.value && clampFocus(parsed, dimensions.value))
  })
  const percent = computed(
    () => point.value && dimensions.value && focusToPercent(point.value, dimensions.value),
  )
  const set = (next: FocusPoint) =>
    dimensions.value && onChange(formatFocus(next, dimensions.value))

  function setAxis(axis: 'x' | 'y', pixels: number) {
    const current = dimensions.value
    if (!current || !Number.isFinite(pixels)) return point.value?.[axis]
    const next = clampFocus(
      { ...(point.value ?? centreFocus(current)), [axis]: Math.round(pixels) },
      current,
    )
    set(next)
    return next[axis]
  }

  function onPointer(event: PointerEvent) {
    const current = dimensions.value
    const target = event.currentTarget
    if (!current || !(target instanceof HTMLElement)) return
    if (event.type === 'pointerdown') {
      // One pointer at a time.
      if (pointerId !== null || !beginDrag(event, target)) return
      pointerId = event.pointerId
    } else if (event.pointerId !== pointerId) return
    const at = pointerAt(event, target, current)
    if (event.type === 'pointermove' || event.type === 'pointerdown') draft.value = at
    else {
      draft.value = pointerId = null
      if (event.type === 'pointerup') set(at)
    }
  }

  function onKeydown(event: KeyboardEvent) {
    const next = dimensions.value && keyFocus(event, point.value, dimensions.value)
    if (!next) return
    if (next === 'clear') onChange('')
    else set(next)
    event.preventDefault()
  }

  const pointer = { pointerdown: onPointer, pointermove: onPointer, pointerup: onPointer }
  const listeners = { ...pointer, pointercancel: onPointer, keydown: onKeydown }
  return { point, percent, setAxis, clear: () => onChange(''), listeners }
}
