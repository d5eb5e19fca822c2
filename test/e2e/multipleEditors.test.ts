// A multiasset field in the situations editors meet: an editor that echoes late, a field that
// held a single asset, the `maxFiles` limit, the larger view re-creating the iframe, the
// library picker, dragging, and `requireAlt` with "Save all".
import { describe, expect, it } from 'vitest'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { dropPngs, isList, namesOf } from './listSteps'
import {
  fieldContent,
  openEditor,
  setOptions,
  waitForAssetCount,
  waitForContent,
  waitForInFlight,
} from './steps'
import { seedAsset } from '../support/seed'
import { cdnUrl } from '../../src/domain/urls'

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('a multiasset field in real editors', () => {
  const env = useBrowserStack({ rateLimit: null })

  /**
   * A fresh editor page hosting the field as a multiasset field, with `count` PNGs uploaded;
   * `seed` runs on the emptied local Storyblok before the page opens.
   */
  async function withList(
    count: number,
    query: Record<string, string> = {},
    seed?: () => Promise<unknown>,
  ) {
    const page = await env.freshPage()
    await seed?.()
    const plugin = await openEditor(page, env.stack, { multiple: '1', ...query })
    if (count) {
      await dropPngs(page, env.stack, count)
      await waitForContent(page, isList(count), 30_000)
    }
    return { page, plugin }
  }

  it('keeps reorders and typing when the editor echoes 200–400 ms late', async () => {
    const { page, plugin } = await withList(3, { echoDelay: '200-400' })
    const down = plugin.getByRole('button', { name: 'Move photo-01.png down' })
    await down.focus()
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await plugin.getByRole('button', { name: 'Describe photo-02.png' }).click()
    const alt = plugin.getByRole('textbox', { name: 'Alt text' })
    await alt.pressSequentially('Two squares side by side', { delay: 40 })
    // Every late echo has arrived (400 ms at most) and none rewound the text.
    await page.waitForTimeout(1_000)
    expect(await alt.inputValue()).toBe('Two squares side by side')
    const content = await fieldContent(page)
    expect(namesOf(content)).toEqual(['photo-02.png', 'photo-03.png', 'photo-01.png'])
    expect((content as { alt: string }[])[0]?.alt).toBe('Two squares side by side')
  })

  /** Seeds `older.png` into the local Storyblok; resolves with its id and CDN URL. */
  async function seedOlder(): Promise<{ id: number; filename: string }> {
    const { id } = await seedAsset(env.stack.emulator, { filename: 'older.png' })
    const stored = (await env.stack.control.assets()).find((asset) => asset.id === id)
    return { id, filename: cdnUrl(stored?.filename ?? '') }
  }

  it('uploads in the official Sandbox (no space, "" first) and refuses its placeholder pick', async () => {
    const { page, plugin } = await withList(0, { sandbox: '1' })
    expect(await fieldContent(page)).toBe('')
    await setOptions(page, { multiple: 'true', spaceId: String(env.stack.emulator.spaceId) })
    await dropPngs(page, env.stack, 2)
    await waitForContent(page, isList(2), 20_000)
    const since = Date.now()
    await plugin.getByRole('button', { name: 'Choose from library' }).click()
    await plugin.getByText('The library picker gave no asset of this space.').waitFor()
    expect(await env.stack.control.managementApiLog(since)).toEqual([])
    expect(namesOf(await fieldContent(page))).toEqual(['photo-01.png', 'photo-02.png'])
  })

  it('offers a single asset value as the first item and keeps it until the editor acts', async () => {
    const page = await env.freshPage()
    const { id, filename } = await seedOlder()
    const single = { fieldtype: 'asset', id, filename, alt: 'From before' }
    const plugin = await openEditor(page, env.stack, {
      multiple: '1',
      content: JSON.stringify(single),
    })
    await plugin.getByText('This field held one asset').waitFor()
    // The library was read for it: the item is an image with its thumbnail.
    await plugin.locator('.asset-list__item img').waitFor()
    await plugin.getByRole('button', { name: 'Describe older.png' }).waitFor()
    // The old value stays as it was while the editor only looks.
    await page.waitForTimeout(500)
    expect(await fieldContent(page)).toMatchObject({ id, alt: 'From before' })

    await dropPngs(page, env.stack, 1)
    const list = await waitForContent(page, isList(2), 20_000)
    expect(list).toMatchObject([{ id, alt: 'From before' }, { name: 'photo-01.png' }])
  })

  it('uploads no more than maxFiles and names the files left out', async () => {
    const { page, plugin } = await withList(0, { maxFiles: '3' })
    await dropPngs(page, env.stack, 5)
    await plugin.getByText('At most 3 assets: left out photo-04.png, photo-05.png.').waitFor()
    await waitForContent(page, isList(3), 20_000)
    await page.waitForTimeout(300)
    expect((await env.stack.control.assets()).length).toBe(3)
  })

  it('names the files a reloaded plugin had not uploaded, and removes what they left', async () => {
    const { page, plugin } = await withList(0)
    // The upload target holds both POSTs long enough to reload the plugin meanwhile.
    await env.stack.control.addFault({ route: 's3', delayMs: 20_000, times: 2 })
    await dropPngs(page, env.stack, 2)
    await waitForInFlight(env.stack, 's3')
    await page.getByRole('button', { name: 'Reload plugin' }).click()
    await plugin
      .getByText(
        'These files were not uploaded when the plugin was reloaded: photo-01.png, photo-02.png.',
      )
      .waitFor({ timeout: 10_000 })
    await waitForAssetCount(env.stack, 0, 30_000)
    expect(await fieldContent(page)).toBeUndefined()
  })

  it('comes back on the described item, with its edits and history, after the larger view', async () => {
    const { page, plugin } = await withList(2)
    await plugin.getByRole('button', { name: 'Describe photo-02.png' }).click()
    await plugin.getByRole('textbox', { name: 'Alt text' }).fill('The second square')
    await waitForContent(
      page,
      (content) =>
        namesOf(content).length === 2 && JSON.stringify(content).includes('The second square'),
    )
    await plugin.getByRole('button', { name: 'Open larger view' }).click()
    // The editor page re-creates the iframe inside its modal (enablePortalModal).
    await page.waitForFunction(() => document.querySelector('#modal-slot iframe') !== null)
    const modal = page.frameLocator('#modal-slot iframe')
    await modal.getByRole('heading', { name: 'Asset 2 of 2' }).waitFor({ timeout: 10_000 })
    expect(await modal.getByRole('textbox', { name: 'Alt text' }).inputValue()).toBe(
      'The second square',
    )
    await expect
      .poll(() => modal.getByRole('button', { name: 'Undo' }).isEnabled(), { timeout: 10_000 })
      .toBe(true)
  })

  it('adds the asset chosen in the library to the list', async () => {
    let id = 0
    const { page, plugin } = await withList(1, {}, async () => {
      ;({ id } = await seedAsset(env.stack.emulator, { filename: 'library.png' }))
    })
    await plugin.getByRole('button', { name: 'Choose from library' }).click()
    await page.click('#asset-picker-list button[aria-label="Select library.png"]')
    const list = await waitForContent(page, isList(2))
    expect(list).toMatchObject([{ name: 'photo-01.png' }, { id, name: 'library.png' }])
  })

  it('reorders by dragging an item onto another', async () => {
    const { page, plugin } = await withList(3)
    const items = plugin.locator('.asset-list__item')
    await items.nth(2).dragTo(items.nth(0))
    const moved = await waitForContent(page, (content) => namesOf(content)[0] === 'photo-03.png')
    expect(namesOf(moved)).toEqual(['photo-03.png', 'photo-01.png', 'photo-02.png'])
  })

  it('saves all it may and names the images that still need alt text', async () => {
    const { page, plugin } = await withList(2)
    await setOptions(page, { requireAlt: 'true' })
    await plugin.getByText('Alt text still needed: photo-01.png, photo-02.png.').waitFor()
    await plugin.getByRole('button', { name: 'Describe photo-01.png' }).click()
    await plugin.getByRole('textbox', { name: 'Title' }).fill('Only a title')
    await plugin.getByRole('button', { name: 'Next' }).click()
    await plugin.getByRole('textbox', { name: 'Alt text' }).fill('A described square')
    await plugin.getByRole('button', { name: 'All assets' }).click()

    await plugin.getByRole('button', { name: 'Save all to asset library' }).click()
    await plugin.getByText('Not saved: photo-01.png.').first().waitFor({ timeout: 10_000 })
    await plugin.getByText('Not saved: alt text required').waitFor()
    await plugin.getByText('Alt text still needed: photo-01.png.').waitFor()
    const assets = await env.stack.control.assets()
    const [first, second] = (await fieldContent(page)) as { id: number }[]
    expect(assets.find((asset) => asset.id === first?.id)?.title).not.toBe('Only a title')
    expect(assets.find((asset) => asset.id === second?.id)?.alt).toBe('A described square')
  })
})
