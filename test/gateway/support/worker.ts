// The gateway inside the Workers runtime itself: gateway/worker.ts bundled with esbuild, run
// by workerd through Miniflare with its Durable Object binding, against the local Storyblok.
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'

const ENTRY = fileURLToPath(new URL('../../../gateway/worker.ts', import.meta.url))

/** The worker as one ES module, as wrangler would bundle it. */
export async function bundleWorker(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    external: ['cloudflare:workers'],
    write: false,
    logLevel: 'silent',
  })
  const [file] = result.outputFiles
  if (!file) throw new Error('esbuild wrote no worker')
  return file.text
}

export interface WorkerGateway {
  miniflare: Miniflare
  /** The worker's own address on 127.0.0.1 (Miniflare's port 0). */
  url: string
  /** Log lines the worker wrote. */
  logs: string[]
  close(): Promise<void>
}

/** Starts the bundled worker with `bindings` as its env (vars and secrets alike). */
export async function startWorkerGateway(
  script: string,
  bindings: Record<string, string>,
): Promise<WorkerGateway> {
  const logs: string[] = []
  const miniflare = new Miniflare({
    modules: [{ type: 'ESModule', path: 'worker.js', contents: script }],
    compatibilityDate: '2026-04-20',
    bindings,
    durableObjects: { SPACE_COORDINATOR: { className: 'SpaceCoordinator', useSQLite: true } },
    host: '127.0.0.1',
    port: 0,
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      for (const stream of [stdout, stderr])
        stream.on('data', (chunk: Buffer) =>
          logs.push(...chunk.toString('utf8').split('\n').filter(Boolean)),
        )
    },
  })
  const url = (await miniflare.ready).origin
  return { miniflare, url, logs, close: () => miniflare.dispose() }
}
