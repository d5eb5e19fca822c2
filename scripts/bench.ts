// `npm run bench` (`-- --quick` for a fast sanity run): the issue's benchmarks, in headless
// Chromium against the local Storyblok, each figure next to its reference from the same run.
// A report, not a test: it exits 0 when a target is missed, and non-zero only when it crashes.
// What each figure means and the last results: BENCHMARKS.md.
import { rmSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, CDPSession } from 'playwright-core'
import { build } from 'vite'
import { finishAndRead } from '../src/api/upload/finish.ts'
import { cdnUrl } from '../src/domain/urls.ts'
import { launchChromium } from './support/chromium.ts'
import { seedPhoto } from '../test/fixtures/photo.ts'
import { serveStatic } from './support/staticServer.ts'
import { buildBareFieldPlugin, projectRoot } from './bare.ts'
import { spawnEmulator, type EmulatorProcess } from './bench/emulatorProcess.ts'
import { MiB, sha256OfBody, writeRandomFile, type TestFile } from './bench/files.ts'
import { multiDrop } from './bench/multiDrop.ts'
import { clientFor, uploadWithCurl, uploadWithPipeline, type CurlRun } from './bench/nodeUploads.ts'
import { localLocks } from '../src/api/throttle.ts'
import { busiestWindow, MANAGEMENT_API_ROUTES } from '../emulator/stats.ts'
import type { ManagementClient } from '../src/api/types.ts'
import {
  frameSession,
  heapUsage,
  openEditor,
  openRawXhrPage,
  type EditorPage,
  timeFirstRender,
  uploadInPlugin,
  type PluginUpload,
  type UploadPhases,
  type RenderTiming,
} from './bench/pluginPage.ts'
import { kb, log, mb, median, ms, rate, ratioOf, seconds, type Row } from './bench/report.ts'
import {
  chromiumCpu,
  chromiumCpuSince,
  chromiumSettled,
  cpuMs,
  resetPeakRss,
  startSampling,
  statusBytes,
  treeRss,
  type ChromiumPart,
  type Sampler,
} from './bench/procfs.ts'

const quick = process.argv.includes('--quick')

/** The issue's sizes; `--quick` shrinks every one. */
const plan = quick
  ? {
      throughput: 64 * MiB,
      heapSmall: 4 * MiB,
      heapLarge: 128 * MiB,
      rss: 256 * MiB,
      load: 2 * MiB,
      multiFiles: 5,
      multiBytes: MiB / 4,
      throughputRuns: 2,
      renderRuns: 5,
    }
  : {
      throughput: 256 * MiB,
      heapSmall: 16 * MiB,
      heapLarge: 512 * MiB,
      rss: 1024 * MiB,
      load: 10 * MiB,
      multiFiles: 20,
      multiBytes: 2 * MiB,
      throughputRuns: 5,
      renderRuns: 10,
    }
const BURST = 20
const LOAD = 20
const RATE_LIMIT = 3
const RSS_BUDGET = 150 * MiB

const cacheDir = join(projectRoot, 'node_modules/.cache/bench')

// ---- small helpers ------------------------------------------------------------------------

/** Management API calls among the emulator's request counts. */
const mapiCount = (requests: Record<string, number>): number =>
  MANAGEMENT_API_ROUTES.reduce((sum, route) => sum + (requests[route] ?? 0), 0)

const rows: Row[] = []

// ---- cleanup, even on a crash or Ctrl+C ----------------------------------------------------

const cleanups: (() => Promise<void>)[] = []
const syncCleanups: (() => void)[] = []
process.once('exit', () => {
  for (const cleanup of syncCleanups.reverse()) {
    try {
      cleanup()
    } catch {
      // Best effort at exit.
    }
  }
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))

async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
}

// ---- the benchmarks --------------------------------------------------------------------------

async function buildBoth(): Promise<{
  pluginDir: string
  bareDir: string
  pluginGzip: number
  bareGzip: number
}> {
  // The production build that also accepts the local editor page (`--mode local-editor`), into
  // a folder of its own so that a test run building dist-local-editor/ meanwhile is not disturbed.
  const pluginDir = join(cacheDir, 'plugin')
  await build({
    root: projectRoot,
    mode: 'local-editor',
    logLevel: 'warn',
    build: { outDir: pluginDir, emptyOutDir: true },
  })
  const bare = await buildBareFieldPlugin({ dir: join(cacheDir, 'bare'), localEditor: true })
  const gzip = async (path: string): Promise<number> =>
    gzipSync(await readFile(path), { level: 9 }).length
  return {
    pluginDir,
    bareDir: bare.distDir,
    pluginGzip: await gzip(join(pluginDir, 'index.js')),
    bareGzip: await gzip(bare.entry),
  }
}

