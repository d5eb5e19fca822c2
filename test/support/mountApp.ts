// The whole plugin mounted against the in-memory Visual Editor (./container.ts), talking to a
// local Storyblok on a real port: never to Storyblok's hosts.
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import App from '../../src/App.vue'
import { STORE_ENVIRONMENT } from '../../src/stores/environment'
import { testEnvironment } from './pinia'
import { setLocale } from '../../src/i18n/locale'
import { createEmulatorControl, type EmulatorControl } from '../../emulator/controlClient'
import type { Emulator } from '../../emulator/server'
import { installContainer, type ContainerOptions, type FakeContainer } from './container'
import { startTestEmulator } from './emulator'

export interface MountedApp {
  container: FakeContainer
  wrapper: VueWrapper
}

export interface AppHarness {
  readonly emulator: Emulator
  readonly control: EmulatorControl
  /**
   * Mounts the plugin in the container, with the emulator's token and API base unless the
   * options say otherwise, and waits for the editor's `loaded`.
   */
  start: (options?: ContainerOptions) => Promise<MountedApp>
}

/** For a test file: one emulator, and every mounted plugin unmounted after its test. */
export function useAppHarness(): AppHarness {
  let emulator: Emulator | undefined
  let mounted: MountedApp | undefined
  beforeAll(async () => {
    emulator = await startTestEmulator()
  })
  afterAll(async () => {
    await emulator?.close()
  })
  afterEach(async () => {
    setLocale('en')
    mounted?.wrapper.unmount()
    mounted?.container.restore()
    mounted = undefined
    // A read the plugin sent just before it went is still answered: waited for, so that it is
    // not counted in the next test.
    const control = createEmulatorControl(running().url)
    await vi.waitFor(async () => {
      const inFlight = (await control.requestLog()).filter(
        (entry) => entry.status === null && entry.route !== 'control',
      )
      expect(inFlight).toEqual([])
    })
  })
  const running = (): Emulator => {
    if (!emulator) throw new Error('the emulator runs only inside the tests')
    return emulator
  }

  async function start(options: ContainerOptions = {}): Promise<MountedApp> {
    const container = installContainer({
      ...options,
      options: {
        managementToken: running().token,
        apiBaseUrl: running().apiBaseUrl,
        ...options.options,
      },
    })
    // The app's environment (main.ts), but no real waits between retries.
    const env = testEnvironment({ storage: globalThis.sessionStorage })
    const wrapper = mount(App, {
      global: { plugins: [createPinia()], provide: { [STORE_ENVIRONMENT]: env } },
      attachTo: document.body,
    })
    mounted = { container, wrapper }
    // The container answers `loaded` on a timer, as postMessage does.
    await vi.waitFor(() => expect(wrapper.find('.uploader, form, .multi').exists()).toBe(true))
    await flushPromises()
    return mounted
  }

  return {
    get emulator() {
      return running()
    },
    get control() {
      return createEmulatorControl(running().url)
    },
    start,
  }
}
