// Upload throughput: one file through the plugin in Chromium, against curl and a bare
// XMLHttpRequest in the same browser, in rotating order, with the CPU each side spent.
import type { Browser } from 'playwright-core'
import { finishAndRead } from '../../src/api/upload/finish.ts'
import type { EmulatorProcess } from './emulatorProcess.ts'
import type { TestFile } from './files.ts'
import {
  chromiumTotal,
  cpuMeter,
  pluginUpload,
  type CpuUse,
  type MeasuredUpload,
} from './measuredUpload.ts'
import { clientFor, uploadWithCurl, type CurlRun } from './nodeUploads.ts'
import type { UploadPhases } from './pluginUpload.ts'
import { chromiumSettled } from './procfs.ts'
import { openRawXhrPage, type RawXhrPage } from './rawXhrPage.ts'
import { log, mb, median, rate, ratioOf, seconds, type Row } from './report.ts'

/** The three contenders' counted runs. */
interface Contenders {
  plugin: MeasuredUpload[]
  curl: (CurlRun & { emulatorCpu: number })[]
  xhr: { ms: number; cpu: CpuUse }[]
}

/** Where the contenders run: the plugin in the editor page, the bare XHR on the plugin's origin. */
export interface ThroughputPages {
  editorUrl: string
  rawPageUrl: string
}

/** How each contender uploads the file once; a run is counted unless it is the warm-up. */
function contenderRuns(
  browser: Browser,
  emulator: EmulatorProcess,
  editorUrl: string,
  raw: RawXhrPage,
  file: TestFile,
  counted: Contenders,
): Record<'plugin' | 'curl' | 'xhr', (warmUp: boolean) => Promise<void>> {
  const client = clientFor(emulator, null)
  const meter = cpuMeter(emulator)
  return {
    plugin: async (warmUp) => {
      const result = await pluginUpload(browser, emulator, editorUrl, file)
      if (!warmUp) counted.plugin.push(result)
      log(
        `plugin ${mb(file.bytes)}: ${seconds(result.totalMs)} (S3 POST ${result.s3Ms === null ? '?' : seconds(result.s3Ms)}), ${result.apiRequests} API calls`,
      )
    },
    curl: async (warmUp) => {
      await chromiumSettled()
      meter.start()
      const result = await uploadWithCurl(client, file)
      if (!warmUp) counted.curl.push({ ...result, emulatorCpu: meter.stop().emulator })
      log(
        `curl   ${mb(file.bytes)}: POST ${seconds(result.postMs)} (with sign and finish ${seconds(result.totalMs)})`,
      )
    },
    xhr: async (warmUp) => {
      const signed = await client.signAsset({ filename: file.name })
      await chromiumSettled()
      meter.start()
      const took = await raw.post(signed.post_url, signed.fields)
      if (!warmUp) counted.xhr.push({ ms: took, cpu: meter.stop() })
      await finishAndRead(client, signed.id)
      log(`XHR    ${mb(file.bytes)}: POST ${seconds(took)} (Chromium, no plugin)`)
    },
  }
}

/** Each contender `runs` times after one warm-up round, the order rotating each round. */
async function runContenders(
  browser: Browser,
  emulator: EmulatorProcess,
  { editorUrl, rawPageUrl }: ThroughputPages,
  file: TestFile,
  runs: number,
): Promise<Contenders> {
  // Throughput, not the rate limit, is measured here: the emulator's limit is off (the
  // plugin's own throttle still runs; 3 calls per upload never wait for it).
  const fresh = async (): Promise<void> => {
    // Also frees the disk for the next run.
    await emulator.control.reset()
    await emulator.control.setConfig({ rateLimit: null })
  }
  await fresh()
  const raw = await openRawXhrPage(browser, rawPageUrl, file)
  const counted: Contenders = { plugin: [], curl: [], xhr: [] }
  const contenders = contenderRuns(browser, emulator, editorUrl, raw, file, counted)
  try {
    // Run 0 warms up (page cache, JIT, connections) and is not counted.
    for (let run = 0; run <= runs; run++) {
      const warmUp = run === 0
      if (warmUp) log('warm-up round (not counted):')
      // Rotating the order, so that no contender always follows the same one.
      const order = (['plugin', 'curl', 'xhr'] as const).map(
        (_, i, all) => all[(i + run) % all.length] ?? 'plugin',
      )
      for (const which of order) {
        await contenders[which](warmUp)
        await fresh()
      }
    }
  } finally {
    await raw.close()
  }
  return counted
}