async function timeToFirstRender(
  browser: Browser,
  editorUrl: (plugin: string) => string,
  pluginUrl: string,
  bareUrl: string,
  sizes: { pluginGzip: number; bareGzip: number },
): Promise<void> {
  const plugin: RenderTiming[] = []
  const bare: RenderTiming[] = []
  for (let run = 0; run < plan.renderRuns; run++) {
    // Alternating which goes first, so neither always runs on a warmer machine.
    const order = run % 2 === 0 ? ['plugin', 'bare'] : ['bare', 'plugin']
    for (const which of order) {
      if (which === 'plugin')
        plugin.push(
          await timeFirstRender(browser, editorUrl(pluginUrl), {
            selector: 'label',
            text: 'Upload file',
          }),
        )
      else
        bare.push(
          await timeFirstRender(browser, editorUrl(bareUrl), {
            selector: 'button',
            text: 'Increment',
          }),
        )
    }
  }
  const pluginMs = median(plugin.map((t) => t.painted))
  const bareMs = median(bare.map((t) => t.painted))
  const script = (timings: RenderTiming[]): string =>
    ms(median(timings.map((t) => t.scriptLoaded ?? Number.NaN)))
  log(
    `plugin: painted ${plugin.map((t) => t.painted.toFixed(0)).join(', ')} ms; bundle loaded at ${script(plugin)} (median)`,
  )
  log(
    `bare:   painted ${bare.map((t) => t.painted.toFixed(0)).join(', ')} ms; bundle loaded at ${script(bare)} (median)`,
  )
  rows.push({
    figure: `Time to first render (median of ${plan.renderRuns}, cold)`,
    value: ms(pluginMs),
    reference: `${ms(bareMs)} bare Vue + SDK`,
    ratio: ratioOf(pluginMs, bareMs),
    target: 'none set ("cost little to load")',
    result: 'INFO',
  })
  rows.push({
    figure: 'Bundle index.js, gzip -9 (the local-editor build timed above)',
    value: kb(sizes.pluginGzip),
    reference: `${kb(sizes.bareGzip)} bare Vue + SDK`,
    ratio: ratioOf(sizes.pluginGzip, sizes.bareGzip),
    // The budget is `npm run size`'s, on dist/index.js (a few hundred bytes smaller).
    target: '—',
    result: 'INFO',
  })
}

interface CpuUse {
  emulator: number
  chromium: Record<ChromiumPart, number>
}

/** CPU ms the emulator and Chromium spent between `start()` and `stop()`. */
function cpuMeter(emulator: EmulatorProcess): { start(): void; stop(): CpuUse } {
  let emulatorStart = 0
  let chromiumStart = chromiumCpu()
  return {
    start() {
      emulatorStart = cpuMs(emulator.pid) ?? 0
      chromiumStart = chromiumCpu()
    },
    stop() {
      return {
        emulator: (cpuMs(emulator.pid) ?? 0) - emulatorStart,
        chromium: chromiumCpuSince(chromiumStart, chromiumCpu()),
      }
    },
  }
}

const chromiumTotal = (use: CpuUse): number =>
  use.chromium.network + use.chromium.renderers + use.chromium.other

interface MeasuredUpload extends PluginUpload {
  /** Management API calls the emulator counted for this upload, after a settle pause. */
  apiRequests: number
  /** The same, by route (`sign`, `finish`, `get`, ...). */
  apiRoutes: Record<string, number>
  /** From the click on "Upload" to the form. */
  cpu: CpuUse
}

interface Probe {
  beforeClick(): Promise<void>
  tick(): Promise<void>
  done(): Promise<void>
}

