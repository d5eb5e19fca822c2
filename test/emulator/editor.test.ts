// The editor page in headless Chromium, with a stand-in plugin on another origin that runs the
// real @storyblok/field-plugin SDK: if the SDK accepts the page's messages here, it accepts them
// from the local Storyblok in development.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Emulator } from '../../emulator/server'
import { record, uploadAsset } from './helpers'
import { startTestEmulator } from '../support/emulator'
import { launchChromium, skipBrowser } from '../e2e/browser'
import { serveStatic, type StaticServer } from '../../scripts/support/staticServer'
import { writeStandInPlugin } from '../support/standInPlugin'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The texts of an asset that has none, as `selectAsset()` resolves with it. */
const NO_TEXTS = { name: '', alt: '', title: '', copyright: '', focus: '', source: '' }

// Skipped only outside CI when Chromium is missing (test/e2e/browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('editor page', { timeout: 30_000 }, () => {
  let emulator: Emulator
  let pluginDir: string
  let plugin: StaticServer
  let browser: Browser
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    pluginDir = await mkdtemp(join(tmpdir(), 'stand-in-plugin-'))
    await writeStandInPlugin(pluginDir)
    plugin = await serveStatic(pluginDir)
    emulator = await startTestEmulator({ pluginUrl: plugin.url })
    browser = await launchChromium()
    // One page for the file (a context is slow to create); every test navigates afresh.
    context = await browser.newContext()
    page = await context.newPage()
  }, 30_000)
  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    await plugin?.close()
    if (pluginDir) await rm(pluginDir, { recursive: true, force: true })
  })
  beforeEach(async () => {
    await emulator.reset()
  })

  /** Opens the editor and waits until the plugin has its first state. */
  async function open(query: Record<string, string> = {}): Promise<Frame> {
    await page.goto(`${emulator.url}/?${new URLSearchParams(query).toString()}`)
    return loadedPlugin()
  }

  /** The current plugin frame (the iframe in the page), once the SDK reported `loaded`. */
  async function loadedPlugin(): Promise<Frame> {
    const handle = await page.waitForSelector('iframe[title="Field plugin"]')
    const frame = await handle.contentFrame()
    if (!frame) throw new Error('the iframe has no frame')
    await frame.waitForFunction('window.__states && window.__states.length > 0')
    return frame
  }

  const lastState = async (frame: Frame): Promise<Record<string, unknown>> =>
    record(await frame.evaluate('window.__states[window.__states.length - 1]'))

  /** The messages the plugin received from the editor, raw, in order. */
  async function received(frame: Frame): Promise<{ at: number; data: Record<string, unknown> }[]> {
    const messages: unknown = await frame.evaluate('window.__received')
    if (!Array.isArray(messages)) throw new Error('the stand-in plugin keeps no messages')
    return messages.map(record).map((message) => ({
      at: Number(message['at']),
      data: record(message['data']),
    }))
  }

  /** Whether `promise` (an expression in the frame) is still pending after 300 ms. */
  const pendingAfter300ms = (frame: Frame, promise: string): Promise<unknown> =>
    frame.evaluate(
      `Promise.race([${promise}.then(() => 'answered'), new Promise((r) => setTimeout(() => r('pending'), 300))])`,
    )

  it('embeds the plugin with protocol, host and uid, and sends a state the SDK accepts', async () => {
    const frame = await open()
    const src = new URL(frame.url())
    expect(src.origin + '/').toBe(plugin.url)
    expect(src.searchParams.get('protocol')).toBe('http:')
    expect(src.searchParams.get('host')).toBe(`localhost:${emulator.port}`)
    expect(src.searchParams.get('uid')).toMatch(/.+/)
    const state = await lastState(frame)
    expect(state).toMatchObject({
      uid: src.searchParams.get('uid'),
      spaceId: emulator.spaceId,
      userId: 1,
      storyLang: 'default',
      interfaceLang: 'en',
      token: 'local-preview-token',
      translatable: true,
      isAIEnabled: true,
      isModalOpen: false,
      releases: [],
      options: {
        managementToken: emulator.token,
        apiBaseUrl: emulator.apiBaseUrl,
        region: '',
        assetFolderId: '',
        assetToken: emulator.assetToken,
        accept: '',
        maxFileSize: '',
        rateLimit: '',
        requireAlt: '',
      },
    })
    expect(state['content']).toBeUndefined()
    expect(record(record(state['story'])['content'])).toMatchObject({ component: 'page' })
    expect(await page.textContent('#field-content')).toBe('')
    expect(await page.isVisible('#habits')).toBe(false)
  })

  it('starts from ?content=', async () => {
    const frame = await open({ content: JSON.stringify({ id: 5, alt: 'x' }) })
    expect((await lastState(frame))['content']).toEqual({ id: 5, alt: 'x' })
    expect(await page.evaluate('window.__editor.getContent()')).toEqual({ id: 5, alt: 'x' })
  })

  it('stores what the plugin sets, shows it, and answers with the new state', async () => {
    const frame = await open()
    const value = { asset: { id: 1, filename: 'x' }, list: [1, 2] }
    const data = record(
      await frame.evaluate(`window.__actions.setContent(${JSON.stringify(value)})`),
    )
    expect(data['content']).toEqual(value)
    expect(await page.evaluate('window.__editor.getContent()')).toEqual(value)
    expect(await page.textContent('#field-content')).toBe(JSON.stringify(value, null, 2))
    const story = record(await frame.evaluate('window.__actions.requestContext()'))
    expect(record(story['content'])['asset']).toEqual(value)
  })

  it('sends state-changed when the developer changes content, options, languages or AI', async () => {
    const frame = await open()
    await page.evaluate('window.__editor.setContent(null)')
    await expect.poll(async () => (await lastState(frame))['content']).toBeNull()
    await page.evaluate(`window.__editor.setOptions({ managementToken: 'other' })`)
    await expect
      .poll(async () => (await lastState(frame))['options'])
      .toEqual({ managementToken: 'other' })
    await page.selectOption('#story-language', 'de')
    await expect.poll(async () => (await lastState(frame))['storyLang']).toBe('de')
    await page.evaluate(`window.__editor.setInterfaceLanguage('de')`)
    await expect.poll(async () => (await lastState(frame))['interfaceLang']).toBe('de')
    expect(await page.isChecked('#ai-enabled')).toBe(true)
    await page.uncheck('#ai-enabled')
    await expect.poll(async () => (await lastState(frame))['isAIEnabled']).toBe(false)
    await page.fill('#set-content-input', '""')
    await page.click('#set-content')
    await expect.poll(async () => (await lastState(frame))['content']).toBe('')
  })

  it('keeps edited options in localStorage', async () => {
    await open()
    await page.evaluate(
      `window.__editor.setOptions({ managementToken: 'kept', apiBaseUrl: 'http://localhost:1/v1' })`,
    )
    try {
      await page.reload()
      const frame = await loadedPlugin()
      expect((await lastState(frame))['options']).toEqual({
        managementToken: 'kept',
        apiBaseUrl: 'http://localhost:1/v1',
      })
    } finally {
      // The page is shared by the file's tests: the others expect the default options.
      await page.evaluate('localStorage.clear()')
    }
  })

  it('opens and closes a modal in place when the plugin has no portal modal', async () => {
    const frame = await open()
    await frame.evaluate('window.__marker = "same document"')
    const opened = record(
      await frame.evaluate(`window.__actions.setModalOpen(true, { width: '600px' })`),
    )
    expect(opened['isModalOpen']).toBe(true)
    expect(await page.evaluate('window.__editor.isModalOpen()')).toBe(true)
    expect(await page.isVisible('#modal-backdrop')).toBe(true)
    const closed = record(await frame.evaluate('window.__actions.setModalOpen(false)'))
    expect(closed['isModalOpen']).toBe(false)
    expect(await frame.evaluate('window.__marker')).toBe('same document')
  })

  it('re-creates the iframe inside the modal (same uid) when the plugin asks for a portal modal', async () => {
    const inline = await open({ plugin: `${plugin.url}?portal=1` })
    const uid = new URL(inline.url()).searchParams.get('uid')
    // The promise dies with the old iframe, as in the Visual Editor: do not wait for it.
    await inline.evaluate('void window.__actions.setModalOpen(true)')
    const inModal = await (await page.waitForSelector('#modal-slot iframe')).contentFrame()
    if (!inModal) throw new Error('no frame in the modal')
    await inModal.waitForFunction('window.__states && window.__states.length > 0')
    expect(new URL(inModal.url()).searchParams.get('uid')).toBe(uid)
    expect((await lastState(inModal))['isModalOpen']).toBe(true)
    expect(await page.$$('#plugin-slot iframe')).toHaveLength(0)

    await inModal.evaluate('void window.__actions.setModalOpen(false)')
    const back = await (await page.waitForSelector('#plugin-slot iframe')).contentFrame()
    if (!back) throw new Error('no inline frame')
    await back.waitForFunction('window.__states && window.__states.length > 0')
    expect((await lastState(back))['isModalOpen']).toBe(false)
    expect(await page.$$('#modal-slot iframe')).toHaveLength(0)
  })

  it('answers context, user context and AI requests', async () => {
    const frame = await open()
    expect(record(await frame.evaluate('window.__actions.requestContext()'))).toMatchObject({
      name: 'Local story',
    })
    expect(await frame.evaluate('window.__actions.requestUserContext()')).toEqual({
      isSpaceAdmin: true,
      permissions: {},
    })
    expect(
      await frame.evaluate(`window.__actions.promptAI({ action: 'prompt', text: 'hi' })`),
    ).toEqual({
      ok: false,
      error: 'AI is not available in the local Storyblok',
    })
  })

  it('answers updates late and out of order with echoDelay=min-max, while it stores each at once', async () => {
    const frame = await open({ echoDelay: '400-800' })
    const sent = record(
      await frame.evaluate(`(() => {
        const sent = {}
        const values = Array.from({ length: 20 }, (_, index) => 'value ' + index)
        window.__written = Promise.all(values.map((value) => {
          sent[value] = performance.now()
          return window.__actions.setContent(value)
        }))
        return sent
      })()`),
    )
    const echoes = async () =>
      (await received(frame)).filter((message) => message.data['action'] === 'state-changed')
    // The page stores the last update as soon as it arrives, long before the first echo.
    await expect.poll(() => page.evaluate('window.__editor.getContent()')).toBe('value 19')
    expect(await page.textContent('#field-content')).toBe('"value 19"')
    expect(await echoes()).toEqual([])

    // Each setContent resolves with the echo of its own update.
    const written: unknown = await frame.evaluate('window.__written')
    const values = Object.keys(sent)
    expect(Array.isArray(written) && written.map((data) => record(data)['content'])).toEqual(values)
    const arrived = await echoes()
    expect(arrived.map((echo) => echo.data['model'])).not.toEqual(values)
    expect(arrived.map((echo) => echo.data['model']).sort()).toEqual([...values].sort())
    for (const echo of arrived) {
      const delay = echo.at - Number(sent[String(echo.data['model'])])
      expect(delay).toBeGreaterThanOrEqual(400)
      // The upper bound, with room for a busy machine.
      expect(delay).toBeLessThan(800 + 400)
    }
    expect(await page.textContent('#habits-list')).toContain('400–800 ms')
  })

  it('sends the spaceId that spaceId= asks for, null as the Sandbox does', async () => {
    const frame = await open({ spaceId: 'null' })
    const [loaded] = await received(frame)
    expect(loaded?.data).toMatchObject({ action: 'loaded', spaceId: null })
    expect((await lastState(frame))['spaceId']).toBeUndefined()
    expect(await page.textContent('#habits-list')).toContain('spaceId: the state carries null')
    expect((await lastState(await open({ spaceId: '42' })))['spaceId']).toBe(42)
  })

  it('answers selectAsset() at once with asset id 0 and no dialog with picker=instant', async () => {
    const frame = await open({ picker: 'instant' })
    const icon = `${emulator.url}/__editor/icon.svg`
    expect(await frame.evaluate('window.__actions.selectAsset()')).toEqual({
      id: 0,
      fieldtype: 'asset',
      filename: icon,
      ...NO_TEXTS,
      meta_data: {},
      is_private: false,
    })
    expect(await page.isVisible('#asset-picker')).toBe(false)
    const response = await fetch(icon)
    expect.soft(response.status).toEqual(200)
    expect.soft(response.headers.get('content-type')).toEqual('image/svg+xml')
  })

  it('imitates the official Sandbox with sandbox=1', async () => {
    const frame = await open({ sandbox: '1' })
    expect(await page.evaluate('window.__editor.getContent()')).toBe('')
    expect(await lastState(frame)).toMatchObject({
      content: '',
      spaceId: undefined,
      userId: undefined,
      token: undefined,
      storyId: undefined,
      translatable: false,
      isAIEnabled: false,
    })
    // `loaded`, then a state-changed of its own.
    expect((await received(frame)).map((message) => message.data['action'])).toEqual([
      'loaded',
      'state-changed',
    ])
    expect(new URL(frame.url()).searchParams.get('preview')).toBe('1')
    expect(await pendingAfter300ms(frame, 'window.__actions.requestContext()')).toBe('pending')
    expect(
      await pendingAfter300ms(frame, `window.__actions.promptAI({ action: 'prompt', text: 'hi' })`),
    ).toBe('pending')
    expect(record(await frame.evaluate('window.__actions.selectAsset()'))['id']).toBe(0)
    expect(await page.isVisible('#habits')).toBe(true)
    expect(await page.textContent('#habits-list')).toContain('sandbox=1')
  })

  it('shows a notice for a value JSON cannot write (20,000 levels deep), and keeps working', async () => {
    const frame = await open()
    await page.evaluate(`(() => {
      let value = {}
      for (let depth = 0; depth < 20000; depth++) value = { value }
      window.__editor.setContent(value)
    })()`)
    expect(await page.textContent('#field-content')).toMatch(/^\(not shown: /)
    await page.evaluate(`window.__editor.setContent('after')`)
    await expect.poll(async () => (await lastState(frame))['content']).toBe('after')
    expect(await page.textContent('#field-content')).toBe('"after"')
  })

  it('lets the developer pick an uploaded asset for selectAsset()', async () => {
    const { id, cdnUrl } = await uploadAsset(emulator, 'pick.png')
    const frame = await open()
    // Keep the promise in the page: evaluating it here would wait for the pick.
    await frame.evaluate('void (window.__picked = window.__actions.selectAsset())')
    await page.click(`#asset-picker-list button[aria-label="Select pick.png"]`)
    expect(await frame.evaluate('window.__picked')).toEqual({
      id,
      fieldtype: 'asset',
      filename: cdnUrl,
      ...NO_TEXTS,
      meta_data: {},
      is_external_url: false,
      is_private: false,
    })
    expect(await page.isVisible('#asset-picker')).toBe(false)
  })

  it('closes the picker on Cancel without answering', async () => {
    const frame = await open()
    // Keep the promise in the page: evaluating it here would wait for the pick.
    await frame.evaluate('void (window.__picked = window.__actions.selectAsset())')
    await page.waitForSelector('#asset-picker[open]')
    await page.click('#asset-picker-cancel')
    expect(await page.isVisible('#asset-picker')).toBe(false)
    expect(
      await frame.evaluate(
        'Promise.race([window.__picked, new Promise((r) => setTimeout(() => r("pending"), 200))])',
      ),
    ).toBe('pending')
  })

  it('resizes the inline iframe on heightChange', async () => {
    const frame = await open()
    await frame.evaluate(`document.body.style.height = '333px'`)
    await expect
      .poll(() =>
        page.$eval('#plugin-slot iframe', (el) =>
          el instanceof HTMLElement ? el.style.height : '',
        ),
      )
      .toBe('333px')
  })

  it('ignores messages that do not come from the plugin', async () => {
    const frame = await open({ content: '"kept"' })
    const uid = new URL(frame.url()).searchParams.get('uid')
    await page.evaluate(
      `window.postMessage({ action: 'plugin-changed', event: 'update', uid: ${JSON.stringify(uid)}, model: 'forged' }, '*')`,
    )
    await frame.evaluate(`window.__actions.requestUserContext()`)
    expect(await page.evaluate('window.__editor.getContent()')).toBe('kept')
  })

  it('has no serious accessibility violations', async () => {
    // With the habits panel shown.
    await open({ sandbox: '1' })
    await page.addScriptTag({ path: `${root}/node_modules/axe-core/axe.min.js` })
    const result = record(
      await page.evaluate(`axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })`),
    )
    const violations = Array.isArray(result['violations']) ? result['violations'].map(record) : []
    expect(
      violations
        .filter((v) => v['impact'] === 'serious' || v['impact'] === 'critical')
        .map((v) => v['id']),
    ).toEqual([])
  })
})
