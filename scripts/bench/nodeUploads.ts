// Uploads from Node through the plugin's own pipeline (src/api: the Management API client with
// its throttle, and the upload's steps, `uploadOnce`), the S3 POST on node:http via the test
// suite's XMLHttpRequest stand-in; and the curl reference.
import { execFile } from 'node:child_process'
import { openAsBlob } from 'node:fs'
import { createManagementClient } from '../../src/api/client.ts'
import { localLocks, type Locks } from '../../src/api/throttle.ts'
import type { ManagementClient } from '../../src/api/types.ts'
import { finishAndRead } from '../../src/api/upload/finish.ts'
import { uploadOnce } from '../../src/api/upload/run.ts'
import { NodeXhr } from '../support/nodeXhr.ts'
import type { EmulatorProcess } from './emulatorProcess.ts'
import type { TestFile } from './files.ts'

/**
 * A client as one plugin instance makes it. `locks` stands for the browser's `navigator.locks`:
 * clients given the same locks share the rate limit, as the iframes of one page do (Node has no
 * Web Locks; test/e2e/rateLimit.test.ts checks the real ones in Chromium). Without it, a client
 * keeps the limit to itself.
 */
export function clientFor(
  emulator: EmulatorProcess,
  rateLimit: number | null,
  locks: Locks = localLocks(),
): ManagementClient {
  return createManagementClient({
    baseUrl: emulator.apiBaseUrl,
    spaceId: emulator.spaceId,
    token: emulator.token,
    rateLimit,
    locks,
  })
}

/** sign → S3 POST → finish_upload → read → verify, as the plugin does; resolves with the asset's S3 URL. */
export async function uploadWithPipeline(
  client: ManagementClient,
  file: TestFile,
): Promise<string> {
  // A file-backed Blob: nothing is read until the S3 POST serializes the form.
  const blob = await openAsBlob(file.path)
  const asset = await uploadOnce(
    { client, file: blob, filename: file.name },
    { env: { createXhr: () => new NodeXhr() } },
  )
  return asset.filename
}

export interface CurlRun {
  /** curl's own `time_total` for the S3 POST. */
  postMs: number
  /** curl's CPU time (user + system). */
  cpuMs: number
  /** sign + curl + finish_upload + read, as a script would do it. */
  totalMs: number
}

/** Runs curl under bash, whose `times` then prints curl's CPU time (children's user and system). */
function runCurl(args: string[], timeoutMs: number): Promise<{ stdout: string; cpuMs: number }> {
  const script = 'curl "$@"; status=$?; times >&2; exit $status'
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-c', script, 'bash', ...args],
      { timeout: Math.round(timeoutMs) },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`curl failed: ${error.message} ${stderr}`))
          return
        }
        // `times`: the shell's user/system, then its children's, as `0m0.123s 0m0.045s`.
        const children = stderr.trim().split('\n').at(-1) ?? ''
        const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
          (sum, [, minutes, secs]) => sum + (Number(minutes) * 60 + Number(secs)) * 1000,
          0,
        )
        resolve({ stdout, cpuMs })
      },
    )
  })
}

/**
 * The reference: a fresh signature from the Management API, then `curl -F` of every signed
 * field in order (`--form-string`: taken literally, `@` and `;` included) and the file.
 */
export async function uploadWithCurl(client: ManagementClient, file: TestFile): Promise<CurlRun> {
  const started = performance.now()
  const signed = await client.signAsset({ filename: file.name })
  const fields = Object.entries(signed.fields).flatMap(([name, value]) => [
    '--form-string',
    `${name}=${value}`,
  ])
  const { stdout, cpuMs } = await runCurl(
    [
      '-s',
      '-S',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code} %{time_total}',
      ...fields,
      '-F',
      `file=@${file.path}`,
      signed.post_url,
    ],
    60_000 + file.bytes / 10_000,
  )
  const [status, seconds] = stdout.trim().split(' ')
  if (status !== '204' && status !== '201' && status !== '200')
    throw new Error(`curl's POST answered ${status}`)
  await finishAndRead(client, signed.id)
  return { postMs: Number(seconds) * 1000, cpuMs, totalMs: performance.now() - started }
}
