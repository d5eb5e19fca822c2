// The list of a field with the `multiple` option, in the whole plugin against the in-memory
// Visual Editor: the move and remove buttons, what they write, say and do with the focus.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { assetFieldValue } from '../fixtures/fieldValues'
import { useAppHarness } from '../support/mountApp'

const app = useAppHarness()

const named = (name: string, id: number) => assetFieldValue({ id, name })
const abc = [named('a.png', 1), named('b.png', 2), named('c.png', 3)]

/** The plugin on a `multiple` field holding a.png, b.png and c.png. */
const start = () => app.start({ content: abc, options: { multiple: 'true' } })

const button = (wrapper: VueWrapper, label: string) =>
  wrapper.find<HTMLButtonElement>(`button[aria-label="${label}"]`)

/** The names the field holds, in order. */
const stored = (content: unknown) =>
  Array.isArray(content) ? content.map((value: { name?: unknown }) => value.name) : content

/** What the live region says once the announcer has set it (on a microtask). */
async function announced(wrapper: VueWrapper): Promise<string> {
  await flushPromises()
  return wrapper.find('[aria-live]').text()
}

describe('AssetList', () => {
  it('moves an item down with its button and writes the new order to the field', async () => {
    const { container, wrapper } = await start()
    await button(wrapper, 'Move a.png down').trigger('click')
    // The write goes out on the revision watcher.
    await vi.waitFor(() => expect(stored(container.content())).toEqual(['b.png', 'a.png', 'c.png']))
    expect(wrapper.findAll('li strong').map((name) => name.text())).toEqual([
      'b.png',
      'a.png',
      'c.png',
    ])
  })

  it('says where the moved item is now', async () => {
    const { wrapper } = await start()
    await button(wrapper, 'Move c.png up').trigger('click')
    expect(await announced(wrapper)).toBe('c.png: position 2 of 3.')
  })

  it('keeps the focus on the moved item’s button', async () => {
    const { wrapper } = await start()
    await button(wrapper, 'Move a.png down').trigger('click')
    // The focus moves after the list is redrawn.
    await vi.waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe('Move a.png down'),
    )
  })

  it('moves the focus to the other button when the item reaches the end of the list', async () => {
    const { wrapper } = await start()
    await button(wrapper, 'Move b.png down').trigger('click')
    // The focus moves after the list is redrawn.
    await vi.waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe('Move b.png up'),
    )
  })

  it('offers no move beyond either end', async () => {
    const { wrapper } = await start()
    expect.soft(button(wrapper, 'Move a.png up').element.disabled).toEqual(true)
    expect.soft(button(wrapper, 'Move c.png down').element.disabled).toEqual(true)
    expect.soft(button(wrapper, 'Move b.png up').element.disabled).toEqual(false)
  })

  it('removes an item, writes the field without it and says so', async () => {
    const { container, wrapper } = await start()
    const remove = wrapper
      .findAll('button')
      .find((candidate) => candidate.text() === 'Remove b.png')
    await remove?.trigger('click')
    // The write goes out on the revision watcher.
    await vi.waitFor(() => expect(stored(container.content())).toEqual(['a.png', 'c.png']))
    expect(await announced(wrapper)).toBe('b.png removed from the field.')
  })
})
