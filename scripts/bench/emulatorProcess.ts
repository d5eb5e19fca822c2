// The local Storyblok in a child process (`node --import tsx emulator/cli.ts`), so that its
// memory is its own and can be read from /proc while the benchmarks run.
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulatorControl, type EmulatorControl } from '../../emulator/controlClient.ts'

export interface EmulatorProcess {
  /** `http://localhost:<port>` */
  url: string
  apiBaseUrl: string
  spaceId: number
  token: string
  /** The node process that serves (not a wrapper): its RSS is the emulator's. */
  pid: number
  /** Its `/__emulator` controls (`reset()` also deletes the stored files). */
  control: EmulatorControl
  close(): Promise<void>
  /** For exit handlers: kills at once and removes the data folder synchronously. */
  killNow(): void
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

  return {
    url,
    apiBaseUrl,
    spaceId,
    token,
    pid,
    control: createEmulatorControl(url),
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
