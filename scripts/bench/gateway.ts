// `npm run bench:gateway`: the upload gateway on Node (a child process, as `npm run gateway`
// runs it) in front of the local Storyblok (another child process, with its 3 requests/s).
//
// 1. Ten editors, each with its own session, drop five files at once (uploaded three at a time,
//    as the plugin's queue does). Printed: the 429s any editor saw (target 0), each editor's
//    total time, and the slowest against the mean (target at most 2).
// 2. One upload at a time, through the gateway and directly (sign with the token, the same S3
//    POST, finish, read, as the plugin does today), alternating, with the rate limit's window
//    empty before each: the gateway's median against the direct median (target at most 1.05x).
//
// 3. The same in the browser (gatewayBrowser.ts), with the plugin itself.
//
// Bounded: fixed counts, every wait with a timeout; it prints figures and asserts nothing.
import { fileURLToPath } from 'node:url'
import {
  createGatewayClient,
  postToStorage,
  signedFormOf,
  uploadThroughGateway,
  type GatewayClient,
} from '../support/gatewayClient.ts'
import { spawnEmulator, type EmulatorProcess } from './emulatorProcess.ts'
import { localGatewayEnv, spawnGateway } from '../support/gatewayProcess.ts'
import { gatewayInTheBrowser } from './gatewayBrowser.ts'
import { DEFAULT_PREVIEW_TOKEN } from '../../emulator/server.ts'
import { median, ms, ratioOf, seconds } from './report.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const ORIGIN = 'http://localhost:8080'
const EDITORS = 10
const FILES = 5
const PARALLEL = 3
const SINGLE_RUNS = 15
const SMALL = 64 * 1024
/** One upload at a time: a small file and a typical photo. */
const SIZES = [SMALL, 4 * 1024 * 1024]
/**
 * Storyblok's own answer time as an editor meets it (tens of ms over the internet; 0 on the
 * loopback), added to every Management API call for the second series of single uploads, so
 * the gateway's one extra hop is measured against a realistic upload as well as the bare one.
 */
const API_LATENCY_MS = 40
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))
const bytes = (count: number) => new Uint8Array(count).fill(7)

/** Runs `tasks` `parallel` at a time, in order. */
async function pool<T>(tasks: (() => Promise<T>)[], parallel: number): Promise<T[]> {
  const results: T[] = []
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++
      results[index] = await (tasks[index] as () => Promise<T>)()
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
  return results
}

/** Ten editors at once; resolves with each one's total time and the 429s they saw. */
async function editorsAtOnce(gatewayUrl: string, emulator: EmulatorProcess) {
  let rateLimited = 0
  const countingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    if (response.status === 429) rateLimited++
    return response
  }
  const editor = async (index: number) => {
    const client = createGatewayClient({
      baseUrl: `${gatewayUrl}/v1`,
      spaceId: emulator.spaceId,
      origin: ORIGIN,
      previewToken: DEFAULT_PREVIEW_TOKEN,
      session: `bench-editor-${index}`,
      fetch: countingFetch,
    })
    const started = performance.now()
    const files = Array.from(
      { length: FILES },
      (_, n) => () => uploadThroughGateway(client, bytes(SMALL), `editor-${index}-file-${n}.png`),
    )
    const results = await pool(files, PARALLEL)
    const failed = results.filter((result) => result.finish.status !== 200).length
    return { ms: performance.now() - started, failed }
  }
  const results = await Promise.all(Array.from({ length: EDITORS }, (_, i) => editor(i)))
  return { results, rateLimited }
}

