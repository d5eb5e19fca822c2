import { describe, expect, it } from 'vitest'
import type { FrameLocator, Page } from 'playwright-core'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { isList, namesOf } from './listSteps'
import { jpegImageData, photo, photoFile, pngImageData, seen, storedBytes } from './photoSteps'
import {
  auditPlugin,
  choosePng,
  fieldContent,
  openEditor,
  pluginFrameHandle,
  setOptions,
  uploadEnded,
  waitForAssetCount,
  waitForContent,
} from './steps'
import { makePng } from '../fixtures/png'
import { dropFiles } from '../../scripts/support/dropFiles'

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)(
  'before anything is sent: folder, location, already in the library',
  () => {
    const env = useBrowserStack()

    /** Blog › 2024, and Products. */
    async function seedFolders() {
      await env.stack.control.seedFolder({ id: 11, name: 'Blog' })
      await env.stack.control.seedFolder({ id: 12, name: '2024', parent_id: 11 })
      await env.stack.control.seedFolder({ id: 13, name: 'Products' })
    }

    const folderBox = (plugin: FrameLocator) =>
      plugin.getByRole('combobox', { name: 'Upload to folder' })

    async function noSeriousProblems(page: Page) {
      const frame = await pluginFrameHandle(page, env.stack)
      expect(await auditPlugin(frame)).toEqual([])
    }

    it('uploads into the folder chosen by typing or by keys, remembers it for the field, and names it in the form', async () => {
      const page = await env.freshPage()
      await seedFolders()
      const plugin = await openEditor(page, env.stack)
      // The field's option names the default: Products.
      await setOptions(page, { assetFolderId: '13' })
      await choosePng(plugin, { name: 'cover.png' })
      const box = folderBox(plugin)
      await expect.poll(() => box.inputValue()).toBe('Products')

      // Typing searches the tree by path; the list is open while the page is audited.
      await box.click()
      await box.fill('20')
      const options = plugin.getByRole('option')
      await expect.poll(() => options.allTextContents()).toEqual(['Blog / 2024'])
      await noSeriousProblems(page)
      await page.keyboard.press('Escape')
      await expect.poll(() => box.inputValue()).toBe('Products')

      // By keys alone: the list opens on the choice (tree order: root, Blog, Blog / 2024, Products).
      await box.focus()
      await page.keyboard.press('ArrowDown')
      await expect
        .poll(() => options.allTextContents())
        .toEqual(['Library root', 'Blog', 'Blog / 2024', 'Products'])
      await page.keyboard.press('ArrowUp')
      await page.keyboard.press('Enter')
      await expect.poll(() => box.inputValue()).toBe('Blog / 2024')

      await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
      await plugin.getByText('Folder: Blog / 2024').waitFor()
      await uploadEnded(plugin)
      const [asset] = await env.stack.control.assets()
      expect(asset?.asset_folder_id).toBe(12)
      await plugin.getByText('Folder: Blog / 2024').waitFor()

      // A re-created iframe (the editor page's “Reload plugin”) names the asset's folder, and
      // offers the same folder for this field's next upload.
      await page.getByRole('button', { name: 'Reload plugin' }).click()
      await plugin.getByText('Folder: Blog / 2024').waitFor()
      await plugin.getByRole('button', { name: 'Remove asset' }).click()
      await choosePng(plugin, { name: 'second.png' })
      await expect.poll(() => folderBox(plugin).inputValue()).toBe('Blog / 2024')
    })

    it('uploads a phone photo without its position (image data byte-identical, orientation kept), keeps it with “Keep location”, and offers the existing asset for the same file', async () => {
      const page = await env.freshPage()
      const plugin = await openEditor(page, env.stack)
      const original = photo('iphone-p3-rotated-mm.jpg')
      const file = photoFile('iphone-p3-rotated-mm.jpg', 'holiday.jpg')
      await plugin.getByLabel('Upload file').setInputFiles(file)
      await plugin
        .locator('.location-notice')
        .getByText(
          /^This photo holds the place where it was taken \(\d+\.\d{3}° [NS], \d+\.\d{3}° [EW]\)\. It is removed from the uploaded copy/,
        )
        .waitFor()
      await noSeriousProblems(page)
      await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
      await uploadEnded(plugin)

      const stored = await storedBytes(env.stack, 'holiday.jpg')
      const [before, after] = [await seen(original), await seen(stored)]
      expect(before.gps.length).toBeGreaterThan(0)
      expect(after.gps).toEqual([])
      expect(after.position).toBeUndefined()
      expect(stored.length).toBe(original.length)
      expect(Buffer.from(jpegImageData(stored)).equals(Buffer.from(jpegImageData(original)))).toBe(
        true,
      )
      expect(after.tags.ifd0?.Orientation).toBe(6)
      expect(after.tags.ifd0?.Make).toBe(before.tags.ifd0?.Make)
      expect(after.tags.ifd0?.Copyright).toBe(before.tags.ifd0?.Copyright)
      expect(after.icc?.equals(before.icc ?? Buffer.alloc(0))).toBe(true)

      // The same file again: the library holds it (name, size, folder, privacy).
      await plugin.getByRole('button', { name: 'Remove asset' }).click()
      await plugin.getByLabel('Upload file').setInputFiles(file)
      await plugin.getByText('This file is already in the library: “holiday.jpg”').waitFor()
      await noSeriousProblems(page)
      // “Keep location”, then “Upload anyway”: a second asset, with the position.
      await plugin.getByLabel('Keep location').check()
      await plugin.getByText('It stays in the uploaded file').waitFor()
      await plugin.getByRole('button', { name: 'Upload anyway' }).click()
      await uploadEnded(plugin)
      await waitForAssetCount(env.stack, 2)
      const kept = await seen(await storedBytes(env.stack, 'holiday.jpg'))
      expect(kept.position).toEqual(before.position)

      // Once more: “Use the existing asset” takes it into the field, and makes no new asset.
      const existing = (await fieldContent(page)) as { id: number }
      await plugin.getByRole('button', { name: 'Remove asset' }).click()
      await plugin.getByLabel('Upload file').setInputFiles(file)
      await plugin.getByRole('button', { name: 'Use the existing asset' }).click()
      await waitForContent(page, (content) => (content as { id?: unknown })?.id === existing.id)
      await plugin.getByRole('textbox', { name: 'Alt text' }).waitFor()
      expect(await env.stack.control.assets()).toHaveLength(2)
      expect((await env.stack.control.state()).requests.sign).toBe(2)
    })

    it('uploads a PNG whose length changes: the new length is signed and verified, the image data unchanged', async () => {
      const page = await env.freshPage()
      const plugin = await openEditor(page, env.stack)
      const original = photo('imagemagick-dji.png')
      await plugin
        .getByLabel('Upload file')
        .setInputFiles(photoFile('imagemagick-dji.png', 'drone.png', 'image/png'))
      await plugin.locator('.location-notice').getByText('This photo holds the place').waitFor()
      await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
      await uploadEnded(plugin)
      const stored = await storedBytes(env.stack, 'drone.png')
      const [asset] = await env.stack.control.assets()
      // The compressed XMP chunk that held the position is stored again uncompressed.
      expect(stored.length).not.toBe(original.length)
      expect(asset?.content_length).toBe(stored.length)
      expect((await seen(stored)).gps).toEqual([])
      expect(Buffer.from(pngImageData(stored)).equals(Buffer.from(pngImageData(original)))).toBe(
        true,
      )
    })

    it('in a multiasset field: photos with a location wait with their own “Keep location” while the others go on; the same file again offers the existing asset', async () => {
      const page = await env.freshPage()
      const plugin = await openEditor(page, env.stack, { multiple: '1' })
      const frame = await pluginFrameHandle(page, env.stack)
      const plain = { name: 'plain.png', mimeType: 'image/png', buffer: makePng(40, 30) }
      await dropFiles(frame, '.uploader__zone', [
        photoFile('android-rotated-ii.jpg', 'street.jpg'),
        photoFile('pentax-gps-mm.jpg', 'landmark.jpg'),
        plain,
      ])
      // The PNG uploads at once; the two photos wait.
      await waitForContent(page, isList(1), 20_000)
      await plugin
        .getByText('Photos that hold the place where they were taken wait for you (2)')
        .waitFor()
      expect(await env.stack.control.assets()).toHaveLength(1)
      await noSeriousProblems(page)
      await plugin.getByRole('checkbox', { name: 'Keep location landmark.jpg' }).check()
      await plugin.getByRole('button', { name: 'Upload the waiting photos (2)' }).click()
      const stored = await waitForContent(page, isList(3), 30_000)
      expect(namesOf(stored)).toEqual(['street.jpg', 'landmark.jpg', 'plain.png'])

      const street = await storedBytes(env.stack, 'street.jpg')
      const original = photo('android-rotated-ii.jpg')
      expect((await seen(street)).gps).toEqual([])
      expect(Buffer.from(jpegImageData(street)).equals(Buffer.from(jpegImageData(original)))).toBe(
        true,
      )
      expect((await seen(street)).tags.ifd0?.Orientation).toBe(6)
      expect((await seen(await storedBytes(env.stack, 'landmark.jpg'))).gps.length).toBeGreaterThan(
        0,
      )

      // street.jpg again, with a new PNG: street.jpg waits for its location, then for the choice
      // the library offers; the PNG goes on.
      await dropFiles(frame, '.uploader__zone', [
        photoFile('android-rotated-ii.jpg', 'street.jpg'),
        { ...plain, name: 'other.png', buffer: makePng(41, 30) },
      ])
      await plugin.getByRole('button', { name: 'Upload street.jpg' }).click()
      const use = plugin.getByRole('button', { name: 'Use the existing asset street.jpg' })
      await use.waitFor({ timeout: 20_000 })
      await waitForAssetCount(env.stack, 4, 20_000)
      await noSeriousProblems(page)
      await use.click()
      const after = await waitForContent(page, isList(5), 20_000)
      expect(namesOf(after)).toEqual([
        'street.jpg',
        'landmark.jpg',
        'plain.png',
        'street.jpg',
        'other.png',
      ])
      const ids = (after as { id: number }[]).map((item) => item.id)
      expect(ids[3]).toBe(ids[0])
      expect(await env.stack.control.assets()).toHaveLength(4)
    })
  },
)
