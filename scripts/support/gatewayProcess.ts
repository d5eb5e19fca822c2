// `npm run gateway` in a child process (`node --import tsx gateway/node.ts`), as a team that
// self-hosts runs it; resolves once it prints the address it listens on.
import { spawn } from 'node:child_process'

export interface GatewayProcess {
  url: string
  close(): Promise<void>
}

export async function spawnGateway(
  projectRoot: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/node.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    // Its log lines (stdout) are not needed here: drained and dropped.
    stdio: ['ignore', 'ignore', 'pipe'],
  })
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