/** sign → S3 → finish → read with the token, as the plugin does without the gateway. */
async function directUpload(emulator: EmulatorProcess, file: Uint8Array<ArrayBuffer>) {
  const assets = `${emulator.apiBaseUrl}/spaces/${emulator.spaceId}/assets`
  const call = async (method: string, path: string, json?: unknown) => {
    const response = await fetch(assets + path, {
      method,
      body: json === undefined ? undefined : JSON.stringify(json),
      headers: { Authorization: emulator.token, 'Content-Type': 'application/json' },
    })
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`)
    return response.json() as Promise<unknown>
  }
  const signed = await call('POST', '', { filename: 'direct.png', validate_upload: 1 })
  const form = signedFormOf({ ...(signed as object), ticket: 'none' })
  await postToStorage(form, file, 'direct.png')
  await call('GET', `/${form.id}/finish_upload`)
  await call('GET', `/${form.id}`)
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await run()
  return performance.now() - started
}

/**
 * One upload at a time, through the gateway and directly, in pairs run back to back (the order
 * alternating), so a busy moment of a shared machine hits both of a pair: the medians, and the
 * median of the pairs' ratios.
 */
async function oneAtATime(client: GatewayClient, emulator: EmulatorProcess, size: number) {
  const viaGateway: number[] = []
  const direct: number[] = []
  const file = bytes(size)
  const throughGateway = () => timed(() => uploadThroughGateway(client, file, 'single.png'))
  const straight = () => timed(() => directUpload(emulator, file))
  for (let run = 0; run < SINGLE_RUNS; run++) {
    // The rate limit's window empties between uploads: each path starts with every place free.
    await sleep(1200)
    const first = run % 2 ? await straight() : await throughGateway()
    await sleep(1200)
    const second = run % 2 ? await throughGateway() : await straight()
    viaGateway.push(run % 2 ? second : first)
    direct.push(run % 2 ? first : second)
  }
  const ratios = viaGateway.map((value, i) => value / (direct[i] ?? value))
  return { gateway: median(viaGateway), direct: median(direct), ratio: median(ratios) }
}

/** 10 editors uploading at once through one gateway: 429s, and how fairly they were served. */
async function fairness(gatewayUrl: string, emulator: EmulatorProcess): Promise<void> {
  console.log(
    `\nGateway benchmark: ${EDITORS} editors × ${FILES} files of ${SMALL / 1024} KB, Storyblok at 3 requests/s`,
  )
  const since = Date.now()
  const { results, rateLimited } = await editorsAtOnce(gatewayUrl, emulator)
  const times = results.map((result) => result.ms)
  const mean = times.reduce((sum, value) => sum + value, 0) / times.length
  const slowest = Math.max(...times)
  const upstream429 = (await emulator.control.managementApiLog(since)).filter(
    (entry) => entry.status === 429,
  ).length
  console.log(`  each editor's total: ${times.map((value) => seconds(value)).join(', ')}`)
  console.log(
    `  failed uploads:             ${results.reduce((sum, result) => sum + result.failed, 0)}`,
  )
  console.log(`  429s seen by editors:       ${rateLimited} (target 0)`)
  console.log(`  429s Storyblok answered:    ${upstream429} (the gateway waits them out)`)
  console.log(
    `  slowest / mean:             ${seconds(slowest)} / ${seconds(mean)} = ${ratioOf(slowest, mean)} (target ≤ 2)`,
  )
}

async function main() {
  const emulator = await spawnEmulator(root)
  const storyblok = { ...emulator, deliveryBaseUrl: `${emulator.url}/v2/cdn` }
  const gateway = await spawnGateway(root, localGatewayEnv(storyblok, ORIGIN)).catch(
    async (error: unknown) => {
      await emulator.close()
      throw error
    },
  )
  try {
    await fairness(gateway.url, emulator)
    const client = createGatewayClient({
      baseUrl: `${gateway.url}/v1`,
      spaceId: emulator.spaceId,
      origin: ORIGIN,
      previewToken: DEFAULT_PREVIEW_TOKEN,
      session: 'bench-single',
    })
    for (const latency of [0, API_LATENCY_MS]) {
      for (const route of ['sign', 'finish', 'get'] as const)
        if (latency) await emulator.control.addFault({ route, delayMs: latency, times: -1 })
      console.log(
        `  one upload at a time, Storyblok answering in ${latency ? `${latency} ms` : 'loopback time'}:`,
      )
      for (const size of SIZES) {
        const { gateway: via, direct, ratio } = await oneAtATime(client, emulator, size)
        const label = size < 1024 * 1024 ? `${size / 1024} KB` : `${size / 1024 / 1024} MB`
        console.log(
          `    ${label.padEnd(6)} medians of ${SINGLE_RUNS}: gateway ${ms(via)}, direct ${ms(direct)} (${ms(via - direct)} added); median pair ratio ${ratio.toFixed(2)}x (target ≤ 1.05x)`,
        )
      }
      await emulator.control.clearFaults()
    }
  } finally {
    await gateway.close()
    await emulator.close()
  }
}

await main()
// The same figures as editors meet them: the plugin itself, in Chromium (`-- --node` skips it).
if (!process.argv.includes('--node')) await gatewayInTheBrowser()