/** One upload through the plugin on a fresh editor page; counts the API calls it caused. */
async function pluginUpload(
  browser: Browser,
  emulator: EmulatorProcess,
  editorUrl: string,
  file: TestFile,
  probe?: (editor: EditorPage) => Probe,
): Promise<MeasuredUpload> {
  const editor = await openEditor(browser, editorUrl)
  try {
    // By route name, as MANAGEMENT_API_ROUTES lists them.
    const before: Record<string, number> = (await emulator.control.state()).requests
    const sampling = probe?.(editor)
    const meter = cpuMeter(emulator)
    const result = await uploadInPlugin(editor, file, {
      beforeClick: async () => {
        await chromiumSettled()
        await sampling?.beforeClick()
        meter.start()
      },
      whileRunning: sampling?.tick,
    })
    const cpu = meter.stop()
    await sampling?.done()
    // Calls the plugin makes once the form is open (reading the asset again, say) count too.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const after: Record<string, number> = (await emulator.control.state()).requests
    const apiRoutes = Object.fromEntries(
      MANAGEMENT_API_ROUTES.map((route) => [
        route,
        (after[route] ?? 0) - (before[route] ?? 0),
      ]).filter(([, count]) => count !== 0),
    )
    return { ...result, apiRequests: mapiCount(after) - mapiCount(before), apiRoutes, cpu }
  } finally {
    await editor.close()
  }
}

