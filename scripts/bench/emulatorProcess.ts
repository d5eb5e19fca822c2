// The local Storyblok in a child process (`node --import tsx emulator/cli.ts`), so that its
// memory is its own and can be read from /proc while the benchmarks run.
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type RouteName = 'sign' | 's3' | 'finish' | 'get' | 'update' | 'delete' | 'list' | 'cdn'

/** The Management API's routes: what the rate limit counts. */
export { MANAGEMENT_API_ROUTES as MAPI_ROUTES } from '../../emulator/stats.ts'

export interface LogEntry {
  route: string
  method: string
  status: number | null
  at: number
}

export interface EmulatorState {
  requests: Record<string, number>
  requestLog: LogEntry[]
  assetCount: number
}

export interface EmulatorProcess {
  /** `http://localhost:<port>` */
  url: string
  apiBaseUrl: string
  spaceId: number
  token: string
  /** The node process that serves (not a wrapper): its RSS is the emulator's. */
  pid: number
  state(): Promise<EmulatorState>
  /** `POST /__emulator/config` */
  configure(patch: Record<string, unknown>): Promise<void>
  /** `POST /__emulator/reset`: forgets assets, deletes stored files, restores the start config. */
  reset(): Promise<void>
  close(): Promise<void>
  /** For exit handlers: kills at once and removes the data folder synchronously. */
  killNow(): void
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseState(raw: unknown): EmulatorState {
  if (
    !isRecord(raw) ||
    !isRecord(raw['requests']) ||
    !Array.isArray(raw['requestLog']) ||
    !Array.isArray(raw['assets'])
  ) {
    throw new Error('unexpected /__emulator/state body')
  }
  const requests: Record<string, number> = {}
  for (const [name, count] of Object.entries(raw['requests'])) requests[name] = Number(count)
  const requestLog: LogEntry[] = []
  for (const entry of raw['requestLog']) {
    if (!isRecord(entry) || typeof entry['route'] !== 'string' || typeof entry['at'] !== 'number')
      continue
    requestLog.push({
      route: entry['route'],
      method: String(entry['method']),
      status: typeof entry['status'] === 'number' ? entry['status'] : null,
      at: entry['at'],
    })
  }
  return { requests, requestLog, assetCount: raw['assets'].length }
}

/** Waits for the banner that cli.ts prints once it listens; bounded by `timeoutMs`. */
function readBanner(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    const timer = setTimeout(
      () => reject(new Error(`the emulator did not start within ${timeoutMs} ms:\n${text}`)),
      timeoutMs,
    )
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8')
      if (/Token:/.test(text)) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        // Keep draining, so a full pipe never blocks the child.
        child.stdout?.resume()
        resolve(text)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8')
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the emulator exited with ${code}:\n${text}`))
    })
  })
}

export async function spawnEmulator(projectRoot: string): Promise<EmulatorProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-emulator-'))
  // Plain node with tsx as a loader: one process, whose pid is the server's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts'], {
    cwd: projectRoot,
    env: { ...process.env, STORYBLOK_EMULATOR_PORT: '0', STORYBLOK_EMULATOR_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const killNow = (): void => {
    if (child.exitCode === null) child.kill('SIGKILL')
    // Synchronous on purpose: this also runs from a process 'exit' handler.
    rmSync(dataDir, { recursive: true, force: true })
  }
  let banner: string
  try {
    banner = await readBanner(child, 30_000)
  } catch (error) {
    child.kill('SIGKILL')
    await rm(dataDir, { recursive: true, force: true })
    throw error
  }
  child.stderr?.resume()
  const apiBaseUrl = /API base:\s+(\S+)/.exec(banner)?.[1]
  const spaceId = Number(/Space id:\s+(\d+)/.exec(banner)?.[1])
  const token = /Token:\s+(\S+)/.exec(banner)?.[1]
  if (!apiBaseUrl || !token || !Number.isSafeInteger(spaceId) || child.pid === undefined) {
    child.kill('SIGKILL')
    throw new Error(`unexpected emulator banner:\n${banner}`)
  }
  const url = apiBaseUrl.replace(/\/v1$/, '')
  const pid = child.pid

  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} /__emulator/${path}: ${response.status} ${text}`)
    return text === '' ? null : JSON.parse(text)
  }

  return {
    url,
    apiBaseUrl,
    spaceId,
    token,
    pid,
    state: async () => parseState(await control('GET', 'state')),
    configure: async (patch) => void (await control('POST', 'config', patch)),
    reset: async () => void (await control('POST', 'reset')),
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        await exited
        clearTimeout(timer)
      }
      await rm(dataDir, { recursive: true, force: true })
    },
    killNow,
  }
}
