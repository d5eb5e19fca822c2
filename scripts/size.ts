// `npm run size`: builds the plugin and, the same way, a bare field plugin (Vue + the SDK, the
// official template's counter), prints both gzip sizes and each dependency's share, and fails
// when the plugin is over budget.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { buildBareFieldPlugin, projectRoot as root } from './bare.ts'

const BUDGET_BYTES = 50 * 1000
const AIM_BYTES = 45 * 1000

const bareRoot = join(root, 'node_modules/.cache/bare-field-plugin')

const gzip = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`

async function buildPlugin(): Promise<{ bytes: number; modules: Map<string, number> }> {
  const output = await build({ root, logLevel: 'warn', build: { write: true } })
  const bundles = Array.isArray(output) ? output : [output]
  const modules = new Map<string, number>()
  for (const bundle of bundles) {
    if (!('output' in bundle)) continue
    for (const chunk of bundle.output) {
      if (chunk.type !== 'chunk') continue
      for (const [id, info] of Object.entries(chunk.modules)) {
        const name = packageOf(id)
        modules.set(name, (modules.get(name) ?? 0) + gzip(info.code ?? ''))
      }
    }
  }
  const bytes = gzip(await readFile(join(root, 'dist/index.js')))
  return { bytes, modules }
}

function packageOf(id: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id.replaceAll('\\', '/'))
  if (match?.[1]) return match[1]
  if (id.includes('/src/')) return 'src/ (this plugin, incl. CSS)'
  return 'other'
}

async function buildBare(): Promise<number> {
  const bare = await buildBareFieldPlugin({ dir: bareRoot })
  return gzip(await readFile(bare.entry))
}

const plugin = await buildPlugin()
const bare = await buildBare()

console.log('\nBundle size (gzip -9)')
console.log(
  `  dist/index.js            ${kb(plugin.bytes)}   (budget ${kb(BUDGET_BYTES)}, aim ${kb(AIM_BYTES)})`,
)
console.log(`  bare Vue + SDK build     ${kb(bare)}`)
console.log(`  this plugin adds         ${kb(plugin.bytes - bare)}`)
console.log('\nBy package (each module gzipped alone, so the parts sum to more than the whole):')
for (const [name, bytes] of [...plugin.modules].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${name.padEnd(36)} ${kb(bytes)}`)
}
if (plugin.bytes > BUDGET_BYTES) {
  console.error(
    `\nFAIL: dist/index.js is ${kb(plugin.bytes)} gzip, over the ${kb(BUDGET_BYTES)} budget.`,
  )
  process.exit(1)
}
console.log(`\nOK: within the ${kb(BUDGET_BYTES)} budget.`)
