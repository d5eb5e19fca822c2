// Memory while the plugin uploads: the plugin frame's JS heap and Chromium's RSS for a small and
// a 32x larger file (it must not grow with the file), and the emulator's peak RSS during the
// largest upload.
import type { Browser, CDPSession } from 'playwright-core'
import type { EmulatorProcess } from './emulatorProcess.ts'
import { MiB, type TestFile } from './files.ts'
import { pluginUpload, type MeasuredUpload } from './measuredUpload.ts'
import { RSS_BUDGET } from './plan.ts'
import { frameSession, heapUsage } from './pluginPage.ts'
import { resetPeakRss, statusBytes, treeRss, type Sampler } from './procfs.ts'
import { log, mb, ratioOf, seconds, type Row } from './report.ts'

interface HeapRun {
  file: TestFile
  before: number
  peak: number
  after: number
  peakBackingStore: number | null
  browserRssGrowth: number
  upload: MeasuredUpload
}

/**
 * One upload in the plugin with the frame's JS heap and Chromium's RSS sampled throughout:
 * `before` and `after` follow a full collection (what is retained), `peak` is the highest
 * sample in between (what is held at some point, garbage included).
 */
async function heapRun(
  browser: Browser,
  emulator: EmulatorProcess,
  editorUrl: string,
  file: TestFile,
): Promise<HeapRun> {
  let before = 0
  let peak = 0
  let after = 0
  let peakBackingStore: number | null = null
  let rssBefore = 0
  let rssPeak = 0
  const chromium = /chromium/
  const upload = await pluginUpload(browser, emulator, editorUrl, file, (editor) => {
    let session: CDPSession | undefined
    const sample = async (): Promise<void> => {
      if (!session) return
      const reading = await heapUsage(session)
      peak = Math.max(peak, reading.used)
      if (reading.backingStore !== null)
        peakBackingStore = Math.max(peakBackingStore ?? 0, reading.backingStore)
      rssPeak = Math.max(rssPeak, treeRss(chromium))
    }
    return {
      async beforeClick() {
        // The baseline: the file is chosen, nothing is sent yet, after a full collection.
        session = await frameSession(editor)
        await session.send('HeapProfiler.collectGarbage')
        before = (await heapUsage(session)).used
        peak = before
        rssBefore = rssPeak = treeRss(chromium)
      },
      tick: sample,
      async done() {
        if (!session) return
        await sample()
        await session.send('HeapProfiler.collectGarbage')
        after = (await heapUsage(session)).used
        await session.detach()
      },
    }
  })
  return {
    file,
    before,
    peak,
    after,
    peakBackingStore,
    browserRssGrowth: rssPeak - rssBefore,
    upload,
  }
}

/** The small and the large file, each on a fresh editor page and an emptied emulator. */
async function heapRuns(
  browser: Browser,
  emulator: EmulatorProcess,
  editorUrl: string,
  files: TestFile[],
): Promise<HeapRun[]> {
  const runs: HeapRun[] = []
  for (const file of files) {
    const run = await heapRun(browser, emulator, editorUrl, file)
    runs.push(run)
    log(
      `heap ${mb(file.bytes)}: ${mb(run.before)} before, ${mb(run.peak)} peak, ${mb(run.after)} after` +
        `${run.peakBackingStore === null ? '' : ` (ArrayBuffers ${mb(run.peakBackingStore)})`}; Chromium RSS +${mb(run.browserRssGrowth)}`,
    )
    await emulator.control.reset()
    await emulator.control.setConfig({ rateLimit: null })
  }
  return runs
}

/** The emulator's peak RSS during the largest upload, through the plugin as an editor would. */
async function emulatorPeakRun(
  browser: Browser,
  emulator: EmulatorProcess,
  rssSampler: Sampler,
  editorUrl: string,
  file: TestFile,
): Promise<{ run: HeapRun; baseline: number; peak: number }> {
  const baseline = statusBytes(emulator.pid, 'VmRSS') ?? 0
  const hwmReset = resetPeakRss(emulator.pid)
  const from = Date.now()
  const huge = await heapRun(browser, emulator, editorUrl, file)
  const sampled = rssSampler.peak(from) ?? 0
  const hwm = hwmReset ? (statusBytes(emulator.pid, 'VmHWM') ?? 0) : 0
  const emulatorPeak = Math.max(sampled, hwm)
  log(
    `emulator RSS during ${mb(file.bytes)}: ${mb(baseline)} before, peak ${mb(emulatorPeak)} ` +
      `(sampled every 50 ms: ${mb(sampled)}; VmHWM ${hwmReset ? mb(hwm) : 'not resettable'}); upload ${seconds(huge.upload.totalMs)}`,
  )
  log(
    `heap ${mb(file.bytes)}: ${mb(huge.before)} before, ${mb(huge.peak)} peak, ${mb(huge.after)} after; Chromium RSS +${mb(huge.browserRssGrowth)}`,
  )
  return { run: huge, baseline, peak: emulatorPeak }
}

function memoryRows(
  small: HeapRun,
  large: HeapRun,
  emulator: { file: TestFile; baseline: number; peak: number },
): Row[] {
  // "Does not grow with file size": the 32x larger file may not raise the peak by more than
  // 10 % or 1 MB (GC timing alone moves a sample by a few hundred KB).
  const grows = large.peak > small.peak * 1.1 && large.peak - small.peak > MiB
  return [
    {
      figure: `Emulator peak RSS, ${mb(emulator.file.bytes)} upload`,
      value: mb(emulator.peak),
      reference: `${mb(RSS_BUDGET)} budget (${mb(emulator.baseline)} before it)`,
      ratio: ratioOf(emulator.peak, RSS_BUDGET),
      target: '< 150 MB',
      result: emulator.peak < RSS_BUDGET ? 'PASS' : 'MISS',
    },
    {
      figure: `Page JS heap peak, ${mb(large.file.bytes)} upload`,
      value: mb(large.peak),
      reference: `${mb(small.peak)} at ${mb(small.file.bytes)}`,
      ratio: ratioOf(large.peak, small.peak),
      target: 'no growth (≤ 1.10x or ≤ +1 MB)',
      result: grows ? 'MISS' : 'PASS',
    },
    {
      figure: `Chromium RSS growth (all processes), ${mb(large.file.bytes)} upload`,
      value: `+${mb(large.browserRssGrowth)}`,
      reference: `+${mb(small.browserRssGrowth)} at ${mb(small.file.bytes)}`,
      ratio:
        small.browserRssGrowth > 0 ? ratioOf(large.browserRssGrowth, small.browserRssGrowth) : '—',
      target: '—',
      result: 'INFO',
    },
  ]
}

/** The rows of the results table, and the three uploads (their API calls count elsewhere). */
export async function memory(
  browser: Browser,
  emulator: EmulatorProcess,
  rssSampler: Sampler,
  editorUrl: string,
  files: { small: TestFile; large: TestFile; huge: TestFile },
): Promise<{ rows: Row[]; uploads: MeasuredUpload[] }> {
  await emulator.control.reset()
  await emulator.control.setConfig({ rateLimit: null })
  const [small, large] = await heapRuns(browser, emulator, editorUrl, [files.small, files.large])
  const huge = await emulatorPeakRun(browser, emulator, rssSampler, editorUrl, files.huge)
  await emulator.control.reset()
  if (!small || !large) throw new Error('heap runs missing')
  return {
    rows: memoryRows(small, large, { file: files.huge, ...huge }),
    uploads: [small.upload, large.upload, huge.run.upload],
  }
}
