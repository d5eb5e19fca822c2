// `npm run gateway` in a child process (`node --import tsx gateway/node.ts`), as a team that
// self-hosts runs it; resolves once it prints the address it listens on.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'
import { isRecord } from '../../src/domain/record.ts'

export interface GatewayProcess {
  url: string
  close(): Promise<void>
}

/** What an upload gateway in front of the local Storyblok needs to know of it. */
export interface LocalStoryblok {
  token: string
  spaceId: number
  apiBaseUrl: string
  deliveryBaseUrl: string
}

/**
 * The environment of an upload gateway in front of the local Storyblok (`npm run dev`, the
 * tests, the benchmarks, the screenshots): its token, space and API bases (the editor page
 * hands the plugin the local preview token, which the gateway checks at the Delivery API base),
 * the origins the plugin is served from, a ticket secret of this run and any port; `extra`
 * goes over it.
 */
export function localGatewayEnv(
  storyblok: LocalStoryblok,
  origins: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PORT: '0',
    STORYBLOK_TOKEN: storyblok.token,
    STORYBLOK_SPACE_ID: String(storyblok.spaceId),
    STORYBLOK_API_BASE: storyblok.apiBaseUrl,
    STORYBLOK_DELIVERY_BASE: storyblok.deliveryBaseUrl,
    GATEWAY_ALLOWED_ORIGINS: origins,
    GATEWAY_TICKET_SECRET: randomBytes(32).toString('base64'),
    ...extra,
  }
}

export interface SpawnGatewayOptions {
  /** @default 30000 */
  timeoutMs?: number
  /** Takes each log line the gateway writes (one JSON record); without it they are dropped. */
  onLog?: (line: string) => void
}

export async function spawnGateway(
  projectRoot: string,
  env: Record<string, string>,
  { timeoutMs = 30_000, onLog }: SpawnGatewayOptions = {},
): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/node.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', onLog ? 'pipe' : 'ignore', 'pipe'],
  })
  if (onLog && child.stdout) createInterface({ input: child.stdout }).on('line', onLog)
  const url = await new Promise<string>((resolve, reject) => {
    let text = ''
    const timer = setTimeout(
      () => reject(new Error(`the gateway did not start:\n${text}`)),
      timeoutMs,
    )
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8')
      const address = /listening on (http:\S+)/.exec(text)?.[1]
      if (address) {
        clearTimeout(timer)
        resolve(address)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the gateway exited with ${code}:\n${text}`))
    })
  })
  return {
    url,
    close: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}

/**
 * For `npm run dev`: prints the gateway's lines that a developer must see (a refused or failed
 * write, a problem of the gateway itself) as `[gateway] …` on stderr; the writes that went
 * through stay quiet. A line that is not a record of the log is printed as it is.
 */
export function printGatewayTrouble(
  line: string,
  print: (text: string) => void = (text) => process.stderr.write(`${text}\n`),
): void {
  let record: unknown = null
  try {
    record = JSON.parse(line)
  } catch {
    // Not a record of the log: printed as it is.
  }
  if (!isRecord(record) || record['outcome'] !== 'ok') print(`[gateway] ${line}`)
}
