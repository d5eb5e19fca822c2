import { describe, expect, it } from 'vitest'
import { skipBrowser } from './browser'
import { useBrowserStack, type Stack } from './harness'
import type { StateAsset } from '../../emulator/controlClient'
import {
  auditPlugin,
  openEditor,
  pluginFrame,
  pluginFrameHandle,
  uploadPng,
  waitForContent,
} from './steps'

function focusOf(content: unknown): string {
  return typeof content === 'object' &&
    content !== null &&
    'focus' in content &&
    typeof content.focus === 'string'
    ? content.focus
    : ''
}

function altOf(content: unknown): string {
  return typeof content === 'object' &&
    content !== null &&
    'alt' in content &&
    typeof content.alt === 'string'
    ? content.alt
    : ''
}

async function newestAsset(stack: Stack): Promise<StateAsset | undefined> {
  const assets = await stack.control.assets()
  return assets.reduce<StateAsset | undefined>(
    (newest, asset) => (!newest || asset.id > newest.id ? asset : newest),
    undefined,
  )
}

/** The centre of a Storyblok focus box `"x1xy1:x2xy2"`. */
function focusPoint(focus: string): { x: number; y: number } {
  const match = /^(\d+)x(\d+):(\d+)x(\d+)$/.exec(focus)
  if (!match) throw new Error(`not a focus box: ${focus}`)
  return { x: Number(match[1]), y: Number(match[2]) }
}

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('describing an asset in the local Storyblok', () => {
  const env = useBrowserStack({ rateLimit: null })
  const freshPage = () => env.freshPage()

  it('sets the focus point by click and moves it with the arrow keys, in pixels of the original', async () => {
    const page = await freshPage()
    const plugin = await openEditor(page, env.stack)
    await uploadPng(plugin, { width: 400, height: 300 })
    const slider = plugin.getByRole('slider', { name: 'Focus point' })
    const box = await slider.boundingBox()
    if (!box) throw new Error('the focus picker is not visible')

    await slider.click({ position: { x: box.width * 0.25, y: box.height * 0.75 } })
    const clicked = focusPoint(
      focusOf(await waitForContent(page, (content) => focusOf(content) !== '')),
    )
    expect(clicked.x).toBeGreaterThanOrEqual(96)
    expect(clicked.x).toBeLessThanOrEqual(104)
    expect(clicked.y).toBeGreaterThanOrEqual(220)
    expect(clicked.y).toBeLessThanOrEqual(230)

    await slider.press('ArrowRight')
    const right = focusPoint(
      focusOf(
        await waitForContent(page, (content) => focusPoint(focusOf(content)).x !== clicked.x),
      ),
    )
    expect(right.x - clicked.x).toBe(4) // 1% of 400 px
    await slider.press('Shift+ArrowUp')
    const up = focusPoint(
      focusOf(
        await waitForContent(page, (content) => focusPoint(focusOf(content)).y !== clicked.y),
      ),
    )
    expect(clicked.y - up.y).toBe(30) // 10% of 300 px
  })

  it('sets the focus point with the numeric inputs and clears it', async () => {
    const page = await freshPage()
    const plugin = await openEditor(page, env.stack)
    await uploadPng(plugin, { width: 400, height: 300 })
    await plugin.getByLabel('Focus X (px)').fill('120')
    await plugin.getByLabel('Focus X (px)').press('Enter')
    await plugin.getByLabel('Focus Y (px)').fill('80')
    await plugin.getByLabel('Focus Y (px)').press('Enter')
    const content = await waitForContent(page, (value) => focusOf(value).startsWith('120x80'))
    expect(focusOf(content)).toBe('120x80:121x81')
    await plugin.getByRole('button', { name: 'Clear focus point' }).click()
    await waitForContent(page, (value) => focusOf(value) === '')
  })

  it('keeps unsaved edits and the undo history when the larger view re-creates the iframe', async () => {
    const page = await freshPage()
    const plugin = await openEditor(page, env.stack)
    await uploadPng(plugin)
    await plugin.getByRole('textbox', { name: 'Alt text' }).fill('A first description')
    await plugin.getByRole('textbox', { name: 'Title' }).fill('A title')
    await waitForContent(page, (content) => altOf(content) === 'A first description')

    await plugin.getByRole('button', { name: 'Open larger view' }).click()
    // The editor page re-creates the iframe inside its modal (enablePortalModal).
    await page.waitForFunction(() => document.querySelector('#modal-slot iframe') !== null)
    const modal = page.frameLocator('#modal-slot iframe')
    await expect
      .poll(() => modal.getByRole('textbox', { name: 'Alt text' }).inputValue(), {
        timeout: 10_000,
      })
      .toBe('A first description')
    await expect
      .poll(() => modal.getByRole('button', { name: 'Undo' }).isEnabled(), { timeout: 10_000 })
      .toBe(true)
    await modal.getByText('Not saved to the asset library: Alt text, Title').waitFor()

    await modal.getByRole('button', { name: 'Undo' }).click()
    await waitForContent(
      page,
      (content) =>
        typeof content === 'object' &&
        content !== null &&
        'title' in content &&
        content.title === '',
    )

    await modal.getByRole('button', { name: 'Close larger view' }).click()
    await page.waitForFunction(() => document.querySelector('#plugin-slot iframe') !== null)
    const inline = pluginFrame(page)
    await expect
      .poll(() => inline.getByRole('textbox', { name: 'Alt text' }).inputValue(), {
        timeout: 10_000,
      })
      .toBe('A first description')
    await expect
      .poll(() => inline.getByRole('button', { name: 'Redo' }).isEnabled(), { timeout: 10_000 })
      .toBe(true)
  })

  it('shows the larger view’s focus picker at the image’s own shape, the marker on the image', async () => {
    const page = await freshPage()
    const plugin = await openEditor(page, env.stack)
    // Portrait: in the larger view it is taller than the small preview's 240 px.
    await uploadPng(plugin, { width: 400, height: 600 })
    await plugin.getByRole('button', { name: 'Open larger view' }).click()
    await page.waitForFunction(() => document.querySelector('#modal-slot iframe') !== null)
    const modal = page.frameLocator('#modal-slot iframe')
    const slider = modal.getByRole('slider', { name: 'Focus point' })
    await slider.waitFor()
    await slider.press('Home')
    await waitForContent(page, (content) => focusOf(content) === '200x300:201x301')
    const frame = await slider.boundingBox()
    const image = await slider.locator('img').boundingBox()
    if (!frame || !image) throw new Error('the picker is not visible')
    // Not squashed: the image keeps its 2:3 shape, taller than 240 px, and fills the frame.
    expect(image.height).toBeGreaterThan(240)
    expect(Math.abs(image.width / image.height - 2 / 3)).toBeLessThan(0.02)
    expect.soft(Math.round(image.height)).toEqual(Math.round(frame.height))
    expect.soft(Math.round(image.width)).toEqual(Math.round(frame.width))
    // The centred marker sits in the middle of the image (once drawn).
    await expect
      .poll(async () => {
        const marker = await slider.locator('span').boundingBox()
        return marker ? Math.abs(marker.y + marker.height / 2 - (image.y + image.height / 2)) : null
      })
      .toBeLessThan(2)
  })

  it('edits and saves the text of the story’s language to meta_data', async () => {
    const page = await freshPage()
    const plugin = await openEditor(page, env.stack)
    await uploadPng(plugin)
    await page.evaluate(() => {
      ;(
        window as unknown as { __editor: { setLanguage: (code: string) => void } }
      ).__editor.setLanguage('de')
    })
    await plugin.getByText('Language: German (de)').waitFor()
    await plugin.getByRole('textbox', { name: 'Alt text' }).fill('Ein Foto')
    await plugin.getByRole('button', { name: 'Save to asset library' }).click()
    await plugin.getByText('Saved to the asset library.', { exact: true }).waitFor()
    expect((await newestAsset(env.stack))?.meta_data.alt__i18n__de).toBe('Ein Foto')
  })

  it('follows the editor’s interface language', async () => {
    const page = await freshPage()
    const plugin = await openEditor(page, env.stack)
    await page.evaluate(() => {
      ;(
        window as unknown as { __editor: { setInterfaceLanguage: (code: string) => void } }
      ).__editor.setInterfaceLanguage('de')
    })
    await plugin.getByLabel('Datei hochladen').waitFor({ state: 'attached' })
  })

  it('refuses to save an image without alt text when requireAlt is on, until it is marked decorative', async () => {
    const page = await freshPage()
    const plugin = await openEditor(page, env.stack)
    await page.evaluate(() => {
      const editor = (
        window as unknown as { __editor: { setOptions: (record: Record<string, string>) => void } }
      ).__editor
      const options: Record<string, string> = {}
      for (const row of document.querySelectorAll('#options-rows tr')) {
        const inputs = row.querySelectorAll('input')
        const name = inputs[0]?.value
        if (name) options[name] = inputs[1]?.value ?? ''
      }
      editor.setOptions({ ...options, requireAlt: 'true' })
    })
    await uploadPng(plugin)
    await plugin.getByRole('button', { name: 'Save to asset library' }).click()
    const alt = plugin.getByRole('textbox', { name: 'Alt text' })
    await expect.poll(() => alt.getAttribute('aria-invalid')).toBe('true')
    await plugin.getByText('Images need alt text here.', { exact: false }).waitFor()
    await plugin.getByRole('checkbox', { name: 'Decorative image' }).check()
    await plugin.getByRole('button', { name: 'Save to asset library' }).click()
    await plugin.getByText('Saved to the asset library.', { exact: true }).waitFor()
    const content = await waitForContent(
      page,
      (value) => typeof value === 'object' && value !== null && 'meta_data' in value,
    )
    expect(content).toMatchObject({ alt: '', meta_data: { decorative: true } })
  })

  it('shows a private image only through the Delivery API’s signed URL', async () => {
    const page = await freshPage()
    const plugin = await openEditor(page, env.stack)
    await uploadPng(plugin)
    await plugin.getByRole('checkbox', { name: 'Private asset' }).check()
    await plugin.getByRole('button', { name: 'Save to asset library' }).click()
    await plugin.getByText('Saved to the asset library.', { exact: true }).waitFor()
    const preview = plugin.locator('.asset-form__preview img')
    await expect
      .poll(async () => (await preview.getAttribute('src')) ?? '', { timeout: 10_000 })
      .toMatch(/X-Amz-Signature=/)
    // The image really loads: the CDN accepted the signature.
    await expect
      .poll(
        () =>
          preview.evaluate(
            (image) =>
              image instanceof HTMLImageElement && image.complete && image.naturalWidth > 0,
          ),
        {
          timeout: 10_000,
        },
      )
      .toBe(true)
    expect((await newestAsset(env.stack))?.is_private).toBe(true)
  })

  it('passes an automated accessibility audit (axe-core) on the uploader and the form', async () => {
    const page = await freshPage()
    const plugin = await openEditor(page, env.stack)
    const frame = await pluginFrameHandle(page, env.stack)
    expect(await auditPlugin(frame)).toEqual([])
    await uploadPng(plugin)
    expect(await auditPlugin(await pluginFrameHandle(page, env.stack))).toEqual([])
  })
})
