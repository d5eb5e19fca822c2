// Expiry, tags and describing many at once, in Chromium against the local Storyblok: an expired
// asset says so (in the form and in the list), tags and expiry survive a save and a reload, five
// items get one copyright in one step that one Undo takes back, and an item that holds another
// value is named before it is overwritten.
import { describe, expect, it } from 'vitest'
import type { FrameLocator, Page } from 'playwright-core'
import { skipBrowser } from './browser'
import { useBrowserStack, type Stack } from './harness'
import { dropPngs, isList } from './listSteps'
import {
  auditPlugin,
  openEditor,
  pluginFrameHandle,
  textOf,
  uploadPng,
  waitForContent,
} from './steps'
import { seedAsset, updateAssetDirectly } from '../support/seed'

/** An uploaded PNG in the library with `patch` written to it, as a field would hold it. */
async function libraryAsset(stack: Stack, name: string, patch: Record<string, unknown>) {
  const { id } = await seedAsset(stack.emulator, { filename: name, width: 64, height: 48 })
  await updateAssetDirectly(stack.emulator, id, patch)
  const stored = (await stack.control.assets()).find((asset) => asset.id === id)
  // The field holds the CDN URL, never the S3 one.
  const filename = String(stored?.filename ?? '').replace('/s3.amazonaws.com/', '/')
  return {
    fieldtype: 'asset',
    id,
    filename,
    name,
    alt: '',
    title: '',
    copyright: '',
    focus: '',
    source: '',
    is_private: false,
    meta_data: {},
    is_external_url: false,
  }
}

