// The recommended setup in the browser: the plugin calls the upload gateway, which holds the
// token (README, "The upload gateway"). The main flows work through it as they do with the
// token, and what it refuses is said plainly and changes nothing.
import type { FrameLocator, Page, Request } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { dropPngs, isList } from './listSteps'
import {
  choosePng,
  fieldContent,
  openEditor,
  pluginFrame,
  textOf,
  uploadEnded,
  uploadPng,
  waitForAssetCount,
  waitForContent,
  waitForInFlight,
} from './steps'
import { seedAsset } from '../support/seed'

/** The requests the plugin's iframe makes to the API (the gateway, or the emulator's /v1). */
function apiRequests(page: Page, stack: { gateway?: { url: string } | undefined }) {
  const seen: Request[] = []
  const fromPlugin: Request[] = []
  page.on('request', (request) => {
    const url = request.url()
    if (request.frame() !== page.mainFrame()) fromPlugin.push(request)
    if (url.includes('/v1/') && request.frame() !== page.mainFrame()) seen.push(request)
  })
  return () => ({
    all: seen,
    /** Every request of the plugin's iframe: the API, the upload target, the CDN… */
    fromPlugin,
    toGateway: seen.filter(
      (request) => stack.gateway && request.url().startsWith(stack.gateway.url),
    ),
  })
}

