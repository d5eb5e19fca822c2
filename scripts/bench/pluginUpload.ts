// One upload through the plugin's UI in the editor page, timed in the plugin's frame: from the
// click on "Upload" to the form, with the steps between from Resource Timing.
import type { Frame, Locator } from 'playwright-core'
import { isRecord } from '../../src/domain/record.ts'
import type { TestFile } from './files.ts'
import type { EditorPage } from './pluginPage.ts'

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
 * In the plugin's frame: notes when "Upload" is clicked and when the form ("Alt text") or an
 * error appears, in `window[key]`, and settles `window[key + 'Settled']` then. Runs in the
 * browser: it may use nothing from this module.
 */
function watchUpload(key: string): void {
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
}

/** Chooses `file` once the plugin takes files; resolves with its "Upload" button. */
async function chooseFile(frame: Frame, file: TestFile): Promise<Locator> {
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
  return button
}

/** Calls `whileRunning` every `intervalMs` until the form or an error is there. */
async function pollUntilSettled(
  frame: Frame,
  deadline: number,
  timedOut: () => Error,
  whileRunning: () => Promise<void>,
  intervalMs: number,
): Promise<void> {
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
}

/**
 * One call that resolves in the frame when the form (or an error) appears: no polling, so the
 * measurement adds no work to the plugin's renderer while it uploads.
 */
async function awaitSettled(frame: Frame, deadline: number, timedOut: () => Error): Promise<void> {
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

/** The click, the form and the frame's Resource Timing, as an upload's timings. */
async function readUploadTiming(frame: Frame): Promise<PluginUpload> {
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
  const button = await chooseFile(frame, file)
  await frame.evaluate(watchUpload, UPLOAD_KEY)

  await beforeClick?.()
  await button.click()
  // Bounded by the file's size at a pessimistic 10 MB/s, plus a minute.
  const deadline = Date.now() + 60_000 + file.bytes / 10_000
  const timedOut = (): Error => new Error(`the upload of ${file.name} did not finish in time`)
  if (whileRunning) await pollUntilSettled(frame, deadline, timedOut, whileRunning, intervalMs)
  else await awaitSettled(frame, deadline, timedOut)
  return readUploadTiming(frame)
}
