// Whether the browser tests can run: outside CI a missing Chromium skips them with a loud
// notice; in CI (`CI=true`) it is an error. The launcher is scripts/support/chromium.ts.
import { chromiumPath } from '../../scripts/support/chromium.ts'

export { launchChromium } from '../../scripts/support/chromium.ts'

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
