import { describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { useFocusPoint } from '../../src/composables/useFocusPoint'
import type { PixelSize } from '../../src/domain/imageSize'

const IMAGE = { width: 4000, height: 3000 }

/** The image rendered at 400×300 CSS pixels, 100 px from the left and 50 px from the top. */
function box(): HTMLElement {
  const element = document.createElement('div')
  element.getBoundingClientRect = () => DOMRect.fromRect({ x: 100, y: 50, width: 400, height: 300 })
  document.body.append(element)
  return element
}

function setup(options: { value?: string; size?: PixelSize | null } = {}) {
  const value = ref(options.value ?? '')
  const size = ref<PixelSize | null>(options.size === undefined ? IMAGE : options.size)
  const onChange = vi.fn((focus: string) => {
    value.value = focus
  })
  const element = box()
  const focus = useFocusPoint({ value, size, onChange })
  // As `v-on` binds them: each key is the event's name.
  const { listeners } = focus
  element.addEventListener('pointerdown', listeners.pointerdown)
  element.addEventListener('pointermove', listeners.pointermove)
  element.addEventListener('pointerup', listeners.pointerup)
  element.addEventListener('pointercancel', listeners.pointercancel)
  element.addEventListener('keydown', listeners.keydown)
  return { value, size, onChange, element, focus }
}

function pointer(type: string, clientX: number, clientY: number, init: PointerEventInit = {}) {
  return new PointerEvent(type, {
    clientX,
    clientY,
    button: 0,
    isPrimary: true,
    pointerId: 1,
    bubbles: true,
    cancelable: true,
    ...init,
  })
}

function key(element: HTMLElement, name: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', {
    key: name,
    bubbles: true,
    cancelable: true,
    ...init,
  })
  element.dispatchEvent(event)
  return event
}

