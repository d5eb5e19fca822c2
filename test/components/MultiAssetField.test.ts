// A field with the `multiple` option in the whole plugin, against the in-memory Visual Editor
// and the local Storyblok: choosing files within maxFiles, the upload queue, and Save all.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { assetFieldValue } from '../fixtures/fieldValues'
import { dropFiles } from '../support/dropFiles'
import { useAppHarness } from '../support/mountApp'
import { seedAsset } from '../support/seed'

const app = useAppHarness()

// The names of files an unmounted plugin had not uploaded are kept for the next start.
beforeEach(() => sessionStorage.clear())

/** A `multiple` field, without the Starter plan's 3 requests a second (so that waits stay short). */
const MULTIPLE = { multiple: 'true', rateLimit: '50' }

const text = (name: string) => new File([`The text of ${name}`], name, { type: 'text/plain' })
const drop = (wrapper: VueWrapper, ...files: File[]) =>
  dropFiles(wrapper.find('.uploader__zone').element, files)
const button = (wrapper: VueWrapper, label: string) =>
  wrapper.findAll('button').find((candidate) => candidate.text() === label)

/** A field holding photo.png of the library, given an alt text; back in the list. */
async function describedPhoto(): Promise<VueWrapper> {
  const { id } = await seedAsset(app.emulator, { filename: 'photo.png' })
  const { wrapper } = await app.start({
    content: [assetFieldValue({ id, name: 'photo.png' })],
    options: MULTIPLE,
  })
  await button(wrapper, 'Describe photo.png')?.trigger('click')
  // The form reads the asset from the library: its Save is enabled then.
  await vi.waitFor(() =>
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeUndefined(),
  )
  await wrapper.find('textarea').setValue('A gradient')
  await button(wrapper, '← All assets')?.trigger('click')
  return wrapper
}

/** The plugin's notices (not its live region, whose text outlives a test). */
const notices = (wrapper: VueWrapper) => wrapper.findAll('p.notice').map((notice) => notice.text())

/** How many assets the field holds. */
const count = (content: unknown) => (Array.isArray(content) ? content.length : 0)

describe('MultiAssetField', () => {
  it('names the files beyond maxFiles in an alert, and uploads the ones that fit', async () => {
    const { container, wrapper } = await app.start({
      content: [assetFieldValue({ id: 1, name: 'held.png' })],
      options: { ...MULTIPLE, maxFiles: '2' },
    })
    await drop(wrapper, text('a.txt'), text('b.txt'), text('c.txt'))
    expect(wrapper.find('[role="alert"]').text()).toBe('At most 2 assets: left out b.txt, c.txt.')
    // The upload runs in the background and joins the list.
    await vi.waitFor(() => expect(count(container.content())).toBe(2), { timeout: 5000 })
    expect(wrapper.findAll('li strong').map((name) => name.text())).toEqual(['held.png', 'a.txt'])
  })

  it('disables Choose from library once the list holds maxFiles, and says why', async () => {
    const { wrapper } = await app.start({
      content: [assetFieldValue({ id: 1, name: 'held.png' })],
      options: { ...MULTIPLE, maxFiles: '1' },
    })
    expect(button(wrapper, 'Choose from library')?.attributes('disabled')).toBe('')
    expect(wrapper.text()).toContain('The field holds its most assets (1)')
  })

  it('describes one item at a time, with Previous and Next', async () => {
    const content = ['a.png', 'b.png'].map((name, index) =>
      assetFieldValue({ id: index + 1, name }),
    )
    const { wrapper } = await app.start({ content, options: MULTIPLE })
    await button(wrapper, 'Describe b.png')?.trigger('click')
    expect.soft(wrapper.find('h2').text()).toEqual('Asset 2 of 2')
    expect.soft(button(wrapper, 'Next')?.attributes('disabled')).toEqual('')
    await button(wrapper, 'Previous')?.trigger('click')
    expect(wrapper.find('h2').text()).toBe('Asset 1 of 2')
  })

  it('says that every change is saved after Save all', async () => {
    const wrapper = await describedPhoto()
    await button(wrapper, 'Save all to asset library')?.trigger('click')
    // Save all reads and writes the library in the background.
    await vi.waitFor(() => expect(notices(wrapper)).toContain('All changes are saved.'))
  })

  it('saves an item the editor left before its asset was read', async () => {
    await app.emulator.reset()
    const { id } = await seedAsset(app.emulator, { filename: 'photo.png' })
    // The library answers the form's read late: the editor is back in the list before it.
    await app.control.addFault({ route: 'get', delayMs: 300, times: 1 })
    const { wrapper } = await app.start({
      content: [assetFieldValue({ id, name: 'photo.png' })],
      options: MULTIPLE,
    })
    await button(wrapper, 'Describe photo.png')?.trigger('click')
    await wrapper.find('textarea').setValue('Typed before the read')
    await button(wrapper, '← All assets')?.trigger('click')
    // The list reads the asset itself: the item shows its unsaved change.
    await vi.waitFor(() => expect(wrapper.text()).toContain('Not saved to the library'))
    await button(wrapper, 'Save all to asset library')?.trigger('click')
    // Save all reads and writes the library in the background.
    await vi.waitFor(() => expect(notices(wrapper)).toContain('All changes are saved.'))
    const saved = (await app.control.assets()).find((asset) => asset.id === id)
    expect(saved?.alt).toBe('Typed before the read')
  })

  it('names the items Save all could not save', async () => {
    const wrapper = await describedPhoto()
    await app.control.addFault({ route: 'update', status: 422, body: { alt: ['is invalid'] } })
    await button(wrapper, 'Save all to asset library')?.trigger('click')
    // Save all reads and writes the library in the background.
    await vi.waitFor(() => expect(notices(wrapper)).toContain('Not saved: photo.png.'))
  })
})

