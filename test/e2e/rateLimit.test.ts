import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium, skipBrowser } from './browser'
import { startStack, type Stack } from './harness'
import { makePng } from '../fixtures/png'
import { openEditor } from './steps'

interface LogEntry {
  route: string
  method: string
  status: number | null
  at: number
}

function isLogEntry(value: unknown): value is LogEntry {
  return typeof value === 'object' && value !== null && 'route' in value && 'method' in value
}

const MANAGEMENT_API = ['sign', 'finish', 'get', 'update', 'delete', 'list']

async function managementApiLog(stack: Stack): Promise<LogEntry[]> {
  const response = await fetch(`${stack.emulator.url}/__emulator/state`)
  const body: unknown = await response.json()
  const log = typeof body === 'object' && body !== null && 'requestLog' in body && body.requestLog
  if (!Array.isArray(log)) throw new Error('unexpected /__emulator/state body')
  // The Management API's routes (not the S3 target, the CDN or the editor page), no preflights.
  return log
    .filter(isLogEntry)
    .filter((entry) => MANAGEMENT_API.includes(entry.route) && entry.method !== 'OPTIONS')
}

/** The most entries whose arrivals fall within any 1000 ms. */
function mostInOneSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= 1000) start++
    most = Math.max(most, end - start + 1)
  }
  return most
}

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('the rate limit, shared by every instance of the plugin', () => {
  let stack: Stack
  let browser: Browser

  beforeAll(async () => {
    // The local Storyblok answers 429 above 3 requests per second, as the Starter plan does.
    stack = await startStack({ rateLimit: 3 })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })

  it('keeps three editor tabs uploading at once within one limit, without a 429', async () => {
    // One browser profile: the tabs share the plugin origin's Web Locks, as the iframes of several
    // fields on one story page do.
    const context = await browser.newContext()
    try {
      const plugins = await Promise.all(
        [1, 2, 3].map(async () => openEditor(await context.newPage(), stack)),
      )
      await Promise.all(
        plugins.map((plugin, index) =>
          plugin.getByLabel('Upload file').setInputFiles({
            name: `tab-${index}.png`,
            mimeType: 'image/png',
            buffer: makePng(32, 32),
          }),
        ),
      )
      const since = Date.now()
      await Promise.all(
        plugins.map((plugin) =>
          plugin.getByRole('button', { name: 'Upload', exact: true }).click(),
        ),
      )
      // Each tab shows its form once its upload is finished and read.
      await Promise.all(
        plugins.map((plugin) =>
          plugin.getByRole('textbox', { name: 'Alt text' }).waitFor({ timeout: 20_000 }),
        ),
      )
      const log = (await managementApiLog(stack)).filter((entry) => entry.at >= since)
      // sign, finish_upload and the read, for each of the three uploads.
      expect(log.length).toBeGreaterThanOrEqual(9)
      expect(log.filter((entry) => entry.status === 429)).toEqual([])
      expect(mostInOneSecond(log.map((entry) => entry.at))).toBeLessThanOrEqual(3)
    } finally {
      await context.close()
    }
  })
})
