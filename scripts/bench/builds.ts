// The two bundles the benchmark loads: the plugin (`--mode local-editor`) and the bare Vue +
// SDK counter (scripts/bare.ts), with their gzip sizes.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { buildBareFieldPlugin, projectRoot } from '../bare.ts'

// `BENCH_CACHE_DIR` keeps apart checkouts that share one node_modules (git worktrees), whose
// benches would otherwise build into, and serve from, the same folders.
export const cacheDir =
  process.env.BENCH_CACHE_DIR ?? join(projectRoot, 'node_modules/.cache/bench')

export interface Builds {
  pluginDir: string
  bareDir: string
  pluginGzip: number
  bareGzip: number
}

export async function buildBoth(): Promise<Builds> {
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