describe('UploadQueue', () => {
  // An empty library: a file an earlier test uploaded would be offered as already there.
  beforeEach(() => app.emulator.reset())

  it('shows a refused file in the queue with what is wrong, and uploads nothing for it', async () => {
    const { wrapper } = await app.start({ options: { ...MULTIPLE, accept: 'images' } })
    await drop(wrapper, text('notes.txt'))
    const queue = wrapper.find('.queue')
    expect(queue.text()).toContain('notes.txt · Not uploaded')
    expect((await app.control.state()).requests.sign).toBe(0)
  })

  it('counts the batch while its files upload', async () => {
    await app.control.addFault({ route: 'sign', delayMs: 300, times: 2 })
    const { container, wrapper } = await app.start({ options: MULTIPLE })
    await drop(wrapper, text('a.txt'), text('b.txt'))
    // Each file is looked for in the library first (one search each), then queued.
    await vi.waitFor(() => expect(wrapper.find('.queue').text()).toContain('0 of 2 files uploaded'))
    // The uploads end in the background.
    await vi.waitFor(() => expect(count(container.content())).toBe(2), { timeout: 5000 })
  })

  it('announces the end of the batch once every file is uploaded', async () => {
    const { container, wrapper } = await app.start({ options: MULTIPLE })
    await drop(wrapper, text('a.txt'), text('b.txt'))
    // Each is looked for in the library, then uploaded in the background; the announcer sets
    // its text on a microtask.
    await vi.waitFor(() => expect(count(container.content())).toBe(2), { timeout: 5000 })
    await vi.waitFor(() =>
      expect(wrapper.find('[aria-live]').text()).toBe('All 2 files are uploaded.'),
    )
  })

  it('keeps a failed upload with its error, and uploads it on Retry', async () => {
    await app.control.addFault({ route: 'sign', status: 422, body: { filename: ['is bad'] } })
    const { container, wrapper } = await app.start({ options: MULTIPLE })
    await drop(wrapper, text('a.txt'))
    // The sign call fails in the background.
    await vi.waitFor(() => expect(button(wrapper, 'Retry')?.exists()).toBe(true), { timeout: 5000 })
    await button(wrapper, 'Retry')?.trigger('click')
    // The second attempt runs in the background and joins the list.
    await vi.waitFor(() => expect(count(container.content())).toBe(1), { timeout: 5000 })
    expect(wrapper.find('.queue').exists()).toBe(false)
  })
})
