// The uploader as a component, in a session with the local Storyblok: what choosing files does,
// and that it starts exactly one upload, with what it was given.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import AssetUploader from '../../src/components/AssetUploader.vue'
import { STORE_ENVIRONMENT } from '../../src/stores/environment'
import { useSessionStore } from '../../src/stores/session'
import { createTestPinia, testEnvironment } from '../support/pinia'
import { makePng } from '../fixtures/png'
import { photo, seen } from '../domain/location/oracle'
import { dropFiles } from '../support/dropFiles'
import { useEmulator } from '../support/emulator'
import { loadedPlugin } from '../support/editorState'

const local = useEmulator()
let wrapper: VueWrapper | undefined

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

function mountUploader(options: Record<string, string> = {}) {
  const env = testEnvironment({ imageSize: async () => null })
  const pinia = createTestPinia(env)
  useSessionStore().plugin = loadedPlugin({
    spaceId: local.emulator.spaceId,
    options: {
      managementToken: local.emulator.token,
      apiBaseUrl: local.emulator.apiBaseUrl,
      rateLimit: '50',
      ...options,
    },
  })
  wrapper = mount(AssetUploader, {
    global: { plugins: [pinia], provide: { [STORE_ENVIRONMENT]: env } },
    attachTo: document.body,
  })
  return wrapper
}

/** Chooses files with the file picker. */
async function pick(uploader: VueWrapper, ...files: File[]) {
  const input = uploader.find('input[type="file"]')
  const transfer = new DataTransfer()
  for (const file of files) transfer.items.add(file)
  Object.defineProperty(input.element, 'files', { value: transfer.files })
  await input.trigger('change')
  // The file check reads the first bytes asynchronously, and so does the photo check.
  await flushPromises()
  await vi.waitFor(() => expect(uploader.text()).not.toContain('Checking the photo'))
}

/** Drops files on the zone. */
const drop = (uploader: VueWrapper, ...files: File[]) =>
  dropFiles(uploader.find('.uploader__zone').element, files)

const text = (name: string, content = 'hello') => new File([content], name, { type: 'text/plain' })
const png = (name: string) => new File([new Uint8Array(makePng(4, 4))], name, { type: 'image/png' })
const button = (uploader: VueWrapper, label: string) =>
  uploader.findAll('button').find((candidate) => candidate.text() === label)