/** The gateway's log lines as objects. */
const logLines = (logs: readonly string[]): Record<string, unknown>[] =>
  logs.map((line) => JSON.parse(line) as Record<string, unknown>)

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('through the upload gateway', () => {
  const env = useBrowserStack({ rateLimit: null, gateway: { GATEWAY_UPLOAD_FOLDERS: 'root' } })

  async function open(query: Record<string, string> = {}): Promise<FrameLocator> {
    return openEditor(await env.freshPage(), env.stack, query)
  }

  it('uploads, keeps what the editor typed during the upload, and saves, with no token in the browser', async () => {
    const page = await env.freshPage()
    const requests = apiRequests(page, env.stack)
    const plugin = await openEditor(page, env.stack)
    await env.stack.control.addFault({ route: 's3', delayMs: 1_000 })
    await choosePng(plugin, { name: 'gateway.png', width: 64, height: 48 })
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await waitForInFlight(env.stack, 's3')
    await plugin.getByRole('textbox', { name: 'Alt text' }).fill('Typed during the upload')
    await uploadEnded(plugin)
    const stored = await waitForContent(
      page,
      (content) => textOf(content, 'alt') === 'Typed during the upload',
    )
    // The texts typed after the sign call are written once the upload has ended.
    await expect
      .poll(async () => (await env.stack.control.assets())[0]?.alt, { timeout: 10_000 })
      .toBe('Typed during the upload')
    const [asset] = await env.stack.control.assets()
    expect(textOf(stored, 'id')).toBe(String(asset?.id))
    await plugin.getByRole('textbox', { name: 'Title' }).fill('Through the gateway')
    await plugin.getByRole('button', { name: 'Save to asset library' }).click()
    await plugin.getByText('Saved to the asset library.', { exact: true }).waitFor()
    const saved = await env.stack.control.assets()
    expect(saved.map((each) => each.title)).toEqual(['Through the gateway'])
    const { all, toGateway, fromPlugin } = requests()
    // Every API call went to the gateway, and none carried a token.
    expect(toGateway.length).toBe(all.length)
    expect(all.length).toBeGreaterThanOrEqual(3)
    expect(all.filter((request) => request.headers()['authorization'])).toEqual([])
    // The editor's preview token went with every call to the gateway, in its header, and
    // nowhere else: not to the upload target or the CDN, and never in a URL.
    const previewToken = env.stack.emulator.previewToken
    const carrying = fromPlugin.filter(
      (request) => request.headers()['x-storyblok-preview-token'] === previewToken,
    )
    expect(carrying.map((request) => request.url())).toEqual(
      toGateway.map((request) => request.url()),
    )
    expect(fromPlugin.filter((request) => request.url().includes(previewToken))).toEqual([])
    const writes = logLines(env.stack.gatewayLogs)
    expect(writes.map((line) => line.op)).toEqual(
      expect.arrayContaining(['sign', 'finish', 'update']),
    )
    expect(writes.every((line) => line.userVerified === false)).toBe(true)
    expect(env.stack.gatewayLogs.join('\n')).not.toContain(env.stack.emulator.token)
  })

  it('uploads many files of a multiasset field through it', async () => {
    const plugin = await open({ multiple: '1' })
    await dropPngs(env.page, env.stack, 4)
    const content = await waitForContent(env.page, isList(4), 30_000)
    expect(Array.isArray(content) && content.length).toBe(4)
    await waitForAssetCount(env.stack, 4)
    await plugin.getByRole('button', { name: 'Describe photo-01.png' }).waitFor()
  })

  it('cancels an upload and removes the entry it created, with its ticket', async () => {
    const plugin = await open()
    await env.stack.control.addFault({ route: 's3', delayMs: 20_000 })
    await choosePng(plugin)
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await waitForInFlight(env.stack, 's3')
    await waitForAssetCount(env.stack, 1)
    await plugin.getByRole('button', { name: 'Cancel upload' }).click()
    await plugin.getByText('Upload cancelled. The field is unchanged.').first().waitFor()
    await waitForAssetCount(env.stack, 0)
    expect(await fieldContent(env.page)).toBeUndefined()
  })

  it('signs a private upload again with its ticket when the storage policy ran out', async () => {
    const plugin = await open()
    await env.stack.control.setConfig({ policyTtlSeconds: 1 })
    // The first POST is held past the policy's end: the storage refuses it, the plugin re-signs.
    await env.stack.control.addFault({ route: 's3', delayMs: 1_500 })
    await choosePng(plugin)
    await plugin.getByRole('checkbox', { name: 'Private asset' }).check()
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await uploadEnded(plugin)
    const signs = logLines(env.stack.gatewayLogs).filter((line) => line.op === 'sign')
    expect(signs.map((line) => line.outcome)).toEqual(['ok', 'ok'])
    expect(await env.stack.control.assets()).toMatchObject([{ is_private: true, finished: true }])
  })

  it('removes what an upload cut off by a re-created iframe left, at the next start', async () => {
    const plugin = await open()
    await env.stack.control.addFault({ route: 's3', delayMs: 20_000 })
    await choosePng(plugin)
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await waitForInFlight(env.stack, 's3')
    await waitForAssetCount(env.stack, 1)
    // As the Visual Editor does when its modal closes, or the block is closed and opened again.
    await env.page.getByRole('button', { name: 'Reload plugin' }).click()
    await pluginFrame(env.page).getByLabel('Upload file').waitFor({ state: 'attached' })
    await waitForAssetCount(env.stack, 0)
    const deletes = logLines(env.stack.gatewayLogs).filter((line) => line.op === 'delete')
    expect(deletes.map((line) => line.outcome)).toEqual(['ok'])
  })

  it('says plainly that it refuses a privacy change, and changes nothing', async () => {
    const plugin = await open()
    await uploadPng(plugin)
    await plugin.getByRole('checkbox', { name: 'Private asset' }).check()
    await plugin.getByRole('button', { name: 'Save to asset library' }).click()
    await plugin.getByText('does not let editors change the privacy', { exact: false }).waitFor()
    expect((await env.stack.control.assets())[0]?.is_private).toBe(false)
  })

  it('says plainly that it refuses to replace the file of an existing asset, and changes nothing', async () => {
    // Reset first: the asset must be there when the field opens on it.
    const page = await env.freshPage()
    const seeded = { filename: 'kept.png', width: 40, height: 30 }
    const { id } = await seedAsset(env.stack.emulator, seeded)
    const [before] = await env.stack.control.assets()
    const value = { fieldtype: 'asset', id, filename: before?.filename, name: 'kept.png' }
    const plugin = await openEditor(page, env.stack, { content: JSON.stringify(value) })
    await plugin.getByRole('button', { name: 'Replace file' }).click()
    await choosePng(plugin, { name: 'other.png', width: 80, height: 60 })
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await plugin.getByText('does not let editors replace the file', { exact: false }).waitFor()
    // The editor keeps the asset as it was.
    await plugin.getByRole('button', { name: 'Keep the current file' }).click()
    await plugin.getByText('kept.png').first().waitFor()
    const [after] = await env.stack.control.assets()
    expect(after?.content_length).toBe(before?.content_length)
    expect(after?.filename).toBe(before?.filename)
  })

  it('says before the upload that the field’s folder is not allowed, and uploads into an allowed one', async () => {
    const folder = await env.stack.control.seedFolder({ name: 'Elsewhere' })
    await open()
    await setOption(env.page, 'assetFolderId', String(folder.id))
    const plugin = pluginFrame(env.page)
    await choosePng(plugin)
    // The gateway lists only the folders it allows: the field's folder is named as not offered,
    // and the upload goes to the root, which it allows, as the form says.
    await plugin.getByText(`(assetFolderId ${folder.id}) is not offered here`).waitFor()
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await plugin.getByText('Folder: Library root').waitFor()
    await expect.poll(async () => (await env.stack.control.assets()).length).toBe(1)
    const [asset] = await env.stack.control.assets()
    expect(asset?.asset_folder_id ?? null).toBeNull()
  })
})

/** Sets one of the field's options in the editor page's side panel, as a developer would. */
async function setOption(page: Page, name: string, value: string): Promise<void> {
  await page.getByLabel(`Option ${name} value`, { exact: true }).fill(value)
  await page.getByRole('button', { name: 'Apply & reload' }).click()
  await pluginFrame(page).getByLabel('Upload file').waitFor({ state: 'attached' })
}
