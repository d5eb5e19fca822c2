// The browser suite's one build (vitest's globalSetup for the e2e project, vite.config.ts): the
// plugin with `--mode local-editor` (the production build plus the local Storyblok's origin)
// into dist-local-editor/, once for every test file; each file's harness only serves it.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { chromiumPath } from '../../scripts/support/chromium.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
export const localBuildDir = join(root, 'dist-local-editor')

export default async function buildLocalPlugin(): Promise<void> {
  // Without Chromium the browser tests are skipped, or fail in CI (test/e2e/browser.ts).
  if (!chromiumPath) return
  // Vitest sets NODE_ENV to "test", and Vite builds for whatever NODE_ENV says: without this the
  // browser tests would run Vue's development build, not the production build that ships.
  const nodeEnv = process.env['NODE_ENV']
  process.env['NODE_ENV'] = 'production'
  try {
    await build({ root, mode: 'local-editor', logLevel: 'warn' })
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV']
    else process.env['NODE_ENV'] = nodeEnv
  }
}