async function throughput(
  browser: Browser,
  emulator: EmulatorProcess,
  editorUrl: string,
  rawPageUrl: string,
  file: TestFile,
): Promise<MeasuredUpload[]> {
  // Throughput, not the rate limit, is measured here: the emulator's limit is off (the
  // plugin's own throttle still runs; 3 calls per upload never wait for it).
  const fresh = async (): Promise<void> => {
    // Also frees the disk for the next run.
    await emulator.control.reset()
    await emulator.control.setConfig({ rateLimit: null })
  }
  await fresh()
  const client = clientFor(emulator, null)
  const raw = await openRawXhrPage(browser, rawPageUrl, file)
  const plugin: MeasuredUpload[] = []
  const curl: (CurlRun & { emulatorCpu: number })[] = []
  const xhr: { ms: number; cpu: CpuUse }[] = []
  const meter = cpuMeter(emulator)
  try {
    // Run 0 warms up (page cache, JIT, connections) and is not counted.
    for (let run = 0; run <= plan.throughputRuns; run++) {
      const warmUp = run === 0
      if (warmUp) log('warm-up round (not counted):')
      // Rotating the order, so that no contender always follows the same one.
      const order = (['plugin', 'curl', 'xhr'] as const).map(
        (_, i, all) => all[(i + run) % all.length] ?? 'plugin',
      )
      for (const which of order) {
        if (which === 'plugin') {
          const result = await pluginUpload(browser, emulator, editorUrl, file)
          if (!warmUp) plugin.push(result)
          log(
            `plugin ${mb(file.bytes)}: ${seconds(result.totalMs)} (S3 POST ${result.s3Ms === null ? '?' : seconds(result.s3Ms)}), ${result.apiRequests} API calls`,
          )
        } else if (which === 'curl') {
          await chromiumSettled()
          meter.start()
          const result = await uploadWithCurl(client, file)
          if (!warmUp) curl.push({ ...result, emulatorCpu: meter.stop().emulator })
          log(
            `curl   ${mb(file.bytes)}: POST ${seconds(result.postMs)} (with sign and finish ${seconds(result.totalMs)})`,
          )
        } else {
          const signed = await client.signAsset({ filename: file.name })
          await chromiumSettled()
          meter.start()
          const took = await raw.post(signed.post_url, signed.fields)
          if (!warmUp) xhr.push({ ms: took, cpu: meter.stop() })
          await finishAndRead(client, signed.id)
          log(`XHR    ${mb(file.bytes)}: POST ${seconds(took)} (Chromium, no plugin)`)
        }
        await fresh()
      }
    }
  } finally {
    await raw.close()
  }
  const pluginTotal = median(plugin.map((r) => r.totalMs))
  const pluginPost = median(plugin.map((r) => r.s3Ms ?? Number.NaN))
  const curlPost = median(curl.map((r) => r.postMs))
  const curlTotal = median(curl.map((r) => r.totalMs))
  const xhrPost = median(xhr.map((r) => r.ms))
  const runs = `median of ${plan.throughputRuns}`
  const cpu = (values: number[]): string => seconds(median(values))
  const chromiumParts = (uses: CpuUse[]): string =>
    `network service ${cpu(uses.map((u) => u.chromium.network))}, renderers ${cpu(uses.map((u) => u.chromium.renderers))}, rest ${cpu(uses.map((u) => u.chromium.other))}`
  log(
    `CPU per upload (median): plugin: emulator ${cpu(plugin.map((r) => r.cpu.emulator))}, Chromium ${cpu(plugin.map((r) => chromiumTotal(r.cpu)))} (${chromiumParts(plugin.map((r) => r.cpu))})`,
  )
  log(
    `                         bare XHR: emulator ${cpu(xhr.map((r) => r.cpu.emulator))}, Chromium ${cpu(xhr.map((r) => chromiumTotal(r.cpu)))} (${chromiumParts(xhr.map((r) => r.cpu))})`,
  )
  log(
    `                         curl: emulator ${cpu(curl.map((r) => r.emulatorCpu))}, curl ${cpu(curl.map((r) => r.cpuMs))}`,
  )
  const phases = plugin.flatMap((r) => (r.phases ? [r.phases] : []))
  if (phases.length > 0) {
    const names = Object.keys(phases[0] ?? {}) as (keyof UploadPhases)[]
    log(
      `plugin, from the click to the form (median ms): ${names.map((name) => `${name} ${median(phases.map((p) => p[name])).toFixed(0)}`).join(', ')}`,
    )
  }
  rows.push({
    figure: `Upload ${mb(file.bytes)}: plugin (sign, S3 POST, finish, read), ${runs}`,
    value: `${seconds(pluginTotal)} (${rate(file.bytes, pluginTotal)})`,
    reference: `${seconds(curlPost)} curl -F (${rate(file.bytes, curlPost)})`,
    ratio: ratioOf(pluginTotal, curlPost),
    target: '≤ 1.10x',
    result: pluginTotal / curlPost <= 1.1 ? 'PASS' : 'MISS',
  })
  // The best run is the least disturbed by whatever else the machine is doing.
  const pluginBest = Math.min(...plugin.map((r) => r.totalMs))
  const curlBest = Math.min(...curl.map((r) => r.postMs))
  rows.push({
    figure: `Upload ${mb(file.bytes)}: the same, best of ${plan.throughputRuns}`,
    value: `${seconds(pluginBest)} (${rate(file.bytes, pluginBest)})`,
    reference: `${seconds(curlBest)} curl -F (${rate(file.bytes, curlBest)})`,
    ratio: ratioOf(pluginBest, curlBest),
    target: '—',
    result: 'INFO',
  })
  rows.push({
    figure: `Upload ${mb(file.bytes)}: the plugin's S3 POST alone`,
    value: seconds(pluginPost),
    reference: `${seconds(curlPost)} curl -F`,
    ratio: ratioOf(pluginPost, curlPost),
    target: '—',
    result: 'INFO',
  })
  rows.push({
    figure: `Upload ${mb(file.bytes)}: the plugin's S3 POST vs a bare XHR in Chromium`,
    value: seconds(pluginPost),
    reference: `${seconds(xhrPost)} XHR, no plugin (${rate(file.bytes, xhrPost)})`,
    ratio: ratioOf(pluginPost, xhrPost),
    target: '—',
    result: 'INFO',
  })
  rows.push({
    figure: `Upload ${mb(file.bytes)}: client CPU, Chromium (plugin) vs curl`,
    value: cpu(plugin.map((r) => chromiumTotal(r.cpu))),
    reference: `${cpu(curl.map((r) => r.cpuMs))} curl (emulator: ${cpu(plugin.map((r) => r.cpu.emulator))} vs ${cpu(curl.map((r) => r.emulatorCpu))})`,
    ratio: ratioOf(
      median(plugin.map((r) => chromiumTotal(r.cpu))),
      median(curl.map((r) => r.cpuMs)),
    ),
    target: '—',
    result: 'INFO',
  })
  rows.push({
    figure: `Upload ${mb(file.bytes)}: whole pipeline, plugin vs curl script`,
    value: seconds(pluginTotal),
    reference: `${seconds(curlTotal)} sign + curl + finish + read`,
    ratio: ratioOf(pluginTotal, curlTotal),
    target: '—',
    result: 'INFO',
  })
  return plugin
}

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