const cpu = (values: number[]): string => seconds(median(values))

/** The CPU each side spent per upload, and where the plugin's time went. */
function logCpu({ plugin, curl, xhr }: Contenders): void {
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
}

function throughputRows({ plugin, curl, xhr }: Contenders, file: TestFile, runs: number): Row[] {
  const pluginTotal = median(plugin.map((r) => r.totalMs))
  const pluginPost = median(plugin.map((r) => r.s3Ms ?? Number.NaN))
  const curlPost = median(curl.map((r) => r.postMs))
  const curlTotal = median(curl.map((r) => r.totalMs))
  const xhrPost = median(xhr.map((r) => r.ms))
  // The best run is the least disturbed by whatever else the machine is doing.
  const pluginBest = Math.min(...plugin.map((r) => r.totalMs))
  const curlBest = Math.min(...curl.map((r) => r.postMs))
  return [
    {
      figure: `Upload ${mb(file.bytes)}: plugin (sign, S3 POST, finish, read), median of ${runs}`,
      value: `${seconds(pluginTotal)} (${rate(file.bytes, pluginTotal)})`,
      reference: `${seconds(curlPost)} curl -F (${rate(file.bytes, curlPost)})`,
      ratio: ratioOf(pluginTotal, curlPost),
      target: '≤ 1.10x',
      result: pluginTotal / curlPost <= 1.1 ? 'PASS' : 'MISS',
    },
    {
      figure: `Upload ${mb(file.bytes)}: the same, best of ${runs}`,
      value: `${seconds(pluginBest)} (${rate(file.bytes, pluginBest)})`,
      reference: `${seconds(curlBest)} curl -F (${rate(file.bytes, curlBest)})`,
      ratio: ratioOf(pluginBest, curlBest),
      target: '—',
      result: 'INFO',
    },
    {
      figure: `Upload ${mb(file.bytes)}: the plugin's S3 POST alone`,
      value: seconds(pluginPost),
      reference: `${seconds(curlPost)} curl -F`,
      ratio: ratioOf(pluginPost, curlPost),
      target: '—',
      result: 'INFO',
    },
    {
      figure: `Upload ${mb(file.bytes)}: the plugin's S3 POST vs a bare XHR in Chromium`,
      value: seconds(pluginPost),
      reference: `${seconds(xhrPost)} XHR, no plugin (${rate(file.bytes, xhrPost)})`,
      ratio: ratioOf(pluginPost, xhrPost),
      target: '—',
      result: 'INFO',
    },
    ...costRows({ plugin, curl }, file, pluginTotal, curlTotal),
  ]
}

/** What the plugin's upload costs besides time: the client's CPU, and the whole pipeline. */
function costRows(
  { plugin, curl }: Pick<Contenders, 'plugin' | 'curl'>,
  file: TestFile,
  pluginTotal: number,
  curlTotal: number,
): Row[] {
  return [
    {
      figure: `Upload ${mb(file.bytes)}: client CPU, Chromium (plugin) vs curl`,
      value: cpu(plugin.map((r) => chromiumTotal(r.cpu))),
      reference: `${cpu(curl.map((r) => r.cpuMs))} curl (emulator: ${cpu(plugin.map((r) => r.cpu.emulator))} vs ${cpu(curl.map((r) => r.emulatorCpu))})`,
      ratio: ratioOf(
        median(plugin.map((r) => chromiumTotal(r.cpu))),
        median(curl.map((r) => r.cpuMs)),
      ),
      target: '—',
      result: 'INFO',
    },
    {
      figure: `Upload ${mb(file.bytes)}: whole pipeline, plugin vs curl script`,
      value: seconds(pluginTotal),
      reference: `${seconds(curlTotal)} sign + curl + finish + read`,
      ratio: ratioOf(pluginTotal, curlTotal),
      target: '—',
      result: 'INFO',
    },
  ]
}

/** The rows of the results table, and the plugin's uploads (their API calls count elsewhere). */
export async function throughput(
  browser: Browser,
  emulator: EmulatorProcess,
  pages: ThroughputPages,
  file: TestFile,
  runs: number,
): Promise<{ rows: Row[]; uploads: MeasuredUpload[] }> {
  const counted = await runContenders(browser, emulator, pages, file, runs)
  logCpu(counted)
  return { rows: throughputRows(counted, file, runs), uploads: counted.plugin }
}
