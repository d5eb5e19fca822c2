// Headless Chromium for the end-to-end tests: Debian's `chromium` driven by playwright-core
// (no browser download). Outside CI a missing Chromium skips the browser tests with a loud
// notice; in CI (`CI=true`) it is an error.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']

export const chromiumPath = CANDIDATES.find((path): path is string => !!path && existsSync(path))

export const inCI = !!process.env.CI && process.env.CI !== 'false'

if (!chromiumPath) {
  const message =
    'Chromium was not found (/usr/bin/chromium). Install it with `apt-get install -y chromium` ' +
    'or set CHROMIUM_PATH.'
  if (inCI) throw new Error(`${message} The browser tests cannot be skipped in CI.`)
  process.stderr.write(`\n\n!!! BROWSER TESTS SKIPPED: ${message}\n\n`)
}

/** True when the browser tests cannot run here (only outside CI). */
export const skipBrowser = !chromiumPath

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
