// Driving a field plugin inside the local Storyblok's editor page in headless Chromium:
// time to first render, and one upload through the plugin's UI with in-frame timestamps.
import type { Browser, BrowserContext, CDPSession, Frame, Page } from 'playwright-core'
import type { TestFile } from './files.ts'
import { isRecord } from '../../src/domain/record.ts'

export interface EditorPage {
  context: BrowserContext
  page: Page
  /** The plugin's iframe. */
  frame: Frame
  close(): Promise<void>
}

/** A fresh context: no cache, no storage, no code cache. */
async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext()
  // tsx compiles this file with esbuild's keepNames, which wraps named functions in a
  // `__name(fn, "name")` helper; functions sent to the page carry that call along.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target' })
  return context
}

/** A fresh context, the editor page, and the plugin's frame. */
export async function openEditor(
  browser: Browser,
  editorUrl: string,
  prepare?: (context: BrowserContext) => Promise<unknown>,
): Promise<EditorPage> {
  const context = await newContext(browser)
  try {
    await prepare?.(context)
    const page = await context.newPage()
    await page.goto(editorUrl)
    const element = await page.waitForSelector('iframe', { timeout: 15_000 })
    const frame = await element.contentFrame()
    if (!frame) throw new Error('the editor page has no plugin frame')
    return { context, page, frame, close: () => context.close() }
  } catch (error) {
    await context.close()
    throw error
  }
}

export interface RenderTiming {
  /** ms from the iframe's navigation start until the control is in the DOM and laid out. */
  inDom: number
  /** ...until the animation frame that paints it. */
  painted: number
  /** ...until the bundle (`index.js`) was downloaded. */
  scriptLoaded: number | null
}

const RENDER_KEY = '__benchRender'

/**
 * Times the first render of the element matching `selector` whose text contains `text`, in the
 * plugin's frame only, with `performance.now()` (relative to the frame's navigation start).
 */
export async function timeFirstRender(
  browser: Browser,
  editorUrl: string,
  control: { selector: string; text: string },
): Promise<RenderTiming> {
  const editor = await openEditor(browser, editorUrl, (context) =>
    context.addInitScript(
      ({ key, selector, text }) => {
        if (window === window.top) return
        let seen = false
        const check = (): boolean => {
          if (seen) return true
          const element = [...document.querySelectorAll(selector)].find(
            (candidate) =>
              candidate.textContent?.includes(text) && candidate.getClientRects().length > 0,
          )
          if (!element) return false
          seen = true
          const inDom = performance.now()
          requestAnimationFrame(() =>
            Reflect.set(window, key, { inDom, painted: performance.now() }),
          )
          return true
        }
        const observer = new MutationObserver(() => {
          if (check()) observer.disconnect()
        })
        observer.observe(document, { childList: true, subtree: true, characterData: true })
      },
      { key: RENDER_KEY, ...control },
    ),
  )
  try {
    await editor.frame.waitForFunction((key) => Reflect.has(window, key), RENDER_KEY, {
      timeout: 15_000,
      polling: 50,
    })
    const raw: unknown = await editor.frame.evaluate((key) => {
      const script = performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.endsWith('/index.js'))
      return {
        ...Reflect.get(window, key),
        scriptLoaded: script ? script.startTime + script.duration : null,
      }
    }, RENDER_KEY)
    if (!isRecord(raw) || typeof raw['inDom'] !== 'number' || typeof raw['painted'] !== 'number') {
      throw new Error('unexpected render timing')
    }
    return {
      inDom: raw['inDom'],
      painted: raw['painted'],
      scriptLoaded: typeof raw['scriptLoaded'] === 'number' ? raw['scriptLoaded'] : null,
    }
  } finally {
    await editor.close()
  }
}

export interface HeapReading {
  /** V8 heap in use (`Runtime.getHeapUsage.usedSize`). */
  used: number
  /** ArrayBuffer backing stores, when Chromium reports them. */
  backingStore: number | null
}

/** Reads the V8 heap of the renderer that runs the plugin's frame. */
export async function heapUsage(cdp: CDPSession): Promise<HeapReading> {
  const usage = await cdp.send('Runtime.getHeapUsage')
  const extra: unknown = usage
  const backingStore =
    isRecord(extra) && typeof extra['backingStorageSize'] === 'number'
      ? extra['backingStorageSize']
      : null
  return { used: usage.usedSize, backingStore }
}

/**
 * A CDP session on the plugin's frame when it runs in its own process, else on the page (a
 * frame on another port of localhost is same-site, so it shares the page's renderer and heap).
 */
