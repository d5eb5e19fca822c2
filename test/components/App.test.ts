// The whole plugin mounted against an in-memory Visual Editor (test/support/container.ts):
// what it opens for each kind of stored value, what it writes back, and how it treats hostile
// values.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { FakeContainer } from '../support/container'
import { assetFieldValue } from '../fixtures/fieldValues'
import { makePng } from '../fixtures/png'
import { useAppHarness } from '../support/mountApp'

const app = useAppHarness()
const start = app.start

const asset = assetFieldValue({ alt: 'A cat', title: 'Cat' })

function updates(current: FakeContainer) {
  return current.received.filter((message) => message.event === 'update')
}

describe('App', () => {
  it.each([[''], [undefined], [null]])(
    'opens the uploader for %j and writes nothing',
    async (content) => {
      const { container, wrapper } = await start({ content })
      expect(wrapper.find('input[type="file"]').exists()).toBe(true)
      expect(updates(container)).toEqual([])
    },
  )

  it('keeps a value from another plugin untouched and says so', async () => {
    const foreign = { plugin: 'color-picker', color: '#ff0000' }
    const { container, wrapper } = await start({ content: foreign })
    expect(wrapper.text()).toContain('holds something other than an asset')
    expect(updates(container)).toEqual([])
    expect(container.content()).toEqual(foreign)
  })

  it('opens the form for a value in the native asset shape', async () => {
    const { wrapper } = await start({ content: asset })
    const alt = wrapper.find('textarea')
    expect(alt.element.value).toBe('A cat')
    expect(wrapper.text()).toContain('cat.png')
  })

  it('keeps the stored text and says so when the asset no longer exists in the library', async () => {
    const { container, wrapper } = await start({ content: asset })
    // The form reads asset 77, which this library does not have.
    await vi.waitFor(() => expect(wrapper.text()).toContain('no longer in the asset library'))
    expect(wrapper.find('textarea').element.value).toBe('A cat')
    expect(updates(container)).toEqual([])
  })

  it('writes each edit to the field at once, in the native asset shape', async () => {
    const { container, wrapper } = await start({ content: asset })
    await wrapper.find('textarea').setValue('A sleeping cat')
    // setContent goes out on the revision watcher, after Vue's flush.
    await vi.waitFor(() => expect(updates(container)).toHaveLength(1))
    // meta_data mirrors the texts, as the native field stores them.
    expect(container.content()).toEqual({
      ...asset,
      alt: 'A sleeping cat',
      meta_data: { alt: 'A sleeping cat', title: 'Cat', copyright: '', source: '' },
    })
  })

  it('does not take the editor’s echo of its own write for a new value (no second read)', async () => {
    await app.emulator.reset()
    const { container, wrapper } = await start({ content: asset })
    // The form reads the asset once when it opens.
    await vi.waitFor(() => expect(wrapper.text()).toContain('no longer in the asset library'))
    await wrapper.find('textarea').setValue('A sleeping cat')
    await vi.waitFor(() => expect(container.content()).toMatchObject({ alt: 'A sleeping cat' }))
    await flushPromises()
    expect((await app.control.state()).requests.get).toBe(1)
    expect(wrapper.find('textarea').element.value).toBe('A sleeping cat')
  })

  it('undoes with Ctrl+Z and redoes with Shift+Ctrl+Z, writing each step to the field', async () => {
    const { container, wrapper } = await start({ content: asset })
    await wrapper.find('textarea').setValue('A sleeping cat')
    await vi.waitFor(() => expect(container.content()).toMatchObject({ alt: 'A sleeping cat' }))
    await wrapper.find('form').trigger('keydown', { key: 'z', ctrlKey: true })
    // Each step goes out through setContent.
    await vi.waitFor(() => expect(container.content()).toMatchObject({ alt: 'A cat' }))
    await wrapper.find('form').trigger('keydown', { key: 'Z', ctrlKey: true, shiftKey: true })
    await vi.waitFor(() => expect(container.content()).toMatchObject({ alt: 'A sleeping cat' }))
  })

  it('clears the field with the native empty value on "Remove asset"', async () => {
    const { container, wrapper } = await start({ content: asset })
    const remove = wrapper.findAll('button').find((button) => button.text() === 'Remove asset')
    await remove?.trigger('click')
    await vi.waitFor(() => expect(updates(container)).toHaveLength(1))
    expect(container.content()).toMatchObject({ fieldtype: 'asset', id: null, filename: '' })
    expect(wrapper.find('input[type="file"]').exists()).toBe(true)
  })

  it('asks for the upload gateway, or a token, when the field has neither', async () => {
    const { wrapper } = await start({ options: { managementToken: '' } })
    expect(wrapper.text()).toContain('Set “gatewayUrl” to your upload gateway')
  })

  it('says to remove the token when the gateway is set too', async () => {
    const { wrapper } = await start({ options: { gatewayUrl: 'https://gw.example.com' } })
    expect(wrapper.text()).toContain('Remove “managementToken”')
  })

  it('refuses a plain-http API base on another host', async () => {
    const { wrapper } = await start({
      options: { managementToken: 't', apiBaseUrl: 'http://mapi.example.com/v1' },
    })
    expect(wrapper.text()).toContain('must use https://')
  })

  it('never links or loads a javascript: URL from the stored value', async () => {
    const { wrapper } = await start({
      content: { ...asset, filename: 'javascript:alert(document.domain)//x.png' },
    })
    const urls = [
      ...wrapper.findAll('a').map((link) => link.attributes('href') ?? ''),
      ...wrapper.findAll('img').map((image) => image.attributes('src') ?? ''),
    ]
    expect(urls.some((url) => url.toLowerCase().startsWith('javascript:'))).toBe(false)
  })

  it('renders HTML in the stored text as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">'
    const { wrapper } = await start({ content: { ...asset, alt: hostile, title: hostile } })
    expect(wrapper.find('textarea').element.value).toBe(hostile)
    expect(document.querySelectorAll('img[src="x"]')).toHaveLength(0)
    expect(wrapper.html()).not.toContain('<img src="x"')
  })

  it('switches its own words to German with the editor’s interface language', async () => {
    const { wrapper } = await start({ interfaceLanguage: 'de' })
    expect(wrapper.text()).toContain('Datei hochladen')
  })

  it('falls back to English for an interface language it does not know', async () => {
    const { wrapper } = await start({ interfaceLanguage: 'ja' })
    expect(wrapper.text()).toContain('Upload file')
  })

  it('keeps the preview’s place from the first render, at the size in the asset’s URL', async () => {
    const { wrapper } = await start({ content: asset })
    // 640 × 480 in the URL, shown at most 240 pixels wide and tall.
    const preview = wrapper.find('.asset-form__preview img')
    expect.soft(preview.attributes('width')).toBe('240')
    expect.soft(preview.attributes('height')).toBe('180')
  })

  it('gives the alt text the focus when an upload starts, to describe while the bytes fly', async () => {
    const { wrapper } = await start()
    const input = wrapper.find('input[type="file"]')
    const transfer = new DataTransfer()
    transfer.items.add(new File([new Uint8Array(makePng(4, 4))], 'dot.png', { type: 'image/png' }))
    Object.defineProperty(input.element, 'files', { value: transfer.files })
    await input.trigger('change')
    // The file check reads the first bytes before Upload is enabled.
    await vi.waitFor(() => expect(uploadButton(wrapper)?.attributes('disabled')).toBeUndefined())
    await uploadButton(wrapper)?.trigger('click')
    expect(document.activeElement).toBe(wrapper.find('textarea').element)
  })
})

function uploadButton(wrapper: VueWrapper) {
  return wrapper.findAll('button').find((button) => button.text() === 'Upload')
}