describe('AssetUploader', () => {
  it('shows the field’s limits before a file is chosen', () => {
    const uploader = mountUploader({ accept: 'images,.pdf', maxFileSize: '2MB' })
    expect(uploader.text()).toContain('Accepted: images, PDF.')
    expect(uploader.text()).toContain('Up to 2 MB per file.')
  })

  it('checks a second file of the same name again (every pasted screenshot is image.png)', async () => {
    const uploader = mountUploader()
    await pick(uploader, png('image.png'))
    expect(uploader.text()).not.toContain('holds')
    await button(uploader, 'Choose another file')?.trigger('click')
    // JPEG bytes under the same name: this one must be checked too.
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 1])
    await pick(uploader, new File([jpeg], 'image.png', { type: 'image/png' }))
    await vi.waitFor(() => expect(uploader.text()).toContain('holds JPG data, not .png'))
  })

  it('says that one of several dropped files is taken, instead of dropping the rest silently', async () => {
    const uploader = mountUploader()
    await drop(uploader, text('a.txt'), text('b.txt'), text('c.txt'))
    expect(uploader.text()).toContain('One file at a time: “a.txt” is taken, 2 more left out.')
  })

  it('starts one upload when Upload is clicked twice at once', async () => {
    const uploader = mountUploader()
    await pick(uploader, text('notes.txt'))
    const upload = button(uploader, 'Upload')
    void upload?.trigger('click')
    void upload?.trigger('click')
    // The library is searched for the same file first (one request), then the upload starts.
    await vi.waitFor(() => expect(uploader.emitted('started')).toHaveLength(1))
    // The upload runs in the background.
    await vi.waitFor(async () => expect((await local.control.assets())[0]?.finished).toBe(true))
    expect((await local.control.state()).requests.sign).toBe(1)
  })

  it('sends “Private asset” with the sign call, so the upload is never public', async () => {
    const uploader = mountUploader()
    await pick(uploader, text('secret.txt'))
    await uploader.find('input[type="checkbox"]').setValue(true)
    await button(uploader, 'Upload')?.trigger('click')
    // The upload runs in the background.
    await vi.waitFor(async () => expect((await local.control.assets())[0]?.finished).toBe(true))
    const [asset] = await local.control.assets()
    expect(asset?.is_private).toBe(true)
  })

  it('sends the file under its final name, without the control characters the browser kept', async () => {
    const uploader = mountUploader()
    await pick(uploader, text('a\u0007b\u200bc.txt'))
    expect(uploader.text()).toContain('Stored as “abc.txt”')
    await button(uploader, 'Upload')?.trigger('click')
    // The upload runs in the background.
    await vi.waitFor(async () => expect((await local.control.assets())[0]?.finished).toBe(true))
    const [asset] = await local.control.assets()
    expect(asset?.short_filename).toBe('abc.txt')
  })

  it('uploads nothing while an option is wrong', async () => {
    const uploader = mountUploader({ assetFolderId: 'abc' })
    expect(uploader.find('input[type="file"]').attributes('disabled')).toBeDefined()
  })

  it('says a photo holds its place and sends the copy without it, unless “Keep location” is ticked', async () => {
    const uploader = mountUploader()
    const jpeg = new File([new Uint8Array(photo('android-rotated-ii.jpg'))], 'street.jpg', {
      type: 'image/jpeg',
    })
    await pick(uploader, jpeg)
    await vi.waitFor(() =>
      expect(uploader.find('.location-notice').text()).toContain(
        'This photo holds the place where it was taken (48.208° N, 16.372° E). It is removed from the uploaded copy',
      ),
    )
    await button(uploader, 'Upload')?.trigger('click')
    await vi.waitFor(async () => expect((await local.control.assets())[0]?.finished).toBe(true))
    const [asset] = await local.control.assets()
    const stored = new Uint8Array(await (await fetch(String(asset?.filename))).arrayBuffer())
    expect((await seen(stored)).gps).toEqual([])

    await pick(uploader, jpeg)
    await vi.waitFor(() => expect(uploader.find('.location-notice').exists()).toBe(true))
    await uploader.find('.location-notice input[type="checkbox"]').setValue(true)
    expect(uploader.find('.location-notice').text()).toContain('It stays in the uploaded file')
    // The same name and size: the library holds it already; upload anyway, with the location.
    await vi.waitFor(() => expect(button(uploader, 'Upload anyway')?.exists()).toBe(true))
    await button(uploader, 'Upload anyway')?.trigger('click')
    await vi.waitFor(async () => expect(await local.control.assets()).toHaveLength(2))
    await vi.waitFor(async () => expect((await local.control.assets())[0]?.finished).toBe(true))
    const [kept] = await local.control.assets()
    const keptBytes = new Uint8Array(await (await fetch(String(kept?.filename))).arrayBuffer())
    expect((await seen(keptBytes)).gps.length).toBeGreaterThan(0)
  })

  it('offers the library’s asset for the same file; taking it uploads nothing', async () => {
    const uploader = mountUploader()
    await pick(uploader, text('notes.txt'))
    await button(uploader, 'Upload')?.trigger('click')
    await vi.waitFor(async () => expect((await local.control.assets())[0]?.finished).toBe(true))
    await pick(uploader, text('notes.txt'))
    await vi.waitFor(() =>
      expect(uploader.text()).toContain('This file is already in the library: “notes.txt” (5 B'),
    )
    // The offer replaces Upload; a private upload is another file.
    expect(button(uploader, 'Upload')).toBeUndefined()
    await uploader.find('input[type="checkbox"]').setValue(true)
    expect(button(uploader, 'Upload')?.exists()).toBe(true)
    await uploader.find('input[type="checkbox"]').setValue(false)
    await button(uploader, 'Use the existing asset')?.trigger('click')
    expect(uploader.emitted('started')).toHaveLength(2)
    expect((await local.control.state()).requests.sign).toBe(1)
  })
})
