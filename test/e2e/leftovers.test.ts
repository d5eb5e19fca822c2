// No asset entry left behind when the editor gives up, whatever state the upload was in, and
// when the editor re-creates the iframe in the middle of one.
import { describe, expect, it } from 'vitest'
import type { FrameLocator } from 'playwright-core'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import {
  choosePng,
  fieldContent,
  openEditor,
  pluginFrame,
  waitForAssetCount,
  waitForInFlight,
} from './steps'

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('no entry left behind', () => {
  const env = useBrowserStack({ rateLimit: null })
  /** A fresh editor page with a PNG chosen for upload. */
  async function withPng(): Promise<FrameLocator> {
    const plugin = await openEditor(await env.freshPage(), env.stack)
    await choosePng(plugin, { width: 64, height: 48 })
    return plugin
  }

  const upload = (plugin: FrameLocator) =>
    plugin.getByRole('button', { name: 'Upload', exact: true }).click()
  const chooseAnother = (plugin: FrameLocator) =>
    plugin.getByRole('button', { name: 'Choose another file' }).first().click()

  it('after finish_upload refused it and the editor chose another file', async () => {
    const plugin = await withPng()
    await env.stack.control.addFault({ route: 'finish', status: 422, body: { error: 'Not valid' } })
    await upload(plugin)
    await plugin.getByText('Storyblok refused the data', { exact: false }).waitFor()
    await waitForAssetCount(env.stack, 1)
    await chooseAnother(plugin)
    await waitForAssetCount(env.stack, 0)
  })

  it('after the read right after finishing found nothing: it says so, and the editor gave up', async () => {
    const plugin = await withPng()
    await env.stack.control.addFault({
      route: 'get',
      status: 404,
      body: ['This record could not be found'],
      times: 3,
    })
    await upload(plugin)
    await plugin.getByText('Storyblok stored the file but cannot show the asset yet.').waitFor()
    expect(await plugin.getByText('no longer in the asset library').count()).toBe(0)
    await chooseAnother(plugin)
    await waitForAssetCount(env.stack, 0)
  })

  it('after a cancel during a slow sign: the entry the server creates later is swept', async () => {
    const plugin = await withPng()
    // The server holds the sign for 3 s and creates the entry then, after the plugin gave up.
    await env.stack.control.addFault({ route: 'sign', delayMs: 3_000 })
    await upload(plugin)
    await waitForInFlight(env.stack, 'sign')
    await plugin.getByRole('button', { name: 'Cancel upload' }).click()
    await plugin.getByText('Upload cancelled. The field is unchanged.').first().waitFor()
    await waitForAssetCount(env.stack, 1)
    // The sweep looks again a few seconds later and removes it.
    await waitForAssetCount(env.stack, 0, 20_000)
    expect(await fieldContent(env.page)).toBeUndefined()
  })

  it('after the editor re-created the iframe mid-upload: the next start of the field removes it', async () => {
    const plugin = await withPng()
    await env.stack.control.addFault({ route: 's3', delayMs: 20_000 })
    await upload(plugin)
    await waitForInFlight(env.stack, 's3')
    await waitForAssetCount(env.stack, 1)
    // As the Visual Editor does when its modal closes, or the block is closed and opened again.
    await env.page.getByRole('button', { name: 'Reload plugin' }).click()
    await pluginFrame(env.page).getByLabel('Upload file').waitFor({ state: 'attached' })
    await waitForAssetCount(env.stack, 0)
    expect(await fieldContent(env.page)).toBeUndefined()
  })
})
