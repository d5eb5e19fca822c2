// `npm run bench` (`-- --quick` for a fast sanity run): the benchmarks, in headless
// Chromium against the local Storyblok, each figure next to its reference from the same run.
// A report, not a test: it exits 0 when a target is missed, and non-zero only when it crashes.
// What each figure means and the last results: BENCHMARKS.md. Each benchmark is a module of
// scripts/bench/; this file starts what they share and runs them in order.
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { projectRoot } from './bare.ts'
import { buildBoth, type Builds } from './bench/builds.ts'
import { cleanUp, onCleanUp, onExit } from './bench/cleanup.ts'
import { spawnEmulator, type EmulatorProcess } from './bench/emulatorProcess.ts'
import { MiB } from './bench/files.ts'
import { timeToFirstRender } from './bench/firstRender.ts'
import { load } from './bench/load.ts'
import { loadTime } from './bench/loadTime.ts'
import { memory } from './bench/memory.ts'
import { multiDrop } from './bench/multiDrop.ts'
import { RATE_LIMIT, benchPlan, writeBenchFiles, type BenchFiles } from './bench/plan.ts'
import { preview } from './bench/preview.ts'
import { startSampling, statusBytes, type Sampler } from './bench/procfs.ts'
import { burst, requestsPerUpload } from './bench/rateLimit.ts'
import { kb, log, mb, printTable, seconds, type Row } from './bench/report.ts'
import { throughput } from './bench/throughput.ts'
import { launchChromium } from './support/chromium.ts'
import { serveStatic } from './support/staticServer.ts'

const quick = process.argv.includes('--quick')
/** `--load`: only the load-time contract (`npm run bench:load`). */
const loadOnly = process.argv.includes('--load')
const plan = benchPlan(quick)

const loadAverage = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')

function printMachine(): void {
  console.log(
    `${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · ` +
      `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM · Linux ${release()} · Node ${process.version} · ` +
      `load average ${loadAverage()}`,
  )
  console.log(
    `npm run bench${quick ? ' -- --quick' : ''}${loadOnly ? ' -- --load' : ''}: sizes ${JSON.stringify(Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, v >= MiB ? mb(v) : v])))}`,
  )
}

/** Serves both bundles; resolves with their URLs. */
async function serveBuilds(builds: Builds): Promise<{ pluginUrl: string; bareUrl: string }> {
  // Served as http://127.0.0.1:<port>/ while the editor page is http://localhost:<port>/: another
  // site, so Chromium runs the plugin in its own renderer process, as app.storyblok.com and the
  // plugin's origin are in production. (Same-site frames would share the editor page's main
  // thread and V8 heap, and every figure below would include the editor's own work.)
  const crossSite = (url: string): string => url.replace('//localhost:', '//127.0.0.1:')
  const pluginServer = await serveStatic(builds.pluginDir)
  onCleanUp(pluginServer.close)
  const bareServer = await serveStatic(builds.bareDir)
  onCleanUp(bareServer.close)
  return { pluginUrl: crossSite(pluginServer.url), bareUrl: crossSite(bareServer.url) }
}

/** The emulator in a child process, its RSS sampled every 50 ms from now on. */
async function startEmulator(): Promise<{ emulator: EmulatorProcess; rssSampler: Sampler }> {
  const emulator = await spawnEmulator(projectRoot)
  onCleanUp(emulator.close)
  onExit(emulator.killNow)
  const rssSampler = startSampling(() => statusBytes(emulator.pid, 'VmRSS'), 50)
  onCleanUp(async () => rssSampler.stop())
  log(
    `emulator: ${emulator.url} (pid ${emulator.pid}), idle RSS ${mb(statusBytes(emulator.pid, 'VmRSS') ?? 0)}`,
  )
  return { emulator, rssSampler }
}

interface Bench {
  browser: Browser
  emulator: EmulatorProcess
  rssSampler: Sampler
  builds: Builds
  pluginUrl: string
  bareUrl: string
  /** `null` with `--load`, which needs none. */
  files: BenchFiles | null
}

/** Every benchmark, in order; the rows of the results table. */
async function runBenchmarks(bench: Bench): Promise<Row[]> {
  const { browser, emulator, rssSampler, builds, pluginUrl, bareUrl, files } = bench
  const rows: Row[] = []
  const editorUrl = (plugin: string): string =>
    `${emulator.url}/?${new URLSearchParams({ plugin }).toString()}`

  rows.push(...(await loadTime(browser, emulator, { pluginUrl, bareUrl }, plan.loadRuns)))
  if (!files) return rows

  console.log('\nTime to first render…')
  const contenders = { editorUrl, pluginUrl, bareUrl, sizes: builds }
  rows.push(...(await timeToFirstRender(browser, contenders, plan.renderRuns)))

  console.log('\nUpload throughput…')
  const pages = { editorUrl: editorUrl(pluginUrl), rawPageUrl: bareUrl }
  const moved = await throughput(browser, emulator, pages, files.throughput, plan.throughputRuns)
  rows.push(...moved.rows)

  console.log('\nMemory…')
  const held = await memory(browser, emulator, rssSampler, editorUrl(pluginUrl), files)
  rows.push(...held.rows)

  rows.push(requestsPerUpload([...moved.uploads, ...held.uploads]))

  console.log('\nRequest rate…')
  for (const mode of ['one', 'instances', 'uncoordinated'] as const)
    rows.push(await burst(emulator, files.burst, mode))

  console.log('\nEmulator under load…')
  rows.push(...(await load(emulator, rssSampler, files.load)))

  console.log('\nMany files dropped at once (multiple)…')
  rows.push(
    ...(await multiDrop(browser, emulator, files.multi, { pluginUrl, rateLimit: RATE_LIMIT })),
  )

  // Last: the image service (sharp) keeps memory of its own in the emulator afterwards.
  console.log('\nPreview of a large photo…')
  rows.push(await preview(browser, emulator, pluginUrl))
  return rows
}

async function main(): Promise<void> {
  const startedAt = Date.now()
  printMachine()

  console.log('\nBuilding the plugin (--mode local-editor) and the bare Vue + SDK counter…')
  const builds = await buildBoth()
  log(
    `index.js gzip: plugin ${kb(builds.pluginGzip)} (${builds.pluginGzip} B), bare ${kb(builds.bareGzip)} (${builds.bareGzip} B)`,
  )

  const dataDir = await mkdtemp(join(tmpdir(), 'bench-files-'))
  onCleanUp(() => rm(dataDir, { recursive: true, force: true }))
  onExit(() => rmSync(dataDir, { recursive: true, force: true }))
  const { pluginUrl, bareUrl } = await serveBuilds(builds)
  const { emulator, rssSampler } = await startEmulator()

  // The load-time contract alone needs none of them.
  if (!loadOnly) console.log('\nWriting random test files…')
  const files = loadOnly ? null : await writeBenchFiles(dataDir, plan)

  const browser = await launchChromium()
  onCleanUp(() => browser.close())
  log(`Chromium ${browser.version()}`)

  const rows = await runBenchmarks({
    browser,
    emulator,
    rssSampler,
    builds,
    pluginUrl,
    bareUrl,
    files,
  })
  printTable(rows)
  console.log(`\nLoad average after: ${loadAverage()}`)
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
