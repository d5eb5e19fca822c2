// The plugin in editors that are not kind: echoes of every write come late and out of order,
// the official Sandbox sends no space and answers the picker with a placeholder, browsers name
// file types their own way. The editor page imitates each habit (emulator/README.md).
import { describe, expect, it } from 'vitest'
import type { FrameLocator } from 'playwright-core'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import {
  choosePng,
  fieldContent,
  openEditor,
  setFieldValue,
  setOptions,
  textOf,
  uploadPng,
  waitForContent,
} from './steps'

const SENTENCE = 'A small red rectangle on a white page'

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('in editors that answer late, and in the Sandbox', () => {
  const env = useBrowserStack({ rateLimit: null })
  const open = async (query: Record<string, string> = {}): Promise<FrameLocator> =>
    openEditor(await env.freshPage(), env.stack, query)

  it.each([['0'], ['80-160'], ['200-400']])(
    'keeps every keystroke typed at 40 ms a key and every step of a held arrow key, echoes %s ms late',
    async (echoDelay) => {
      const plugin = await open({ echoDelay })
      await uploadPng(plugin, { width: 400, height: 300 })
      const alt = plugin.getByRole('textbox', { name: 'Alt text' })
      await alt.click()
      await env.page.keyboard.type(SENTENCE, { delay: 40 })
      await waitForContent(env.page, (content) => textOf(content, 'alt') === SENTENCE)
      // Long after the last echo, the form still shows every letter.
      await env.page.waitForTimeout(600)
      expect(await alt.inputValue()).toBe(SENTENCE)

      const slider = plugin.getByRole('slider', { name: 'Focus point' })
      await slider.focus()
      await slider.press('Home')
      await waitForContent(env.page, (content) => textOf(content, 'focus') === '200x150:201x151')
      // A held key repeats about every 33 ms.
      for (let step = 0; step < 15; step++) await slider.press('ArrowRight', { delay: 33 })
      // 15 steps of 1 % of 400 px.
      const moved = '260x150:261x151'
      await waitForContent(env.page, (content) => textOf(content, 'focus') === moved)
      await env.page.waitForTimeout(600)
      expect(textOf(await fieldContent(env.page), 'focus')).toBe(moved)
      expect(await plugin.getByLabel('Focus X (px)').inputValue()).toBe('260')
    },
  )

  it('uploads and saves in the Sandbox with the spaceId option, and says what is missing without it', async () => {
    const plugin = await open({ sandbox: '1' })
    // The Sandbox starts the field as "" and sends no space: the plugin names the option.
    expect(await fieldContent(env.page)).toBe('')
    await plugin.getByText('The editor did not say which space this is').waitFor()
    await setOptions(env.page, { spaceId: String(env.stack.emulator.spaceId) })
    await expect
      .poll(() => plugin.getByText('The editor did not say which space this is').count())
      .toBe(0)
    await uploadPng(plugin)
    await plugin.getByRole('textbox', { name: 'Title' }).fill('Uploaded in the Sandbox')
    await plugin.getByRole('button', { name: 'Save to asset library' }).click()
    await plugin.getByText('Saved to the asset library.', { exact: true }).waitFor()
    const [asset] = await env.stack.control.assets()
    expect.soft(asset?.finished).toEqual(true)
    expect.soft(asset?.title).toEqual('Uploaded in the Sandbox')
  })

  it('refuses the Sandbox picker’s placeholder (id 0) without sending a request', async () => {
    const plugin = await open({ sandbox: '1' })
    await setOptions(env.page, { spaceId: String(env.stack.emulator.spaceId) })
    const since = Date.now()
    await plugin.getByRole('button', { name: 'Choose from library' }).click()
    await plugin.getByText('The library picker gave no asset of this space.').waitFor()
    expect(await env.stack.control.managementApiLog(since)).toEqual([])
    expect(await fieldContent(env.page)).toBe('')
  })

  it('opens a value whose privacy disagrees with the library with the library’s, and a title save leaves it private', async () => {
    const plugin = await open()
    await choosePng(plugin, { name: 'secret.png', width: 40, height: 30 })
    await plugin.getByRole('checkbox', { name: 'Private asset' }).check()
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await plugin.getByRole('textbox', { name: 'Alt text' }).waitFor()
    const stored = await waitForContent(
      env.page,
      (content) => textOf(content, 'is_private') === 'true',
    )
    // An older plugin, or a hand edit, left the field saying "no".
    await setFieldValue(env.page, { ...Object(stored), is_private: 'no' })
    await plugin.getByText('disagreed with the asset library about privacy').waitFor()
    expect(await plugin.getByRole('checkbox', { name: 'Private asset' }).isChecked()).toBe(true)
    await plugin.getByRole('textbox', { name: 'Title' }).fill('Only the title')
    await plugin.getByRole('button', { name: 'Save to asset library' }).click()
    await plugin.getByText('Saved to the asset library.', { exact: true }).waitFor()
    const [asset] = await env.stack.control.assets()
    expect.soft(asset?.title).toEqual('Only the title')
    expect.soft(asset?.is_private).toEqual(true)
  })
})
