// Describe while the bytes fly: from the click on "Upload" to an alt text that takes what the
// editor types, with the upload slowed to 10 Mbit/s, for a 50 MB image and a small one. The
// time should not depend on the file's size: the form opens on the file at once, and its alt
// text has the focus. Timed inside the plugin's frame (its `performance.now()`), from the click
// to the first `input` event of the alt text, while the benchmark keeps typing a character.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import sharp from 'sharp'
import type { Browser, Frame } from 'playwright-core'
import { MiB } from './files.ts'
import { frameSession, openEditor, type EditorPage } from './pluginPage.ts'
import { log, median, mb, ms, ratioOf, type Row } from './report.ts'

const TIMES_KEY = '__benchDescribe'
const TARGET_MS = 500

export interface DescribePlan {
  runs: number
  cpuRate: number
  /** Upload throughput in bits per second (CDP's network conditions, which slow XHR uploads). */
  uploadBitsPerSecond: number
}

/**
 * A PNG of noise, stored uncompressed: at 4096 × 4096, 48 MiB (50.3 MB) that an editor can
 * describe, the "50 MB file"; the reference is one of 400 × 300.
 */
async function writeNoisePng(dir: string, name: string, width: number, height: number) {
  const path = join(dir, name)
  await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toFile(path)
  return path
}

/** In the frame: when "Upload" was clicked, and when the alt text got the focus and its first input. */
function noteDescribeTimes(key: string): void {
  const times: Record<string, number> = {}
  Reflect.set(window, key, times)
  const isAlt = (target: EventTarget | null) =>
    target instanceof HTMLTextAreaElement && target.labels?.[0]?.textContent?.trim() === 'Alt text'
  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null
      if (button?.textContent?.trim() === 'Upload') times['click'] ??= performance.now()
    },
    true,
  )
  document.addEventListener('focusin', (event) => {
    if (isAlt(event.target)) times['focus'] ??= performance.now()
  })
  document.addEventListener('input', (event) => {
    if (isAlt(event.target)) times['typed'] ??= performance.now()
  })
}

/** Types "x" until the alt text took one (bounded): what an editor who starts typing sees. */
async function typeUntilTaken(editor: EditorPage, frame: Frame): Promise<void> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    await editor.page.keyboard.press('x')
    const typed = await frame.evaluate((key) => 'typed' in Reflect.get(window, key), TIMES_KEY)
    if (typed) return
  }
  throw new Error('the alt text never took a character')
}

async function describeOnce(
  browser: Browser,
  editorUrl: string,
  file: string,
  plan: DescribePlan,
): Promise<{ typed: number; focus: number; uploading: boolean }> {
  const editor = await openEditor(browser, editorUrl)
  try {
    const { frame } = editor
    const session = await frameSession(editor)
    await session.send('Emulation.setCPUThrottlingRate', { rate: plan.cpuRate })
    await session.send('Network.enable')
    await session.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: plan.uploadBitsPerSecond / 8,
    })
    const input = frame.locator('.uploader__zone input[type="file"]:not([disabled])')
    await input.setInputFiles(file, { timeout: 30_000 })
    const upload = frame.getByRole('button', { name: 'Upload', exact: true })
    // The file is checked (its type, from its first bytes) before Upload is enabled.
    await frame.waitForSelector('button.button--primary:not([disabled])', { timeout: 30_000 })
    await frame.evaluate(noteDescribeTimes, TIMES_KEY)
    await upload.click()
    await typeUntilTaken(editor, frame)
    const times = await frame.evaluate((key) => Reflect.get(window, key), TIMES_KEY)
    const cancel = frame.getByRole('button', { name: 'Cancel upload' })
    const uploading = await cancel.isVisible()
    // Stops the transfer (a small file may have finished meanwhile: then there is nothing to stop).
    if (uploading) await cancel.click({ timeout: 2000 }).catch(() => undefined)
    return { typed: times.typed - times.click, focus: times.focus - times.click, uploading }
  } finally {
    await editor.close()
  }
}

/** Alternating runs with the large and the small file; the rows of the results table. */
export async function describeEarly(
  browser: Browser,
  editorUrl: string,
  plan: DescribePlan,
): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-describe-'))
  try {
    const large = await writeNoisePng(dir, 'large-photo.png', 4096, 4096)
    const small = await writeNoisePng(dir, 'small-photo.png', 400, 300)
    const runs: Record<'large' | 'small', { typed: number; focus: number; uploading: boolean }[]> =
      {
        large: [],
        small: [],
      }
    for (let run = 0; run < plan.runs; run++)
      for (const size of run % 2 === 0
        ? (['large', 'small'] as const)
        : (['small', 'large'] as const))
        runs[size].push(
          await describeOnce(browser, editorUrl, size === 'large' ? large : small, plan),
        )
    const typed = (size: 'large' | 'small') => median(runs[size].map((each) => each.typed))
    for (const size of ['large', 'small'] as const)
      log(
        `${size}: typed ${runs[size].map((each) => each.typed.toFixed(0)).join(', ')} ms after the click (focus at ${ms(median(runs[size].map((each) => each.focus)))}); still uploading: ${runs[size].filter((each) => each.uploading).length} of ${runs[size].length}`,
      )
    const slow = `${plan.uploadBitsPerSecond / 1e6} Mbit/s, CPU ${plan.cpuRate}x`
    return [
      {
        figure: `Describe while uploading (${slow}): Upload → a character typed in the alt text, ${mb(48 * MiB)} image (median of ${plan.runs})`,
        value: ms(typed('large')),
        reference: `${ms(typed('small'))} for a 400 × 300 PNG`,
        ratio: ratioOf(typed('large'), typed('small')),
        target: `≤ ${TARGET_MS} ms, independent of size`,
        result: typed('large') <= TARGET_MS ? 'PASS' : 'MISS',
      },
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
