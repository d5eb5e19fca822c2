// Starts what an end-to-end test needs: the local Storyblok on a free port (in memory), and
// the plugin's `local-editor` build (made once for the suite by globalSetup.ts) served on
// another free port, so that the editor page and the plugin are on different origins, as in
// production.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { createEmulatorControl, type EmulatorControl } from '../../emulator/controlClient'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server'
import { startNodeGateway, type NodeGateway } from '../../gateway/src/nodeServer'
import { localGatewayEnv } from '../../scripts/support/gatewayProcess'
import { launchChromium } from '../../scripts/support/chromium'
import { serveStatic } from '../../scripts/support/staticServer'
import { localBuildDir } from './globalSetup'

export interface Stack {
  emulator: Emulator
  /** The upload gateway in front of the emulator, when the stack was asked for one. */
  gateway: NodeGateway | undefined
  /** The gateway's log lines (one JSON line per write). */
  gatewayLogs: string[]
  /** The emulator's `/__emulator` controls: faults, reset, its assets and request log. */
  control: EmulatorControl
  pluginUrl: string
  editorUrl: (query?: Record<string, string>) => string
  close: () => Promise<void>
}

export interface StackOptions extends EmulatorOptions {
  /**
   * Runs the upload gateway in front of the emulator, with these settings over the defaults;
   * the editor page then gives the plugin `gatewayUrl` (`via=gateway`) instead of the token.
   */
  gateway?: Record<string, string>
}

/** The gateway on Node in front of `emulator`, allowing the plugin's origin. */
function startGateway(
  emulator: Emulator,
  pluginUrl: string,
  settings: Record<string, string>,
  logs: string[],
): Promise<NodeGateway> {
  return startNodeGateway({
    env: localGatewayEnv(emulator, new URL(pluginUrl).origin, settings),
    logSink: (line) => logs.push(line),
  })
}

export async function startStack({
  gateway: settings,
  ...options
}: StackOptions = {}): Promise<Stack> {
  if (!existsSync(join(localBuildDir, 'index.js')))
    throw new Error(
      'dist-local-editor/ is missing: the e2e project builds it once (test/e2e/globalSetup.ts); run the browser tests with `npx vitest --project e2e`',
    )
  const plugin = await serveStatic(localBuildDir)
  let gateway: NodeGateway | undefined
  const gatewayLogs: string[] = []
  const emulator = await startEmulator({
    port: 0,
    dataDir: null,
    pluginUrl: plugin.url,
    gatewayUrl: () => gateway?.url,
    ...options,
  })
  if (settings) gateway = await startGateway(emulator, plugin.url, settings, gatewayLogs)
  return {
    emulator,
    gateway,
    gatewayLogs,
    control: createEmulatorControl(emulator.url),
    pluginUrl: plugin.url,
    editorUrl: (query = {}) => {
      const params = new URLSearchParams({ plugin: plugin.url, ...query })
      return `${emulator.url}/?${params.toString()}`
    },
    close: async () => {
      await gateway?.close()
      await emulator.close()
      await plugin.close()
    },
  }
}

export interface BrowserStack {
  /** The stack, from the first test of the describe block on. */
  readonly stack: Stack
  readonly browser: Browser
  /**
   * A new page for the next test, on an emptied local Storyblok; the last test's page is closed.
   */
  freshPage(): Promise<Page>
  /** The page `freshPage` made last. */
  readonly page: Page
}

/** A stack and Chromium for the calling describe block: started before its tests, stopped after. */
export function useBrowserStack(options: StackOptions = {}): BrowserStack {
  let stack: Stack | undefined
  let browser: Browser | undefined
  let page: Page | undefined
  beforeAll(async () => {
    stack = await startStack(options)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })
  async function freshPage(): Promise<Page> {
    await page?.context().close()
    await running(stack).control.reset()
    running(stack).gatewayLogs.length = 0
    page = await running(browser).newPage({ viewport: { width: 1100, height: 900 } })
    return page
  }
  const running = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the stack runs only inside the tests')
    return value
  }
  return {
    get stack() {
      return running(stack)
    },
    get browser() {
      return running(browser)
    },
    freshPage,
    get page() {
      return running(page)
    },
  }
}