describe('useFocusPoint', () => {
  it('reads the stored focus', () => {
    const { focus } = setup({ value: '1964x892:1965x893' })
    expect(focus.point.value).toEqual({ x: 1964, y: 892 })
  })

  it('gives the marker’s position in percent', () => {
    const { focus } = setup({ value: '1999x1499:2000x1500' })
    expect(focus.percent.value?.x).toBeCloseTo(49.9875, 6)
    expect(focus.percent.value?.y).toBeCloseTo((1499.5 / 3000) * 100, 6)
  })

  it('reads a malformed focus as none', () => {
    const { focus } = setup({ value: 'centre' })
    expect(focus.point.value).toBeNull()
  })

  it('keeps a stored focus outside the image inside it', () => {
    const { focus } = setup({ value: '9000x9000:9001x9001' })
    expect(focus.point.value).toEqual({ x: 3999, y: 2999 })
  })

  it('sets the focus where the image is clicked, in original pixels', () => {
    const { element, onChange } = setup()
    element.dispatchEvent(pointer('pointerdown', 200, 200))
    element.dispatchEvent(pointer('pointerup', 200, 200))
    expect(onChange.mock.calls).toEqual([['1000x1500:1001x1501']])
  })

  it('shows a drag while it happens without reporting it', () => {
    const { element, onChange, focus } = setup()
    element.dispatchEvent(pointer('pointerdown', 100, 50))
    element.dispatchEvent(pointer('pointermove', 300, 200))
    expect.soft(focus.point.value).toEqual({ x: 2000, y: 1500 })
    expect.soft(onChange.mock.calls.length).toEqual(0)
  })

  it('reports a drag once, where it ends', () => {
    const { element, onChange } = setup()
    element.dispatchEvent(pointer('pointerdown', 100, 50))
    element.dispatchEvent(pointer('pointermove', 300, 200))
    element.dispatchEvent(pointer('pointerup', 400, 350))
    expect(onChange.mock.calls).toEqual([['3000x2999:3001x3000']])
  })

  it('keeps a drag that leaves the image at the edge', () => {
    const { element, onChange } = setup()
    element.dispatchEvent(pointer('pointerdown', 200, 200))
    element.dispatchEvent(pointer('pointerup', -50, 900))
    expect(onChange.mock.calls).toEqual([['0x2999:1x3000']])
  })

  it('forgets a cancelled drag', () => {
    const { element, onChange, focus } = setup({ value: '10x10:11x11' })
    element.dispatchEvent(pointer('pointerdown', 300, 200))
    element.dispatchEvent(pointer('pointercancel', 300, 200))
    expect.soft(focus.point.value).toEqual({ x: 10, y: 10 })
    expect.soft(onChange.mock.calls.length).toEqual(0)
  })

  it('ignores a pointer other than the one dragging', () => {
    const { element, focus } = setup()
    element.dispatchEvent(pointer('pointerdown', 100, 50))
    element.dispatchEvent(pointer('pointermove', 300, 200, { pointerId: 2, isPrimary: false }))
    expect(focus.point.value).toEqual({ x: 0, y: 0 })
  })

  it('ignores the right mouse button', () => {
    const { element, onChange } = setup()
    element.dispatchEvent(pointer('pointerdown', 200, 200, { button: 2 }))
    element.dispatchEvent(pointer('pointerup', 200, 200, { button: 2 }))
    expect(onChange).not.toHaveBeenCalled()
  })

  it('moves by a small step with an arrow key', () => {
    const { element, onChange } = setup({ value: '2000x1500:2001x1501' })
    key(element, 'ArrowRight')
    expect(onChange.mock.calls).toEqual([['2040x1500:2041x1501']])
  })

  it('moves by a large step with Shift and an arrow key', () => {
    const { element, onChange } = setup({ value: '2000x1500:2001x1501' })
    key(element, 'ArrowDown', { shiftKey: true })
    expect(onChange.mock.calls).toEqual([['2000x1800:2001x1801']])
  })

  it('moves at least one pixel on a small image', () => {
    const { element, onChange } = setup({ value: '10x10:11x11', size: { width: 50, height: 50 } })
    key(element, 'ArrowRight')
    expect(onChange.mock.calls).toEqual([['11x10:12x11']])
  })

  it('stops at the edge', () => {
    const { element, onChange } = setup({ value: '10x0:11x1' })
    key(element, 'ArrowLeft', { shiftKey: true })
    key(element, 'ArrowUp')
    expect(onChange.mock.calls).toEqual([['0x0:1x1'], ['0x0:1x1']])
  })

  it('places a missing focus at the centre on the first arrow key', () => {
    const { element, onChange } = setup()
    key(element, 'ArrowLeft')
    expect(onChange.mock.calls).toEqual([['2000x1500:2001x1501']])
  })

  it('centres the focus with Home', () => {
    const { element, onChange } = setup({ value: '10x10:11x11' })
    key(element, 'Home')
    expect(onChange.mock.calls).toEqual([['2000x1500:2001x1501']])
  })

  it.each(['Delete', 'Backspace'])('clears the focus with %s', (name) => {
    const { element, onChange } = setup({ value: '10x10:11x11' })
    key(element, name)
    expect(onChange.mock.calls).toEqual([['']])
  })

  it('keeps the page from scrolling on the keys it handles', () => {
    const { element } = setup({ value: '10x10:11x11' })
    expect(key(element, 'ArrowUp').defaultPrevented).toBe(true)
  })

  it('leaves Escape alone', () => {
    const { element, onChange } = setup({ value: '10x10:11x11' })
    const event = key(element, 'Escape')
    expect.soft(event.defaultPrevented).toEqual(false)
    expect.soft(onChange.mock.calls.length).toEqual(0)
  })

  it('leaves shortcuts with Ctrl alone', () => {
    const { element, onChange } = setup({ value: '10x10:11x11' })
    key(element, 'ArrowLeft', { ctrlKey: true })
    expect(onChange).not.toHaveBeenCalled()
  })

  it('sets x from a number and keeps y', () => {
    const { focus, onChange } = setup({ value: '10x20:11x21' })
    focus.setAxis('x', 1234)
    expect(onChange.mock.calls).toEqual([['1234x20:1235x21']])
  })

  it('takes the centre for the other axis when there is no focus yet', () => {
    const { focus, onChange } = setup()
    focus.setAxis('y', 100)
    expect(onChange.mock.calls).toEqual([['2000x100:2001x101']])
  })

  it('keeps a typed number inside the image', () => {
    const { focus, onChange } = setup({ value: '10x20:11x21' })
    focus.setAxis('x', 99999)
    expect(onChange.mock.calls).toEqual([['3999x20:4000x21']])
  })

  it('cannot pick without the image’s size', () => {
    const { focus, element, onChange } = setup({ value: '10x10:11x11', size: null })
    element.dispatchEvent(pointer('pointerdown', 200, 200))
    element.dispatchEvent(pointer('pointerup', 200, 200))
    key(element, 'ArrowRight')
    focus.setAxis('x', 5)
    expect.soft(focus.point.value).toEqual(null)
    expect.soft(onChange.mock.calls.length).toEqual(0)
  })

  it('returns the stored coordinate, or the current one for a number that is not one', () => {
    const { focus } = setup({ value: '10x20:11x21' })
    expect.soft(focus.setAxis('y', 99999)).toEqual(2999)
    expect.soft(focus.setAxis('x', NaN)).toEqual(10)
  })

  it('clears the focus', () => {
    const { focus, onChange } = setup({ value: '10x20:11x21' })
    focus.clear()
    expect(onChange.mock.calls).toEqual([['']])
  })
})
