// The bundle the browser tests run, built as it ships (globalSetup.ts): V8's compile hint is its
// first line, where Chromium looks for it (vite.config.ts, `compileHint`).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { skipBrowser } from './browser'
import { localBuildDir } from './globalSetup'

describe.skipIf(skipBrowser)('the built bundle', () => {
  it('starts with V8’s compile hint, before the injected stylesheet', () => {
    const [first, second] = readFileSync(join(localBuildDir, 'index.js'), 'utf8').split('\n')
    expect(first).toBe('//# allFunctionsCalledOnLoad')
    expect(second).toMatch(/^\(function\(\)\{try\{if\(typeof document/)
  })
})
