import { describe, expect, it } from 'vitest'
import type { FrameLocator } from 'playwright-core'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { choosePng, fieldContent, openEditor, uploadEnded, waitForInFlight } from './steps'

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('uploads that meet faults, in the browser', () => {
  const env = useBrowserStack({ rateLimit: null })
  /** A fresh editor page with a PNG chosen for upload. */
  async function withPng(): Promise<FrameLocator> {
    const plugin = await openEditor(await env.freshPage(), env.stack)
    await choosePng(plugin, { name: 'slow.png', width: 64, height: 64 })
    return plugin
  }

  it('cancels at once, leaves the field as it was and removes the asset it had created', async () => {
    const plugin = await withPng()
    // The upload target holds the POST for 20 s: time enough to cancel.
    await env.stack.control.addFault({ route: 's3', delayMs: 20_000 })
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    const cancel = plugin.getByRole('button', { name: 'Cancel upload' })
    await expect.poll(() => cancel.isEnabled(), { timeout: 10_000 }).toBe(true)
    await cancel.click()
    await plugin
      .getByText('Upload cancelled. The field is unchanged.')
      .first()
      .waitFor({ timeout: 10_000 })
    expect(await fieldContent(env.page)).toBeUndefined()
    await expect
      .poll(async () => (await env.stack.control.assets()).length, { timeout: 10_000 })
      .toBe(0)
  })

  it('retries a failed S3 POST with the same signature and creates one asset', async () => {
    const plugin = await withPng()
    await env.stack.control.addFault({
      route: 's3',
      status: 503,
      body: '<Error><Code>SlowDown</Code></Error>',
      times: 2,
    })
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await uploadEnded(plugin, 30_000)
    const assets = await env.stack.control.assets()
    expect(assets).toHaveLength(1)
    expect(assets[0]?.finished).toBe(true)
  })

  /**
   * Uploads, goes offline once the emulator holds a request to `route`, waits for the pause
   * notice, goes back online and waits for the form of the finished upload.
   */
  async function offlineDuring(plugin: FrameLocator, route: string) {
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await waitForInFlight(env.stack, route)
    await env.page.context().setOffline(true)
    await plugin
      .getByText('Offline. The upload resumes when you are back online.')
      .first()
      .waitFor({ timeout: 10_000 })
    await env.page.context().setOffline(false)
    await uploadEnded(plugin, 30_000)
  }

  it('pauses while the browser is offline and finishes once it is back online', async () => {
    const plugin = await withPng()
    // Holds the first POST long enough to go offline while it is under way.
    await env.stack.control.addFault({ route: 's3', delayMs: 5_000 })
    await offlineDuring(plugin, 's3')
    const assets = await env.stack.control.assets()
    expect(assets).toHaveLength(1)
    expect(assets[0]?.finished).toBe(true)
  })

  it('pauses when the browser goes offline while signing, and leaves one asset', async () => {
    const plugin = await withPng()
    // The local Storyblok holds the sign for 1 s, then creates its entry, as a slow server would
    // after the plugin has given up on that request.
    await env.stack.control.addFault({ route: 'sign', delayMs: 1_000 })
    await offlineDuring(plugin, 'sign')
    // Two signs reached the server; the plugin's sweep removes the entry of the one it cut off.
    const signs = (await env.stack.control.managementApiLog()).filter(
      (entry) => entry.route === 'sign',
    )
    expect(signs).toHaveLength(2)
    await expect
      .poll(
        async () =>
          (await env.stack.control.managementApiLog()).some((entry) => entry.route === 'delete'),
        {
          timeout: 10_000,
        },
      )
      .toBe(true)
    const assets = await env.stack.control.assets()
    expect(assets.map((asset) => asset.finished)).toEqual([true])
    expect(await fieldContent(env.page)).toMatchObject({ id: assets[0]?.id })
  })

  it('says the token was refused, with the option to check, and changes nothing', async () => {
    const plugin = await withPng()
    await env.stack.control.addFault({
      route: 'sign',
      status: 401,
      body: { error: 'Unauthorized' },
    })
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await plugin
      .getByText('Storyblok refused the token:', { exact: false })
      .waitFor({ timeout: 10_000 })
    await plugin.getByText('Check the token in the field’s options.').waitFor()
    expect(await fieldContent(env.page)).toBeUndefined()
    expect(await env.stack.control.assets()).toHaveLength(0)
  })
})