async function memory(
  browser: Browser,
  emulator: EmulatorProcess,
  rssSampler: Sampler,
  editorUrl: string,
  files: { small: TestFile; large: TestFile; huge: TestFile },
): Promise<MeasuredUpload[]> {
  await emulator.control.reset()
  await emulator.control.setConfig({ rateLimit: null })
  const runs: HeapRun[] = []
  for (const file of [files.small, files.large]) {
    const run = await heapRun(browser, emulator, editorUrl, file)
    runs.push(run)
    log(
      `heap ${mb(file.bytes)}: ${mb(run.before)} before, ${mb(run.peak)} peak, ${mb(run.after)} after` +
        `${run.peakBackingStore === null ? '' : ` (ArrayBuffers ${mb(run.peakBackingStore)})`}; Chromium RSS +${mb(run.browserRssGrowth)}`,
    )
    await emulator.control.reset()
    await emulator.control.setConfig({ rateLimit: null })
  }

  // The emulator's peak RSS during the largest upload, through the plugin as an editor would.
  const baseline = statusBytes(emulator.pid, 'VmRSS') ?? 0
  const hwmReset = resetPeakRss(emulator.pid)
  const from = Date.now()
  const huge = await heapRun(browser, emulator, editorUrl, files.huge)
  const sampled = rssSampler.peak(from) ?? 0
  const hwm = hwmReset ? (statusBytes(emulator.pid, 'VmHWM') ?? 0) : 0
  const emulatorPeak = Math.max(sampled, hwm)
  log(
    `emulator RSS during ${mb(files.huge.bytes)}: ${mb(baseline)} before, peak ${mb(emulatorPeak)} ` +
      `(sampled every 50 ms: ${mb(sampled)}; VmHWM ${hwmReset ? mb(hwm) : 'not resettable'}); upload ${seconds(huge.upload.totalMs)}`,
  )
  log(
    `heap ${mb(files.huge.bytes)}: ${mb(huge.before)} before, ${mb(huge.peak)} peak, ${mb(huge.after)} after; Chromium RSS +${mb(huge.browserRssGrowth)}`,
  )
  await emulator.control.reset()

  const [small, large] = runs
  if (!small || !large) throw new Error('heap runs missing')
  rows.push({
    figure: `Emulator peak RSS, ${mb(files.huge.bytes)} upload`,
    value: mb(emulatorPeak),
    reference: `${mb(RSS_BUDGET)} budget (${mb(baseline)} before it)`,
    ratio: ratioOf(emulatorPeak, RSS_BUDGET),
    target: '< 150 MB',
    result: emulatorPeak < RSS_BUDGET ? 'PASS' : 'MISS',
  })
  // "Does not grow with file size": the 32x larger file may not raise the peak by more than
  // 10 % or 1 MB (GC timing alone moves a sample by a few hundred KB).
  const grows = large.peak > small.peak * 1.1 && large.peak - small.peak > MiB
  rows.push({
    figure: `Page JS heap peak, ${mb(large.file.bytes)} upload`,
    value: mb(large.peak),
    reference: `${mb(small.peak)} at ${mb(small.file.bytes)}`,
    ratio: ratioOf(large.peak, small.peak),
    target: 'no growth (≤ 1.10x or ≤ +1 MB)',
    result: grows ? 'MISS' : 'PASS',
  })
  rows.push({
    figure: `Chromium RSS growth (all processes), ${mb(large.file.bytes)} upload`,
    value: `+${mb(large.browserRssGrowth)}`,
    reference: `+${mb(small.browserRssGrowth)} at ${mb(small.file.bytes)}`,
    ratio:
      small.browserRssGrowth > 0 ? ratioOf(large.browserRssGrowth, small.browserRssGrowth) : '—',
    target: '—',
    result: 'INFO',
  })
  return [small.upload, large.upload, huge.upload]
}

function requestsPerUpload(uploads: MeasuredUpload[]): void {
  const counts = uploads.map((upload) => upload.apiRequests)
  const worst = Math.max(...counts)
  log(`Management API calls per browser upload: ${counts.join(', ')}`)
  const routes = new Set(uploads.map((upload) => JSON.stringify(upload.apiRoutes)))
  log(`by route: ${[...routes].join(' | ')}`)
  // The issue's target is 3; 4 is its ceiling. Only 3 passes; the value says when 4 is reached.
  rows.push({
    figure: `Management API calls per upload (${counts.length} browser uploads)`,
    value: `${median(counts)} (max ${worst}${worst === 4 ? ', at the ceiling' : ''})`,
    reference: '3 (sign, finish, read)',
    ratio: ratioOf(worst, 3),
    target: '3 (at most 4)',
    result: worst <= 3 ? 'PASS' : 'MISS',
  })
}

/**
 * `one`: every upload through one client (one plugin instance). `instances`: a client per upload,
 * all on the same locks, as the iframes of several fields on one page share `navigator.locks`.
 * `uncoordinated`: a client per upload, each with its own locks: what the instances would do if
 * they did not share the limit (a reference, not a target).
 */
