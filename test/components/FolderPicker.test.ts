// "Upload to folder": the ARIA combobox over the folder tree, by keys and by typing.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import FolderPicker from '../../src/components/FolderPicker.vue'
import type { FolderList } from '../../src/domain/folders'
import { STORE_ENVIRONMENT } from '../../src/stores/environment'
import { useFoldersStore } from '../../src/stores/folders'
import { useSessionStore } from '../../src/stores/session'
import { fakeClient } from '../api/fakeClient'
import { createTestPinia, testEnvironment } from '../support/pinia'
import { loadedPlugin } from '../support/editorState'

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

const TREE: FolderList = {
  folders: [
    { id: 13, name: 'Products', parentId: null },
    { id: 11, name: 'Blog', parentId: null },
    { id: 12, name: '2024', parentId: 11 },
  ],
  rootAllowed: true,
}

async function mountPicker(list: FolderList = TREE, options: Record<string, string> = {}) {
  const { client } = fakeClient({ listFolders: async () => list })
  const env = testEnvironment({ createClient: () => client })
  const pinia = createTestPinia(env)
  useSessionStore().plugin = loadedPlugin({
    spaceId: 1,
    options: { managementToken: 'token', apiBaseUrl: 'http://localhost:7070/v1', ...options },
  })
  wrapper = mount(FolderPicker, {
    global: { plugins: [pinia], provide: { [STORE_ENVIRONMENT]: env } },
    attachTo: document.body,
  })
  const folders = useFoldersStore()
  await vi.waitFor(() => expect(folders.list).not.toBeNull())
  return { picker: wrapper, folders, input: wrapper.find('input') }
}

const shown = (picker: VueWrapper) =>
  picker.findAll('[role="option"]').map((option) => option.text())

describe('FolderPicker', () => {
  it('is a labelled combobox showing where uploads go, closed until asked', async () => {
    const { picker, input } = await mountPicker(TREE, { assetFolderId: '13' })
    expect(input.attributes()).toMatchObject({
      role: 'combobox',
      'aria-expanded': 'false',
      'aria-autocomplete': 'list',
    })
    expect(picker.find(`label[for="${input.attributes('id')}"]`).text()).toBe('Upload to folder')
    expect((input.element as HTMLInputElement).value).toBe('Products')
    expect(picker.find('[role="listbox"]').attributes('id')).toBe(input.attributes('aria-controls'))
  })

  it('opens with ↓ on the current folder, moves with ↓/↑ in tree order, and takes one with Enter', async () => {
    const { picker, folders, input } = await mountPicker(TREE, { assetFolderId: '13' })
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(input.attributes('aria-expanded')).toBe('true')
    expect(shown(picker)).toEqual(['Library root', 'Blog', 'Blog / 2024', 'Products'])
    const active = () => picker.find(`#${input.attributes('aria-activedescendant')}`).text()
    expect(active()).toBe('Products')
    await input.trigger('keydown', { key: 'ArrowUp' })
    expect(active()).toBe('Blog / 2024')
    await input.trigger('keydown', { key: 'Enter' })
    expect(folders.target).toBe(12)
    expect(input.attributes('aria-expanded')).toBe('false')
    expect((input.element as HTMLInputElement).value).toBe('Blog / 2024')
  })

  it('filters by what is typed, and Escape closes it keeping the choice', async () => {
    const { picker, folders, input } = await mountPicker()
    await input.setValue('blog')
    expect(shown(picker)).toEqual(['Blog', 'Blog / 2024'])
    await input.setValue('nothing like it')
    expect(shown(picker)).toEqual(['No folder matches “nothing like it”'])
    await input.trigger('keydown', { key: 'Escape' })
    expect(input.attributes('aria-expanded')).toBe('false')
    expect(folders.target).toBeNull()
    expect((input.element as HTMLInputElement).value).toBe('Library root')
  })

  it('takes a folder by pointer', async () => {
    const { picker, folders, input } = await mountPicker()
    await input.trigger('click')
    await picker.findAll('[role="option"]')[2]?.trigger('mousedown')
    expect(folders.target).toBe(12)
  })

  it('says when the assetFolderId option names a folder it does not offer, and uses the root', async () => {
    const { picker, folders } = await mountPicker(TREE, { assetFolderId: '99' })
    expect(picker.text()).toContain('The field’s folder (assetFolderId 99) is not offered here')
    expect(folders.target).toBeNull()
  })

  it('offers only the upload gateway’s folders, without the root when it is not allowed', async () => {
    const { picker, folders, input } = await mountPicker({
      folders: [{ id: 12, name: '2024', parentId: 11, path: 'Blog / 2024' }],
      rootAllowed: false,
    })
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(shown(picker)).toEqual(['Blog / 2024'])
    expect(folders.target).toBe(12)
  })
})
