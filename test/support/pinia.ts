// A Pinia of stores with an environment of the test's choosing (src/stores/environment.ts): the
// real client against the local Storyblok, and no real waiting unless the test asks for it.
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createApp } from 'vue'
import { createManagementClient } from '../../src/api/client'
import { localLocks } from '../../src/api/throttle'
import { createConnectivity } from '../../src/api/upload/connectivity'
import {
  STORE_ENVIRONMENT,
  browserEnvironment,
  type StoreEnvironment,
} from '../../src/stores/environment'
import { memoryStorage } from './storage'

/** An environment that never waits (sleep resolves at once) and keeps storage in memory. */
export function testEnvironment(overrides: Partial<StoreEnvironment> = {}): StoreEnvironment {
  return browserEnvironment({
    // Neither the page's Web Locks nor a ledger in localStorage: the tests of a file share
    // both, and one test's calls would make the next one wait (test/api/throttle.test.ts checks
    // them on their own).
    createClient: (options) =>
      createManagementClient({ ledger: null, locks: localLocks(), ...options }),
    sleep: (_ms, signal) =>
      signal?.aborted
        ? Promise.reject(new DOMException('aborted', 'AbortError'))
        : Promise.resolve(),
    storage: memoryStorage(),
    connectivity: createConnectivity({ isOnline: () => true, subscribe: () => () => {} }),
    instanceId: 'test-instance-id',
    // No frames to wait for: background reads start at once.
    afterPaint: () => Promise.resolve(),
    ...overrides,
  })
}

/** A fresh, active Pinia whose stores inject `env`, as the app's do (main.ts). */
export function createTestPinia(env: StoreEnvironment = testEnvironment()): Pinia {
  const app = createApp({})
  const pinia = createPinia()
  app.provide(STORE_ENVIRONMENT, env)
  app.use(pinia)
  setActivePinia(pinia)
  return pinia
}
