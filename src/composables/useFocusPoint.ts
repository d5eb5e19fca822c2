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

// One keyboard step is 1 % of the image's side (at least 1 px), 10 % with Shift.
const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
}

/**
 * A focus point set by click or tap, by dragging, by the arrow keys and by numbers: dragging
 * is never the only way (WCAG 2.2, 2.5.7). A drag reports once, when the pointer lifts, so a
 * drag is one change (and one undo step) for the editor, not hundreds.
 */
export function useFocusPoint(options: UseFocusPointOptions): UseFocusPointReturn {
  const { value, size, onChange } = options

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

  function set(next: FocusPoint) {
    if (dimensions.value) onChange(formatFocus(next, dimensions.value))
  }

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
      // Only the main button (a mouse's left, a touch, a pen's tip) and one pointer at a time.
      if (event.button !== 0 || !event.isPrimary || pointerId !== null) return
      pointerId = event.pointerId
      // Keyboard and pointer users share one control: a press also focuses it.
      target.focus({ preventScroll: true })
      // Capture keeps the drag when the pointer leaves the image; not every engine has it.
      try {
        target.setPointerCapture(pointerId)
      } catch {
        // Without capture, a drag that leaves the element still ends on pointerup/cancel.
      }
    } else if (event.pointerId !== pointerId) {
      return
    }
    const rect = target.getBoundingClientRect()
    const at = clampFocus(
      {
        x: ((event.clientX - rect.left) / rect.width) * current.width,
        y: ((event.clientY - rect.top) / rect.height) * current.height,
      },
      current,
    )
    if (event.type === 'pointerup' || event.type === 'pointercancel') {
      draft.value = pointerId = null
      if (event.type === 'pointerup') set(at)
    } else {
      draft.value = at
    }
  }

  // Escape is left alone: the field-plugin SDK turns every Escape into "close the modal".
  function onKeydown(event: KeyboardEvent) {
    const current = dimensions.value
    const arrow = ARROWS[event.key]
    if (!current || event.altKey || event.ctrlKey || event.metaKey) return
    const step = (side: number) => Math.max(1, Math.round(side * (event.shiftKey ? 0.1 : 0.01)))
    if (arrow) {
      // With no point yet, the first press places it at the centre.
      const from = point.value
      set(
        from
          ? {
              x: from.x + arrow[0] * step(current.width),
              y: from.y + arrow[1] * step(current.height),
            }
          : centreFocus(current),
      )
    } else if (event.key === 'Home') set(centreFocus(current))
    else if (event.key === 'Delete' || event.key === 'Backspace') onChange('')
    else return
    event.preventDefault()
  }

  return {
    point,
    percent,
    setAxis,
    clear: () => onChange(''),
    listeners: {
      pointerdown: onPointer,
      pointermove: onPointer,
      pointerup: onPointer,
      pointercancel: onPointer,
      keydown: onKeydown,
    },
  }
}