export async function frameSession(editor: EditorPage): Promise<CDPSession> {
  try {
    return await editor.context.newCDPSession(editor.frame)
  } catch {
    return editor.context.newCDPSession(editor.page)
  }
}

export interface PluginUpload {
  /** Click on "Upload" until the form ("Alt text") is in the DOM: sign, S3 POST, finish, read. */
  totalMs: number
  /** The S3 POST alone, from the frame's Resource Timing (request start to response end). */
  s3Ms: number | null
  /** Where the time went, from Resource Timing; `null` when an entry is missing. */
  phases: UploadPhases | null
}

/** ms of each step from the click to the form, in order; they add up to `totalMs`. */
export interface UploadPhases {
  /** Click → the sign request starts (file checks, throttle). */
  beforeSign: number
  /** The sign request, its CORS preflight included. */
  sign: number
  /** Sign answered → S3 POST starts. */
  beforePost: number
  post: number
  /** S3 answered → finish_upload starts. */
  beforeFinish: number
  /** finish_upload start → the read's answer. */
  finishAndRead: number
  /** The read's answer → the form is in the DOM. */
  render: number
}

interface TimedEntry {
  url: string
  startMs: number
  durationMs: number
}

function phasesOf(
  clickAt: number,
  doneAt: number,
  entries: TimedEntry[],
  s3: TimedEntry | undefined,
): UploadPhases | null {
  const api = entries.filter((entry) => entry.url.includes('/v1/spaces/'))
  const sign = api[0]
  const finishAt = api.findIndex((entry) => entry.url.includes('/finish_upload'))
  const finish = api[finishAt]
  const read = api[finishAt + 1]
  if (!sign || !s3 || !finish || !read) return null
  const end = (entry: TimedEntry): number => entry.startMs + entry.durationMs
  return {
    beforeSign: sign.startMs - clickAt,
    sign: sign.durationMs,
    beforePost: s3.startMs - end(sign),
    post: s3.durationMs,
    beforeFinish: finish.startMs - end(s3),
    finishAndRead: end(read) - finish.startMs,
    render: doneAt - end(read),
  }
}

const UPLOAD_KEY = '__benchUpload'

export interface UploadHooks {
  /** Called just before the click on "Upload". */
  beforeClick?: () => Promise<void>
  /** Called every `intervalMs` until the form appears (the frame is polled only when given). */
  whileRunning?: () => Promise<void>
  /** @default 100 */
  intervalMs?: number
}

/**
 * Picks `file` in the plugin (by path: a local browser reads it from disk, nothing is copied),
 * clicks "Upload" and waits for the form.
 */
