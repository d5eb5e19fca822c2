// Steps the browser tests share: drive the plugin inside the editor page and read what the
// editor page holds (what the local Storyblok holds: `stack.control`).
import { createRequire } from 'node:module'
import type { Frame, FrameLocator, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { Stack } from './harness'
import { makePng } from '../fixtures/png'

/** The field's stored value, as the editor page shows it in #field-content. */
export async function fieldContent(page: Page): Promise<unknown> {
  const text = (await page.locator('#field-content').textContent()) ?? ''
  return text.trim() === '' ? undefined : JSON.parse(text)
}

/** Waits until the editor page's stored value satisfies `test` (it updates on every setContent). */
export async function waitForContent(
  page: Page,
  test: (content: unknown) => boolean,
  timeoutMs = 10_000,
): Promise<unknown> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const content = await fieldContent(page)
    if (test(content)) return content
    if (Date.now() > deadline)
      throw new Error(`field content never matched; last: ${JSON.stringify(content)}`)
    await page.waitForTimeout(100)
  }
}

export function pluginFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe')
}

/** The plugin's Frame (for evaluate / addScriptTag), found by its origin. */
export async function pluginFrameHandle(page: Page, stack: Stack): Promise<Frame> {
  const origin = new URL(stack.pluginUrl).origin
  for (let attempt = 0; attempt < 100; attempt++) {
    const frame = page.frames().find((candidate) => candidate.url().startsWith(origin))
    if (frame) return frame
    await page.waitForTimeout(50)
  }
  throw new Error('plugin frame not found')
}

export async function openEditor(
  page: Page,
  stack: Stack,
  query: Record<string, string> = {},
): Promise<FrameLocator> {
  await page.goto(stack.editorUrl(query))
  const plugin = pluginFrame(page)
  await plugin.locator('main').waitFor()
  return plugin
}

/** Picks a generated PNG with the file picker (the upload is not started). */
export async function choosePng(
  plugin: FrameLocator,
  { name = 'photo.png', width = 400, height = 300 } = {},
): Promise<Buffer> {
  const png = makePng(width, height)
  await plugin.getByLabel('Upload file').setInputFiles({ name, mimeType: 'image/png', buffer: png })
  return png
}

/**
 * Waits until the form's upload has ended in the library: the form opens at once on a new file,
 * and "Replace file" is offered once the asset exists.
 */
export async function uploadEnded(plugin: FrameLocator, timeoutMs = 20_000): Promise<void> {
  await expect
    .poll(() => plugin.getByRole('button', { name: 'Replace file' }).isEnabled(), {
      timeout: timeoutMs,
    })
    .toBe(true)
}

/** Picks a generated PNG, uploads it, and waits for the upload to end in the library. */
export async function uploadPng(
  plugin: FrameLocator,
  file: Parameters<typeof choosePng>[1] = {},
): Promise<Buffer> {
  const png = await choosePng(plugin, file)
  await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
  await plugin.getByRole('textbox', { name: 'Alt text' }).waitFor()
  await uploadEnded(plugin)
  return png
}

const require = createRequire(import.meta.url)

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: number
}

/** Runs axe-core inside the plugin's frame; returns serious and critical violations. */
export async function auditPlugin(frame: Frame): Promise<AxeViolation[]> {
  await frame.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  return frame.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Document) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[]
          }>
        }
      }
    ).axe
    const result = await axe.run(document)
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.length,
      }))
  })
}

/** The editor page's test hooks (emulator/editor/main.ts). */
interface EditorHooks {
  setOptions: (record: Record<string, string>) => void
  setContent: (value: unknown) => void
  setLanguage: (code: string) => void
}

/** Changes some of the field's options, as the block schema would; the others stay. */
export async function setOptions(page: Page, patch: Record<string, string>): Promise<void> {
  await page.evaluate((changes) => {
    const options: Record<string, string> = {}
    for (const row of document.querySelectorAll('#options-rows tr')) {
      const [name, value] = row.querySelectorAll('input')
      if (name?.value) options[name.value] = value?.value ?? ''
    }
    const hooks = (window as unknown as { __editor: EditorHooks }).__editor
    hooks.setOptions({ ...options, ...changes })
  }, patch)
}

/** Changes the field's value from outside the plugin (another editor, the Sandbox's reset). */
export async function setFieldValue(page: Page, value: unknown): Promise<void> {
  await page.evaluate((next) => {
    ;(window as unknown as { __editor: EditorHooks }).__editor.setContent(next)
  }, value)
}

/** A field value's `alt`, `title`, `focus` …, as a string ("" when absent). */
export function textOf(content: unknown, key: string): string {
  if (typeof content !== 'object' || content === null) return ''
  const value: unknown = Object.entries(content).find(([name]) => name === key)?.[1]
  return value === undefined || value === null ? '' : String(value)
}

/** Waits until the emulator holds a request to `route` that has not been answered yet. */
export async function waitForInFlight(stack: Stack, route: string): Promise<void> {
  await expect
    .poll(
      async () =>
        (await stack.control.requestLog()).some(
          (entry) => entry.route === route && entry.status === null,
        ),
      { timeout: 10_000 },
    )
    .toBe(true)
}

/** Waits until the local Storyblok holds `count` assets (removals may run in the background). */
export async function waitForAssetCount(stack: Stack, count: number, timeout = 10_000) {
  await expect.poll(async () => (await stack.control.assets()).length, { timeout }).toBe(count)
}

/** Waits until the form's preview image has loaded and has pixels. */
export async function previewLoaded(plugin: FrameLocator): Promise<void> {
  await expect
    .poll(() =>
      plugin
        .locator('.asset-form__preview img')
        .evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0),
    )
    .toBe(true)
}
