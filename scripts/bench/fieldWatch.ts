// The multiasset field in the editor page, watched while files are dropped on it: when its
// stored value first held 1, 2, … items (the editor page's view of the value), when each drop
// reached the plugin's frame, and what the field shows when a run does not finish in time.
import type { Browser } from 'playwright-core'
import type { EmulatorProcess } from './emulatorProcess.ts'
import { openEditor, type EditorPage } from './pluginPage.ts'

/** The plugin's drop target (components/DropZone.vue). */
export const DROP_ZONE = '.uploader__zone'
/** The editor page's view of the field's stored value (emulator/editor/panel.ts). */
const FIELD_CONTENT = '#field-content'
const WATCH_KEY = '__benchField'
const DROPS_KEY = '__benchDrops'

/** The editor page with the field in `multiple` mode, once the plugin takes files. */
export async function openMultiField(
  browser: Browser,
  emulator: EmulatorProcess,
  pluginUrl: string,
) {
  const query = new URLSearchParams({ plugin: pluginUrl, multiple: '1' })
  const editor = await openEditor(browser, `${emulator.url}/?${query.toString()}`)
  try {
    // A drop is ignored until the plugin has its options and a Management API client, which is
    // also when the zone's file input is enabled.
    await editor.frame.waitForFunction(
      (zone) => {
        const input = document.querySelector(`${zone} input[type="file"]`)
        return input instanceof HTMLInputElement && input.multiple && !input.disabled
      },
      DROP_ZONE,
      { timeout: 15_000, polling: 50 },
    )
    return editor
  } catch (error) {
    await editor.close()
    throw error
  }
}

/**
 * In the editor page: notes when the field's value first held 1, 2, … items (a
 * MutationObserver on the value's view, so nothing polls), in `window[key]`. Runs in the
 * browser: it may use nothing from this module.
 */
function recordFieldLength({ key, selector }: { key: string; selector: string }): void {
  const view = document.querySelector(selector)
  if (!view) throw new Error(`no ${selector} on the editor page`)
  const reached: number[] = []
  let waiters: { count: number; resolve: (at: number) => void }[] = []
  const length = (): number => {
    try {
      const value: unknown = JSON.parse(view.textContent || 'null')
      return Array.isArray(value) ? value.length : 0
    } catch {
      return 0
    }
  }
  const update = (): void => {
    const now = Date.now()
    for (let count = length(); reached.length < count;) reached.push(now)
    waiters = waiters.filter((waiter) => {
      const at = reached[waiter.count - 1]
      if (at === undefined) return true
      waiter.resolve(at)
      return false
    })
  }
  new MutationObserver(update).observe(view, {
    childList: true,
    characterData: true,
    subtree: true,
  })
  Reflect.set(window, key, {
    reached,
    until: (count: number) =>
      new Promise<number>((resolve) => {
        waiters.push({ count, resolve })
        update()
      }),
  })
}

/** In the plugin's frame: notes when each drop happened, in `window[key]`. Runs in the browser. */
function recordDrops(key: string): void {
  const drops: number[] = []
  Reflect.set(window, key, drops)
  window.addEventListener('drop', () => drops.push(Date.now()), true)
  // 20 uploads leave some 100 entries; the default buffer holds 250.
  performance.setResourceTimingBufferSize(2000)
}

export interface FieldWatch {
  /** Resolves with the time the field first held `count` items. */
  until(count: number): Promise<number>
  /** When the field first held 1, 2, … items. */
  reached(): Promise<number[]>
  /** When each drop reached the plugin's frame. */
  drops(): Promise<number[]>
}

/**
 * Starts watching the field and the drops. Both read `Date.now()`: the frame runs in another
 * process, and the wall clock is the one both share.
 */
export async function watchField(editor: EditorPage): Promise<FieldWatch> {
  await editor.page.evaluate(recordFieldLength, { key: WATCH_KEY, selector: FIELD_CONTENT })
  await editor.frame.evaluate(recordDrops, DROPS_KEY)
  const times = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number) : [])
  return {
    until: async (count) => {
      const at: unknown = await editor.page.evaluate(
        ({ key, wanted }) => Reflect.get(window, key).until(wanted),
        { key: WATCH_KEY, wanted: count },
      )
      if (typeof at !== 'number') throw new Error('unexpected field watch')
      return at
    },
    reached: async () =>
      times(await editor.page.evaluate((key) => Reflect.get(window, key).reached, WATCH_KEY)),
    drops: async () =>
      times(await editor.frame.evaluate((key) => Reflect.get(window, key), DROPS_KEY)),
  }
}

/** What the field and the plugin show: for a run that did not finish in time. */
export async function describeStuck(editor: EditorPage, wanted: number): Promise<string> {
  const held = await editor.page
    .locator(FIELD_CONTENT)
    .textContent({ timeout: 5000 })
    .then((text) => {
      const value: unknown = JSON.parse(text || 'null')
      return Array.isArray(value) ? value.length : 0
    })
    .catch(() => '?')
  const shown = await editor.frame
    .evaluate(() => ({
      alerts: [...document.querySelectorAll('[role="alert"]')].map((node) => node.textContent),
      retry: [...document.querySelectorAll('button')].filter(
        (button) => button.textContent?.trim() === 'Retry',
      ).length,
    }))
    .catch(() => null)
  return (
    `the field held ${held} of ${wanted} assets when the time was up` +
    (shown
      ? `; the plugin showed ${shown.retry} Retry buttons, alerts: ${JSON.stringify(shown.alerts)}`
      : '')
  )
}

/** The stored list's names, in order (the editor page's view of the value). */
export async function storedNames(editor: EditorPage): Promise<unknown[]> {
  const text = await editor.page.locator(FIELD_CONTENT).textContent({ timeout: 5000 })
  const value: unknown = JSON.parse(text || 'null')
  return Array.isArray(value)
    ? value.map((item: unknown) =>
        typeof item === 'object' && item !== null ? Reflect.get(item, 'name') : undefined,
      )
    : []
}