type BurstMode = 'one' | 'instances' | 'uncoordinated'

async function burst(emulator: EmulatorProcess, files: TestFile[], mode: BurstMode): Promise<void> {
  await emulator.control.reset()
  await emulator.control.setConfig({ rateLimit: RATE_LIMIT })
  const since = Date.now()
  const sharedClient = clientFor(emulator, RATE_LIMIT)
  const pageLocks = localLocks()
  const clientForUpload = (): ManagementClient =>
    mode === 'one'
      ? sharedClient
      : clientFor(emulator, RATE_LIMIT, mode === 'instances' ? pageLocks : localLocks())
  const started = performance.now()
  const outcomes = await Promise.allSettled(
    files.map((file) => uploadWithPipeline(clientForUpload(), file)),
  )
  const elapsed = performance.now() - started
  const entries = await emulator.control.managementApiLog(since)
  const arrivals = busiestWindow(entries.map((entry) => entry.at))
  const accepted = busiestWindow(
    entries.filter((entry) => entry.status !== 429).map((entry) => entry.at),
  )
  const refused = entries.filter((entry) => entry.status === 429).length
  const failed = outcomes.filter((outcome) => outcome.status === 'rejected').length
  const label = {
    one: 'one client',
    instances: 'one client per upload, shared locks (plugin iframes of one page)',
    uncoordinated: 'one client per upload, each with its own locks (no sharing)',
  }[mode]
  log(
    `burst of ${files.length} (${label}): ${seconds(elapsed)}, ` +
      `${entries.length} API calls, highest ${arrivals} in 1 s (${accepted} accepted), ${refused} × 429, ${failed} uploads failed`,
  )
  const within = arrivals <= RATE_LIMIT && refused === 0 && failed === 0
  rows.push({
    figure:
      mode === 'one'
        ? `Highest API request rate, burst of ${files.length} uploads (one client)`
        : `Same burst, ${label}`,
    value: `${arrivals} in 1 s (${refused} × 429, ${failed} failed)`,
    reference: `limit ${RATE_LIMIT}/s`,
    ratio: ratioOf(arrivals, RATE_LIMIT),
    target: mode === 'uncoordinated' ? '—' : `≤ ${RATE_LIMIT}/s, no 429`,
    result: mode === 'uncoordinated' ? 'INFO' : within ? 'PASS' : 'MISS',
  })
}

async function load(
  emulator: EmulatorProcess,
  rssSampler: Sampler,
  files: TestFile[],
): Promise<void> {
  await emulator.control.reset()
  await emulator.control.setConfig({ rateLimit: null })
  const client = clientFor(emulator, null)
  const from = Date.now()
  const started = performance.now()
  const outcomes = await Promise.allSettled(files.map((file) => uploadWithPipeline(client, file)))
  const uploadMs = performance.now() - started
  let matching = 0
  const problems: string[] = []
  await Promise.all(
    outcomes.map(async (outcome, index) => {
      const file = files[index]
      if (!file) return
      if (outcome.status === 'rejected') {
        problems.push(`${file.name}: ${String(outcome.reason)}`)
        return
      }
      const response = await fetch(cdnUrl(outcome.value))
      if (!response.ok || !response.body) {
        problems.push(`${file.name}: CDN answered ${response.status}`)
        return
      }
      const stored = await sha256OfBody(response.body)
      if (stored.sha256 === file.sha256 && stored.bytes === file.bytes) matching++
      else
        problems.push(
          `${file.name}: stored ${stored.bytes} bytes, sha256 ${stored.sha256.slice(0, 12)}…`,
        )
    }),
  )
  const finished = outcomes.filter((outcome) => outcome.status === 'fulfilled').length
  const peak = rssSampler.peak(from) ?? 0
  const total = files.reduce((sum, file) => sum + file.bytes, 0)
  log(
    `load: ${finished}/${files.length} finished in ${seconds(uploadMs)} (${rate(total, uploadMs)} together), ` +
      `${matching}/${files.length} checksums equal, emulator peak RSS ${mb(peak)}`,
  )
  for (const problem of problems) log(`  ${problem}`)
  rows.push({
    figure: `Emulator under load: ${files.length} parallel ${mb(files[0]?.bytes ?? 0)} uploads`,
    value: `${finished} finished, ${matching} checksums equal`,
    reference: `${files.length} files`,
    ratio: ratioOf(matching, files.length),
    target: 'all finish, all equal',
    result: finished === files.length && matching === files.length ? 'PASS' : 'MISS',
  })
  rows.push({
    figure: `Emulator under load: wall time, peak RSS`,
    value: `${seconds(uploadMs)}, ${mb(peak)}`,
    reference: `${mb(total)} in total`,
    ratio: '—',
    target: '—',
    result: 'INFO',
  })
  await emulator.control.reset()
}

