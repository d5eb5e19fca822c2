import { afterEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import FocusPicker from '../../src/components/FocusPicker.vue'
import { locale } from '../../src/i18n/locale'

const SRC = 'https://a.storyblok.com/f/1/4000x3000/abc/photo.jpg'

let mounted: VueWrapper | null = null

afterEach(() => {
  mounted?.unmount()
  mounted = null
  locale.value = 'en'
})

function mountPicker(props: Partial<InstanceType<typeof FocusPicker>['$props']> = {}) {
  const wrapper = mount(FocusPicker, {
    props: { src: SRC, width: 4000, height: 3000, modelValue: '', ...props },
    attachTo: document.body,
  })
  const frame = wrapper.find('[role="slider"]')
  if (frame.exists()) {
    // The image is drawn at 400×300 CSS pixels, 100 px from the left and 50 px from the top.
    frame.element.getBoundingClientRect = () =>
      DOMRect.fromRect({ x: 100, y: 50, width: 400, height: 300 })
  }
  mounted = wrapper
  return { wrapper, frame }
}

function emitted(w: VueWrapper): unknown[] {
  return (w.emitted('update:modelValue') ?? []).map(([value]) => value)
}

function pointer(type: string, clientX: number, clientY: number): PointerEvent {
  return new PointerEvent(type, {
    clientX,
    clientY,
    button: 0,
    isPrimary: true,
    pointerId: 1,
    bubbles: true,
  })
}

function previewPositions(w: VueWrapper): string[] {
  return w
    .findAll('figure img')
    .map((image) =>
      image.element instanceof HTMLElement ? image.element.style.objectPosition : '',
    )
}

describe('FocusPicker', () => {
  it('shows the image and every preview through <img> elements with the same src', () => {
    const { wrapper } = mountPicker()
    const sources = wrapper.findAll('img').map((image) => image.attributes('src'))
    expect(sources).toEqual([SRC, SRC, SRC, SRC, SRC])
  })

  it('renders nothing without the image’s size', () => {
    const { wrapper } = mountPicker({ width: 0, height: 0 })
    expect(wrapper.find('*').exists()).toBe(false)
  })

  it('emits the clicked point in Storyblok’s format', async () => {
    const { wrapper, frame } = mountPicker()
    frame.element.dispatchEvent(pointer('pointerdown', 200, 200))
    frame.element.dispatchEvent(pointer('pointerup', 200, 200))
    expect(emitted(wrapper)).toEqual(['1000x1500:1001x1501'])
  })

  it('focuses the control on a click, so the keyboard can take over', () => {
    const { frame } = mountPicker()
    frame.element.dispatchEvent(pointer('pointerdown', 200, 200))
    expect(document.activeElement).toBe(frame.element)
  })

  it('moves the point with an arrow key', async () => {
    const { wrapper, frame } = mountPicker({ modelValue: '2000x1500:2001x1501' })
    await frame.trigger('keydown', { key: 'ArrowLeft' })
    expect(emitted(wrapper)).toEqual(['1960x1500:1961x1501'])
  })

  it('moves the point further with Shift and an arrow key', async () => {
    const { wrapper, frame } = mountPicker({ modelValue: '2000x1500:2001x1501' })
    await frame.trigger('keydown', { key: 'ArrowLeft', shiftKey: true })
    expect(emitted(wrapper)).toEqual(['1600x1500:1601x1501'])
  })

  it('does not handle Escape', async () => {
    const { wrapper, frame } = mountPicker({ modelValue: '2000x1500:2001x1501' })
    await frame.trigger('keydown', { key: 'Escape' })
    expect(emitted(wrapper)).toEqual([])
  })

  it('announces the position as percentages', () => {
    const { frame } = mountPicker({ modelValue: '1964x892:1965x893' })
    expect(frame.attributes('aria-valuetext')).toBe('x 49%, y 30%')
  })

  it('announces a missing point', () => {
    const { frame } = mountPicker()
    expect(frame.attributes('aria-valuetext')).toBe('Not set')
  })

  it('links the instructions to the control', () => {
    const { wrapper, frame } = mountPicker()
    const id = frame.attributes('aria-describedby') ?? ''
    expect(wrapper.find(`[id="${id}"]`).text()).toContain('Arrow keys move it')
  })

  it('labels the numeric inputs', () => {
    const { wrapper } = mountPicker()
    const labels = wrapper.findAll('label').map((label) => {
      const input = wrapper.find(`[id="${label.attributes('for')}"]`)
      return `${label.text()}=${input.attributes('type')}`
    })
    expect(labels).toEqual(['Focus X (px)=number', 'Focus Y (px)=number'])
  })

  it('shows the point in the numeric inputs', () => {
    const { wrapper } = mountPicker({ modelValue: '1964x892:1965x893' })
    const values = wrapper
      .findAll('input')
      .map((input) => (input.element instanceof HTMLInputElement ? input.element.value : ''))
    expect(values).toEqual(['1964', '892'])
  })

  it('emits a typed x and keeps y', async () => {
    const { wrapper } = mountPicker({ modelValue: '1964x892:1965x893' })
    const input = wrapper.findAll('input')[0]
    await input?.setValue('100')
    expect(emitted(wrapper)).toEqual(['100x892:101x893'])
  })

  it('shows a typed number outside the image as the stored one', async () => {
    const { wrapper } = mountPicker({ modelValue: '1964x892:1965x893' })
    const input = wrapper.findAll('input')[1]
    await input?.setValue('5000')
    expect(input?.element instanceof HTMLInputElement && input.element.value).toBe('2999')
  })

  it('clears the point', async () => {
    const { wrapper } = mountPicker({ modelValue: '1964x892:1965x893' })
    await wrapper.find('button').trigger('click')
    expect(emitted(wrapper)).toEqual([''])
  })

  it('disables clearing when there is no point', () => {
    const { wrapper } = mountPicker()
    expect(wrapper.find('button').attributes('disabled')).toBeDefined()
  })

  it('draws the marker only when a point is set', () => {
    const { wrapper } = mountPicker()
    expect(wrapper.find('[role="slider"] span').exists()).toBe(false)
  })

  it('places the marker at the point', () => {
    const { wrapper } = mountPicker({ modelValue: '1999x1499:2000x1500' })
    const marker = wrapper.find('[role="slider"] span').element
    expect(marker instanceof HTMLElement && marker.style.left.startsWith('49.98')).toBe(true)
  })

  it('labels the four crop previews', () => {
    const { wrapper } = mountPicker()
    expect(wrapper.findAll('figcaption').map((caption) => caption.text())).toEqual([
      '1:1',
      '4:3',
      '16:9',
      '9:16',
    ])
  })

  it('centres the previews without a point', () => {
    const { wrapper } = mountPicker()
    expect(previewPositions(wrapper)).toEqual(['50% 50%', '50% 50%', '50% 50%', '50% 50%'])
  })

  it('moves the previews’ crops to a new point', async () => {
    const { wrapper } = mountPicker()
    await wrapper.setProps({ modelValue: '0x0:1x1' })
    expect(previewPositions(wrapper)).toEqual(['0% 50%', '50% 50%', '50% 0%', '0% 50%'])
  })

  it('sizes the frame to the image’s aspect ratio, wider in the large view', () => {
    const { wrapper, frame } = mountPicker({ large: true })
    const style = frame.element instanceof HTMLElement ? frame.element.style : null
    expect.soft(style?.aspectRatio).toEqual('4000 / 3000')
    expect.soft(wrapper.classes()).toEqual(['focus-picker', 'focus-picker--large'])
  })

  it('speaks German', async () => {
    locale.value = 'de'
    const { wrapper } = mountPicker()
    expect(wrapper.find('button').text()).toBe('Fokuspunkt entfernen')
  })

  it('keeps the frame at the image’s shape while the image is on its way', () => {
    const { frame } = mountPicker({ src: null })
    const style = frame.element instanceof HTMLElement ? frame.element.style : null
    expect.soft(frame.find('img').exists()).toBe(false)
    expect.soft(style?.aspectRatio).toEqual('4000 / 3000')
  })

  it('keeps a place at its shape for each crop while the image is on its way', () => {
    const { wrapper } = mountPicker({ src: null })
    const places = wrapper.findAll('figure span')
    expect.soft(places).toHaveLength(4)
    expect.soft(wrapper.findAll('figure img')).toHaveLength(0)
  })
})