export async function uploadInPlugin(
  editor: EditorPage,
  file: TestFile,
  { beforeClick, whileRunning, intervalMs = 100 }: UploadHooks = {},
): Promise<PluginUpload> {
  const { frame } = editor
  // The input is enabled once the plugin has its options and a Management API client.
  await frame.waitForFunction(
    () => {
      const input = document.querySelector('input[type="file"]')
      return input instanceof HTMLInputElement && !input.disabled
    },
    null,
    { timeout: 15_000, polling: 50 },
  )
  await frame.locator('input[type="file"]').setInputFiles(file.path)
  const button = frame.getByRole('button', { name: 'Upload', exact: true })
  await button.waitFor({ timeout: 15_000 })

  await frame.evaluate((key) => {
    const state: { clickAt: number | null; doneAt: number | null; error: string | null } = {
      clickAt: null,
      doneAt: null,
      error: null,
    }
    Reflect.set(window, key, state)
    let settle = (): void => {}
    Reflect.set(window, `${key}Settled`, new Promise<void>((resolve) => (settle = resolve)))
    document.addEventListener(
      'click',
      (event) => {
        const target = event.target
        if (state.clickAt !== null || !(target instanceof Element)) return
        if (target.closest('button')?.textContent?.trim() === 'Upload')
          state.clickAt = performance.now()
      },
      true,
    )
    const observer = new MutationObserver(() => {
      if (
        [...document.querySelectorAll('label')].some((label) =>
          label.textContent?.includes('Alt text'),
        )
      ) {
        state.doneAt = performance.now()
        observer.disconnect()
        settle()
        return
      }
      const alert = document.querySelector('.uploader [role="alert"]')
      if (alert && state.error === null) {
        state.error = alert.textContent?.trim() ?? 'error'
        settle()
      }
    })
    observer.observe(document.body, { childList: true, subtree: true })
  }, UPLOAD_KEY)

  await beforeClick?.()
  await button.click()
  // Bounded by the file's size at a pessimistic 10 MB/s, plus a minute.
  const deadline = Date.now() + 60_000 + file.bytes / 10_000
  const timedOut = (): Error => new Error(`the upload of ${file.name} did not finish in time`)
  if (whileRunning) {
    for (;;) {
      const status: unknown = await frame.evaluate((key) => {
        const state: unknown = Reflect.get(window, key)
        return state
      }, UPLOAD_KEY)
      if (
        isRecord(status) &&
        (typeof status['doneAt'] === 'number' || typeof status['error'] === 'string')
      )
        break
      if (Date.now() > deadline) throw timedOut()
      await whileRunning()
      await new Promise((resolve) => setTimeout(resolve, intervalMs))
    }
  } else {
    // One call that resolves in the frame when the form (or an error) appears: no polling,
    // so the measurement adds no work to the plugin's renderer while it uploads.
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        frame.evaluate((key) => Reflect.get(window, `${key}Settled`), UPLOAD_KEY),
        new Promise(
          (_, reject) => (timer = setTimeout(() => reject(timedOut()), deadline - Date.now())),
        ),
      ])
    } finally {
      clearTimeout(timer)
    }
  }

  const raw: unknown = await frame.evaluate((key) => {
    const state: unknown = Reflect.get(window, key)
    const entries = performance.getEntriesByType('resource').map((entry) => ({
      url: entry.name,
      initiator: entry instanceof PerformanceResourceTiming ? entry.initiatorType : '',
      startMs: entry.startTime,
      durationMs: entry.duration,
    }))
    return { state, entries }
  }, UPLOAD_KEY)
  if (!isRecord(raw) || !isRecord(raw['state']) || !Array.isArray(raw['entries']))
    throw new Error('unexpected upload timing')
  const { clickAt, doneAt, error } = raw['state']
  if (typeof error === 'string') throw new Error(`the plugin reported: ${error}`)
  if (typeof clickAt !== 'number' || typeof doneAt !== 'number')
    throw new Error('the click on "Upload" was not seen')
  const entries = raw['entries'].filter(isRecord).map((entry) => ({
    url: String(entry['url']),
    initiator: String(entry['initiator']),
    startMs: Number(entry['startMs']),
    durationMs: Number(entry['durationMs']),
  }))
  const after = entries.filter((entry) => entry.startMs >= clickAt)
  const s3 = after.find(
    (entry) => entry.initiator === 'xmlhttprequest' && entry.url.includes('/s3.amazonaws.com/'),
  )
  return {
    totalMs: doneAt - clickAt,
    s3Ms: s3 ? s3.durationMs : null,
    phases: phasesOf(clickAt, doneAt, after, s3),
  }
}

export interface RawXhrPage {
  /** POSTs the signed form with the file, as src/api/s3.ts builds it; resolves with the ms it took. */
  post(postUrl: string, fields: Record<string, string>): Promise<number>
  close(): Promise<void>
}

/**
 * The browser's own floor: a page on the plugin's origin that holds `file` in a file input and
 * POSTs it with a bare XMLHttpRequest (no Vue, no progress UI, no pipeline).
 */
export async function openRawXhrPage(
  browser: Browser,
  url: string,
  file: TestFile,
): Promise<RawXhrPage> {
  const context = await newContext(browser)
  try {
    const page = await context.newPage()
    await page.goto(url)
    await page.evaluate(() => {
      const input = document.createElement('input')
      input.type = 'file'
      input.id = 'bench-file'
      document.body.append(input)
    })
    await page.locator('#bench-file').setInputFiles(file.path)
    return {
      async post(postUrl, fields) {
        const result: unknown = await page.evaluate(
          ({ postUrl: target, fields: formFields }) => {
            const input = document.querySelector('#bench-file')
            const picked = input instanceof HTMLInputElement ? input.files?.[0] : undefined
            if (!picked) throw new Error('no file in the input')
            const form = new FormData()
            for (const [name, value] of formFields) form.append(name, value)
            form.append('file', picked)
            return new Promise<{ ms: number; status: number }>((resolve, reject) => {
              const xhr = new XMLHttpRequest()
              const started = performance.now()
              xhr.open('POST', target)
              xhr.onload = () => resolve({ ms: performance.now() - started, status: xhr.status })
              xhr.onerror = () => reject(new Error('XHR failed'))
              xhr.send(form)
            })
          },
          { postUrl, fields: Object.entries(fields) },
        )
        if (!isRecord(result) || typeof result['ms'] !== 'number' || result['status'] !== 204) {
          throw new Error(`raw XHR upload failed: ${JSON.stringify(result)}`)
        }
        return result['ms']
      },
      close: () => context.close(),
    }
  } catch (error) {
    await context.close()
    throw error
  }
}