/**
 * What showing a camera's photo costs the editor: every byte the CDN sends the plugin's frame
 * while the form shows a 20 MB, 6000 × 4000 JPEG (its preview, the focus picker and its crops),
 * against what the same frame downloads for the original URL, which the preview, the focus
 * picker and the crops showed before they used the image service.
 */
async function preview(browser: Browser, emulator: EmulatorProcess, pluginUrl: string) {
  await emulator.control.reset()
  const { id } = await seedPhoto(emulator)
  const [asset] = await emulator.control.assets()
  const filename = cdnUrl(String(asset?.filename))
  const content = JSON.stringify({ fieldtype: 'asset', id, filename, name: 'photo.jpg' })
  const url = `${emulator.url}/?${new URLSearchParams({ plugin: pluginUrl, content }).toString()}`
  const bodies: Promise<number>[] = []
  const editor = await openEditor(browser, url, async (context) => {
    context.on('response', (response) => {
      if (response.url().includes('/a.storyblok.com/f/'))
        bodies.push(
          response.body().then(
            (body) => body.length,
            () => 0,
          ),
        )
    })
  })
  try {
    await editor.frame.waitForSelector('[role="slider"]', { timeout: 30_000 })
    await editor.page.waitForLoadState('networkidle')
    const sum = async (sizes: Promise<number>[]) =>
      (await Promise.all(sizes)).reduce((total, size) => total + size, 0)
    const shown = bodies.length
    const bytes = await sum(bodies)
    // Before: the original, loaded the way the form's <img> loaded it.
    await editor.frame.evaluate(async (src) => {
      const image = new Image()
      image.src = src
      await image.decode()
    }, filename)
    const before = await sum(bodies.slice(shown))
    log(`preview: ${shown} images, ${kb(bytes)}; the original: ${mb(before)}`)
    rows.push({
      figure: 'Preview of a 20 MB, 6000 × 4000 JPEG: bytes downloaded',
      value: kb(bytes),
      reference: `${mb(before)} before (the original)`,
      ratio: `1/${Math.round(before / Math.max(bytes, 1))}`,
      target: '< 200 KB',
      result: bytes > 0 && bytes < 200 * 1024 ? 'PASS' : 'MISS',
    })
  } finally {
    await editor.close()
    await emulator.control.reset()
  }
}

function printTable(): void {
  const header: Row = {
    figure: 'figure',
    value: 'value',
    reference: 'reference',
    ratio: 'ratio',
    target: 'target',
    result: 'INFO',
  }
  const columns = ['figure', 'value', 'reference', 'ratio', 'target', 'result'] as const
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => row[column].length)),
  )
  const line = (row: Row, result: string): string =>
    columns
      .map((column, index) =>
        (column === 'result' ? result : row[column]).padEnd(widths[index] ?? 0),
      )
      .join('  ')
  console.log(`\n${line(header, 'result')}`)
  console.log(widths.map((width) => '-'.repeat(width)).join('  '))
  for (const row of rows) console.log(line(row, row.result))
  console.log('\nMarkdown:\n')
  console.log(`| ${columns.join(' | ')} |`)
  console.log(`| ${columns.map(() => '---').join(' | ')} |`)
  for (const row of rows)
    console.log(`| ${columns.map((column) => row[column].replaceAll('|', '\\|')).join(' | ')} |`)
}

