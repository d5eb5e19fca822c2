// The form's expiry, tags and "Replace file" notice, in the whole plugin mounted against the
// in-memory Visual Editor and a local Storyblok on a real port.
import { describe, expect, it, vi } from 'vitest'
import { seedAsset, updateAssetDirectly } from '../support/seed'
import { useAppHarness } from '../support/mountApp'

const app = useAppHarness()

/** A 640×480 PNG in the library, as the field holds it. */
async function fieldAsset(patch: Record<string, unknown> = {}) {
  const { id } = await seedAsset(app.emulator, { filename: 'photo.png', width: 640, height: 480 })
  if (Object.keys(patch).length) await updateAssetDirectly(app.emulator, id, patch)
  const response = await fetch(
    `${app.emulator.apiBaseUrl}/spaces/${app.emulator.spaceId}/assets/${id}`,
    {
      headers: { Authorization: app.emulator.token },
    },
  )
  const asset: unknown = await response.json()
  const filename =
    typeof asset === 'object' && asset && 'filename' in asset ? String(asset.filename) : ''
  const url = filename.replace('s3.amazonaws.com/', '')
  return {
    id,
    url,
    content: {
      fieldtype: 'asset',
      id,
      filename: url,
      name: 'photo.png',
      alt: '',
      title: '',
      copyright: '',
      focus: '',
      source: '',
      is_private: false,
      meta_data: {},
      is_external_url: false,
    },
  }
}

describe('the form', () => {
  it('says before a replace that published pages keep the address', async () => {
    const { content, url } = await fieldAsset()
    const { wrapper } = await app.start({ content })
    const replace = () =>
      wrapper.findAll('button').find((button) => button.text() === 'Replace file')
    // "Replace file" is enabled once the library has answered.
    await vi.waitFor(() => expect(replace()?.attributes('disabled')).toBeUndefined())
    await replace()?.trigger('click')
    expect(wrapper.find('[role="note"]').text()).toContain(`keep this asset’s address, ${url}`)
  })

  it('names the size the address keeps before a replace', async () => {
    const { content } = await fieldAsset()
    const { wrapper } = await app.start({ content })
    const replace = () =>
      wrapper.findAll('button').find((button) => button.text() === 'Replace file')
    // "Replace file" is enabled once the library has answered.
    await vi.waitFor(() => expect(replace()?.attributes('disabled')).toBeUndefined())
    await replace()?.trigger('click')
    expect(wrapper.find('[role="note"]').text()).toContain('photo.png, 640 × 480')
  })

  it('keeps the lines of the folder, expiry and tags while the library answers', async () => {
    const { content } = await fieldAsset({ expire_at: '2020-01-01T00:00:00.000Z' })
    await app.control.addFault({ route: 'get', delayMs: 300, times: 1 })
    const { wrapper } = await app.start({ content })
    const hints = () =>
      wrapper.findAll('.asset-form__fields .field__hint').map((hint) => hint.text())
    const before = hints()
    expect(before).toContain('Folder: waiting for the asset library…')
    expect(before.filter((hint) => hint === 'Waiting for the asset library…')).toHaveLength(2)
    // The library's answer, 300 ms late, takes each line's place.
    await vi.waitFor(() => expect(hints()).toContain('Folder: Library root'))
    expect(hints()).toHaveLength(before.length)
    expect(hints()).toContain('0 selected')
    expect(hints().some((hint) => /^Expired \d+ days ago\.$/.test(hint))).toBe(true)
  })

  it('says an expired asset is expired, next to its date', async () => {
    const { content } = await fieldAsset({ expire_at: '2020-01-01T00:00:00.000Z' })
    const { wrapper } = await app.start({ content })
    // The expiry is the library's: shown once the asset is read.
    await vi.waitFor(() =>
      expect(wrapper.find<HTMLInputElement>('input[type="date"]').element.value).toBe('2020-01-01'),
    )
    const status = wrapper.find('input[type="date"]').attributes('aria-describedby') ?? ''
    expect(wrapper.find(`#${status}`).text()).toMatch(/^Expired \d+ days ago\.$/)
  })

  it('shows the asset’s tags by name, ticked', async () => {
    const hero = await app.control.seedTag({ name: 'hero' })
    await app.control.seedTag({ name: 'banner' })
    const { content } = await fieldAsset({ internal_tag_ids: [hero.id] })
    const { wrapper } = await app.start({ content })
    const box = () =>
      wrapper
        .findAll('.tags label')
        .find((label) => label.text() === 'hero')
        ?.find('input')
    // The tags are the library's, and their names the catalogue's: both read after the start.
    await vi.waitFor(() =>
      expect((box()?.element as HTMLInputElement | undefined)?.checked).toBe(true),
    )
  })

  it('writes no tag or expiry into the field’s value', async () => {
    await app.control.seedTag({ name: 'featured' })
    const { content } = await fieldAsset()
    const { wrapper, container } = await app.start({ content })
    const box = () =>
      wrapper
        .findAll('.tags label')
        .find((label) => label.text() === 'featured')
        ?.find('input')
    // Enabled once the asset is read and the catalogue names the tag.
    await vi.waitFor(() => expect(box()?.attributes('disabled')).toBeUndefined())
    await box()?.setValue(true)
    await wrapper.find('textarea').setValue('A view')
    // The field is written on the revision watcher, after Vue's flush.
    await vi.waitFor(() => expect(container.content()).toMatchObject({ alt: 'A view' }))
    expect(Object.keys(Object(container.content()))).not.toContain('internal_tag_ids')
  })
})
