// What the stores need of the world, given once at the app (`app.provide`, main.ts) and injected
// by the stores: the API client factory, the clock, waits, storage and the network's state.
// Tests provide their own (test/support/pinia.ts), so no store test waits on real time or
// talks to a real host, and no store carries a test hook in its state.
import { hasInjectionContext, inject, type InjectionKey } from 'vue'
import { defaultSleep, type Sleep } from '../api/abort'
import { createManagementClient, type ManagementClientOptions } from '../api/client'
import { openedOnFirstUse } from '../api/lazyStorage'
import { createConnectivity, type Connectivity } from '../api/upload/connectivity'
import { readImageSize } from '../api/upload/imageSize'
import type { UploadEnvironment } from '../api/upload/job'
import { SWEEP_DELAYS_MS } from '../api/upload/sweep'
import type { UploadJournal } from '../domain/uploadJournal'
import type { PixelSize } from '../domain/imageSize'
import type { XhrLike } from '../api/s3'
import type { ManagementClient } from '../api/types'
import { createAfterPaint, type AfterPaint } from '../plugin/afterPaint'
import { tabStorage, type StorageLike } from '../plugin/tabStorage'

export interface StoreEnvironment {
  createClient: (options: ManagementClientOptions) => ManagementClient
  now: () => number
  sleep: Sleep
  random: () => number
  /** Where state that outlives the iframe is kept (sessionStorage). */
  storage: StorageLike | null
  /** Whether the browser is online: one watch for every upload. */
  connectivity: Connectivity
  /** @default () => new XMLHttpRequest() */
  createXhr?: () => XhrLike
  /** An image file's pixel size (`type`: the type Storyblok will give it); `null` for none. */
  imageSize: (file: Blob, type: string) => Promise<PixelSize | null>
  /** A random id of this plugin instance, for the upload gateway (`[A-Za-z0-9_-]{8,64}`). */
  instanceId: string
  /**
   * Resolves once the frame showing the current state is painted: what the first render does
   * not need (reads of the library) starts after it (plugin/afterPaint.ts).
   */
  afterPaint: AfterPaint
}

export const STORE_ENVIRONMENT: InjectionKey<StoreEnvironment> = Symbol('store environment')

/** A random id of 22 URL-safe characters. */
function randomId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes)).replace(
    /[+/=]/g,
    (char) => ({ '+': '-', '/': '_', '=': '' })[char] ?? '',
  )
}

/** The browser's own: the real client, clock, timers, sessionStorage and network events. */
export function browserEnvironment(overrides: Partial<StoreEnvironment> = {}): StoreEnvironment {
  return {
    createClient: createManagementClient,
    now: Date.now,
    sleep: defaultSleep,
    random: Math.random,
    // Opened when an earlier iframe's state is first looked for, not before the editor is asked.
    storage: openedOnFirstUse(tabStorage),
    connectivity: createConnectivity(),
    imageSize: (file, type) => readImageSize(file, { type }),
    instanceId: randomId(),
    afterPaint: createAfterPaint(),
    ...overrides,
  }
}

/** What an upload needs of the environment, and where it notes what it may leave behind. */
export function uploadEnvironmentOf(
  env: StoreEnvironment,
  journal?: UploadJournal,
): UploadEnvironment {
  return {
    connectivity: env.connectivity,
    createXhr: env.createXhr,
    now: env.now,
    sleep: env.sleep,
    random: env.random,
    maxAttempts: 4,
    sweepDelaysMs: SWEEP_DELAYS_MS,
    journal,
  }
}

let fallback: StoreEnvironment | undefined

/** The environment the app provides; the browser's where none is (a store used outside an app). */
export function useStoreEnvironment(): StoreEnvironment {
  const provided = hasInjectionContext() ? inject(STORE_ENVIRONMENT, null) : null
  return provided ?? (fallback ??= browserEnvironment())
}
