// Headless Chromium for the browser tests and the benchmarks: Debian's `chromium` driven by
// playwright-core (no browser download).
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']

/** The first Chromium found (`CHROMIUM_PATH` first); undefined when there is none. */
export const chromiumPath = CANDIDATES.find((path): path is string => !!path && existsSync(path))

export function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium is not installed')
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}