/** The copyright of each item of the stored list. */
const copyrights = (content: unknown): string[] =>
  Array.isArray(content) ? content.map((item: unknown) => textOf(item, 'copyright')) : []

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('expiry, tags and describing many', () => {
  const env = useBrowserStack({ rateLimit: null })

  it('says an expired asset is expired, in the form and in the list', async () => {
    const page = await env.freshPage()
    const value = await libraryAsset(env.stack, 'old-offer.png', {
      expire_at: '2020-01-01T00:00:00.000Z',
    })
    const plugin = await openEditor(page, env.stack, { content: JSON.stringify(value) })
    await expect
      .poll(() =>
        plugin
          .getByRole('status')
          .filter({ hasText: /^Expired/ })
          .count(),
      )
      .toBe(1)
    // The date field tells its status to a screen reader with its label.
    const day = plugin.getByLabel('Expires on')
    const described = (await day.getAttribute('aria-describedby')) ?? ''
    expect(await plugin.locator(`[id="${described}"]`).textContent()).toMatch(
      /Expired \d+ days ago/,
    )

    const list = await openEditor(page, env.stack, {
      multiple: '1',
      content: JSON.stringify([value]),
    })
    // The list reads each item's expiry from the library, then badges it.
    await list.locator('.badge', { hasText: 'Expired' }).waitFor()
  })

  it('keeps tags and expiry through a save and a reload', async () => {
    const page = await env.freshPage()
    await env.stack.control.seedTag({ name: 'hero' })
    await env.stack.control.seedTag({ name: 'campaign' })
    const plugin = await openEditor(page, env.stack)
    await uploadPng(plugin)
    await plugin.getByRole('checkbox', { name: 'hero' }).check()
    await plugin.getByLabel('Expires on').fill('2031-06-01')
    await plugin.getByText(/^Expires in \d+ days\.$/).waitFor()
    await plugin.getByRole('button', { name: 'Save to asset library' }).click()
    await plugin.getByText('Saved to the asset library.').waitFor()

    // A reload: the field's stored value in a new editor page and a new plugin.
    const stored = await waitForContent(page, (content) => textOf(content, 'id') !== '')
    expect(Object.keys(Object(stored))).not.toContain('internal_tag_ids')
    const again = await openEditor(page, env.stack, { content: JSON.stringify(stored) })
    await expect.poll(() => again.getByRole('checkbox', { name: 'hero' }).isChecked()).toBe(true)
    expect(await again.getByRole('checkbox', { name: 'campaign' }).isChecked()).toBe(false)
    await expect.poll(() => again.getByLabel('Expires on').inputValue()).toBe('2031-06-01')
  })

  describe('five items of a list', () => {
    async function fiveItems(page: Page): Promise<FrameLocator> {
      const plugin = await openEditor(page, env.stack, { multiple: '1' })
      await dropPngs(page, env.stack, 5)
      await waitForContent(page, isList(5), 60_000)
      return plugin
    }

    async function describeAll(plugin: FrameLocator, copyright: string) {
      await plugin.getByRole('checkbox', { name: 'Select all' }).check()
      await plugin.getByRole('button', { name: 'Describe selected' }).click()
      await plugin.getByRole('checkbox', { name: 'Copyright: set for all' }).check()
      await plugin.getByRole('textbox', { name: 'Copyright' }).fill(copyright)
      await plugin.getByRole('button', { name: 'Apply to 5 assets' }).click()
    }

    it('get one copyright in one step, and one Undo takes it back', async () => {
      const page = await env.freshPage()
      const plugin = await fiveItems(page)
      await describeAll(plugin, '© Example 2026')
      const described = await waitForContent(page, (c) => copyrights(c)[4] === '© Example 2026')
      expect(copyrights(described)).toEqual(Array(5).fill('© Example 2026'))

      await plugin.getByRole('button', { name: 'Undo' }).click()
      const undone = await waitForContent(page, (c) => copyrights(c)[0] === '')
      expect(copyrights(undone)).toEqual(['', '', '', '', ''])
    })

    it('name an item holding another value before it is overwritten', async () => {
      const page = await env.freshPage()
      const plugin = await fiveItems(page)
      await plugin.getByRole('button', { name: 'Describe photo-02.png' }).click()
      await plugin.getByRole('textbox', { name: 'Copyright' }).fill('© Someone else')
      await plugin.getByRole('button', { name: 'All assets' }).click()

      await describeAll(plugin, '© Example 2026')
      const question = plugin.getByRole('alert')
      await expect
        .poll(() => question.textContent())
        .toContain('photo-02.png already has another copyright: replace it?')
      // Nothing changed while the editor is asked.
      expect(copyrights(await waitForContent(page, isList(5)))[0]).toBe('')

      await plugin.getByRole('button', { name: 'Replace theirs' }).click()
      const described = await waitForContent(page, (c) => copyrights(c)[1] === '© Example 2026')
      expect(copyrights(described)).toEqual(Array(5).fill('© Example 2026'))
    })

    it('select by keyboard and say how many are selected, with Ctrl+Z undoing the step', async () => {
      const page = await env.freshPage()
      const plugin = await fiveItems(page)
      await plugin.getByRole('checkbox', { name: 'Select photo-01.png' }).focus()
      await page.keyboard.press('Space')
      await plugin.getByRole('checkbox', { name: 'Select photo-03.png' }).focus()
      await page.keyboard.press('Space')
      await plugin.getByText('2 of 5 assets selected.').waitFor()

      await plugin.getByRole('button', { name: 'Describe selected' }).click()
      await plugin.getByRole('checkbox', { name: 'Source: set for all' }).check()
      await plugin.getByRole('textbox', { name: 'Source' }).fill('Press kit')
      await plugin.getByRole('button', { name: 'Apply to 2 assets' }).click()
      await waitForContent(page, (c) => Array.isArray(c) && textOf(c[2], 'source') === 'Press kit')

      await plugin.getByRole('checkbox', { name: 'Select photo-01.png' }).focus()
      await page.keyboard.press('Control+z')
      const undone = await waitForContent(
        page,
        (c) => Array.isArray(c) && textOf(c[0], 'source') === '',
      )
      expect(Array.isArray(undone) ? undone.map((item) => textOf(item, 'source')) : []).toEqual([
        '',
        '',
        '',
        '',
        '',
      ])
    })

    it('pass an accessibility audit with the selection and its panel open', async () => {
      const page = await env.freshPage()
      await env.stack.control.seedTag({ name: 'hero' })
      const plugin = await fiveItems(page)
      await plugin.getByRole('checkbox', { name: 'Select all' }).check()
      await plugin.getByRole('button', { name: 'Describe selected' }).click()
      for (const field of ['Copyright', 'Tags', 'Expires on', 'Private asset'])
        await plugin.getByRole('checkbox', { name: `${field}: set for all` }).check()
      await plugin.getByRole('checkbox', { name: 'hero' }).waitFor()
      const frame = await pluginFrameHandle(page, env.stack)
      expect(await auditPlugin(frame)).toEqual([])
    })
  })

  it('passes an accessibility audit on the form with its expiry and tags', async () => {
    const page = await env.freshPage()
    await env.stack.control.seedTag({ name: 'hero' })
    const plugin = await openEditor(page, env.stack)
    await uploadPng(plugin)
    await plugin.getByLabel('Expires on').fill('2020-02-02')
    await plugin.getByRole('checkbox', { name: 'hero' }).check()
    const frame = await pluginFrameHandle(page, env.stack)
    expect(await auditPlugin(frame)).toEqual([])
  })
})