async function main(): Promise<void> {
  const startedAt = Date.now()
  console.log(
    `${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · ` +
      `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM · Linux ${release()} · Node ${process.version} · ` +
      `load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
  )
  console.log(
    `npm run bench${quick ? ' -- --quick' : ''}: sizes ${JSON.stringify(Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, v >= MiB ? mb(v) : v])))}`,
  )

  console.log('\nBuilding the plugin (--mode local-editor) and the bare Vue + SDK counter…')
  const builds = await buildBoth()
  log(
    `index.js gzip: plugin ${kb(builds.pluginGzip)} (${builds.pluginGzip} B), bare ${kb(builds.bareGzip)} (${builds.bareGzip} B)`,
  )

  const dataDir = await mkdtemp(join(tmpdir(), 'bench-files-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  syncCleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))

  // Served as http://127.0.0.1:<port>/ while the editor page is http://localhost:<port>/: another
  // site, so Chromium runs the plugin in its own renderer process, as app.storyblok.com and the
  // plugin's origin are in production. (Same-site frames would share the editor page's main
  // thread and V8 heap, and every figure below would include the editor's own work.)
  const crossSite = (url: string): string => url.replace('//localhost:', '//127.0.0.1:')
  const pluginServer = await serveStatic(builds.pluginDir)
  cleanups.push(pluginServer.close)
  const bareServer = await serveStatic(builds.bareDir)
  cleanups.push(bareServer.close)
  const pluginUrl = crossSite(pluginServer.url)
  const bareUrl = crossSite(bareServer.url)

  const emulator = await spawnEmulator(projectRoot)
  cleanups.push(emulator.close)
  syncCleanups.push(emulator.killNow)
  const rssSampler = startSampling(() => statusBytes(emulator.pid, 'VmRSS'), 50)
  cleanups.push(async () => rssSampler.stop())
  log(
    `emulator: ${emulator.url} (pid ${emulator.pid}), idle RSS ${mb(statusBytes(emulator.pid, 'VmRSS') ?? 0)}`,
  )

  console.log('\nWriting random test files…')
  const files = {
    throughput: await writeRandomFile(
      dataDir,
      `throughput-${plan.throughput / MiB}MB.bin`,
      plan.throughput,
    ),
    small: await writeRandomFile(dataDir, `heap-${plan.heapSmall / MiB}MB.bin`, plan.heapSmall),
    large: await writeRandomFile(dataDir, `heap-${plan.heapLarge / MiB}MB.bin`, plan.heapLarge),
    huge: await writeRandomFile(dataDir, `rss-${plan.rss / MiB}MB.bin`, plan.rss),
    burst: await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        writeRandomFile(dataDir, `burst-${i + 1}.bin`, 256 * 1024),
      ),
    ),
    load: await Promise.all(
      Array.from({ length: LOAD }, (_, i) =>
        writeRandomFile(dataDir, `load-${i + 1}.bin`, plan.load),
      ),
    ),
    multi: await Promise.all(
      Array.from({ length: plan.multiFiles }, (_, i) =>
        writeRandomFile(dataDir, `file-${String(i + 1).padStart(2, '0')}.bin`, plan.multiBytes),
      ),
    ),
  }

  const browser = await launchChromium()
  cleanups.push(() => browser.close())
  log(`Chromium ${browser.version()}`)
  const editorUrl = (plugin: string): string =>
    `${emulator.url}/?${new URLSearchParams({ plugin }).toString()}`

  console.log('\nTime to first render…')
  await timeToFirstRender(browser, editorUrl, pluginUrl, bareUrl, builds)

  console.log('\nUpload throughput…')
  const uploads = await throughput(
    browser,
    emulator,
    editorUrl(pluginUrl),
    bareUrl,
    files.throughput,
  )

  console.log('\nMemory…')
  uploads.push(...(await memory(browser, emulator, rssSampler, editorUrl(pluginUrl), files)))

  requestsPerUpload(uploads)

  console.log('\nRequest rate…')
  await burst(emulator, files.burst, 'one')
  await burst(emulator, files.burst, 'instances')
  await burst(emulator, files.burst, 'uncoordinated')

  console.log('\nEmulator under load…')
  await load(emulator, rssSampler, files.load)

  console.log('\nMany files dropped at once (multiple)…')
  rows.push(
    ...(await multiDrop(browser, emulator, files.multi, { pluginUrl, rateLimit: RATE_LIMIT })),
  )

  // Last: the image service (sharp) keeps memory of its own in the emulator afterwards.
  console.log('\nPreview of a large photo…')
  await preview(browser, emulator, pluginUrl)

  printTable()
  console.log(
    `\nLoad average after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  )
  console.log(
    `\nDone in ${seconds(Date.now() - startedAt)}. A MISS is reported, not failed: see BENCHMARKS.md.`,
  )
}

try {
  await main()
} catch (error) {
  console.error('\nThe benchmark crashed:', error)
  process.exitCode = 1
} finally {
  await cleanUp()
}
