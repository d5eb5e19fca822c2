// Many uploads, a few at a time: a framework-free scheduler, modelled on Uppy's
// `RateLimitedQueue`. Tasks wait in order of priority (then of arrival); at most `parallel` run
// at once. The whole queue pauses on request, while the browser is offline (one watch for every
// upload, ./connectivity.ts) and for a rate-limit back-off; a waiting task can be cancelled
// before it sends anything, a running one is aborted through its signal.
import { createConnectivity, type Connectivity } from './connectivity'

export interface QueueTask {
  /** Runs the task; `signal` aborts when it is cancelled. A rejection is the task's own affair. */
  run(signal: AbortSignal): Promise<unknown>
}

export interface UploadQueueOptions {
  /** Tasks under way at once. @default 3 */
  parallel?: number
  /** @default the browser's (navigator.onLine and the window's events) */
  connectivity?: Connectivity
  /** Told after every change of what waits and what runs. */
  onChange?: () => void
  /** @default setTimeout */
  setTimer?: (callback: () => void, ms: number) => unknown
  /** @default clearTimeout */
  clearTimer?: (timer: unknown) => void
  /** @default Date.now */
  now?: () => number
}

export interface UploadQueue<K> {
  /** Queues a task under `key` (a key already queued or running is replaced only once it ends). */
  add(key: K, task: QueueTask, options?: { priority?: number }): void
  /** A waiting task leaves the queue unrun; a running one is aborted. Whether it was known. */
  cancel(key: K): boolean
  /** Moves a waiting task before the ones of lower priority. */
  prioritize(key: K, priority: number): void
  pause(): void
  resume(): void
  /** Storyblok asked to slow down: no task starts for `ms`. */
  backOff(ms: number): void
  isWaiting(key: K): boolean
  isRunning(key: K): boolean
  /** Cancels everything. */
  clear(): void
}

interface Waiting<K> {
  key: K
  task: QueueTask
  priority: number
  order: number
}

export function createUploadQueue<K>(options: UploadQueueOptions = {}): UploadQueue<K> {
  const {
    parallel = 3,
    connectivity = createConnectivity(),
    onChange = () => {},
    setTimer = (callback, ms) => setTimeout(callback, ms),
    clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    now = Date.now,
  } = options
  let waiting: Waiting<K>[] = []
  const running = new Map<K, AbortController>()
  let order = 0
  let paused = false
  let resumeAt = 0
  let timer: unknown = null
  let awaitingNetwork = false
  /** Held while anything waits or runs: the queue hears the browser go offline and back. */
  let release: (() => void) | null = null

  function watchNetwork() {
    const busy = waiting.length > 0 || running.size > 0
    if (busy && !release) release = connectivity.hold()
    if (!busy && release) {
      release()
      release = null
    }
  }

  /** Starts waiting tasks while there is room, unless paused, offline or backing off. */
  function pump() {
    watchNetwork()
    if (paused || !waiting.length) return
    if (!connectivity.isOnline()) {
      if (!awaitingNetwork) {
        awaitingNetwork = true
        void connectivity.whenOnline().then(() => {
          awaitingNetwork = false
          pump()
        })
      }
      return
    }
    const wait = resumeAt - now()
    if (wait > 0) {
      if (timer === null) timer = setTimer(() => ((timer = null), pump()), wait)
      return
    }
    while (running.size < parallel) {
      const next = waiting.shift()
      if (!next) break
      start(next)
    }
  }

  function start({ key, task }: Waiting<K>) {
    const controller = new AbortController()
    running.set(key, controller)
    onChange()
    void task
      .run(controller.signal)
      .catch(() => {})
      .finally(() => {
        if (running.get(key) === controller) running.delete(key)
        onChange()
        pump()
      })
  }

  function sort() {
    waiting.sort((a, b) => b.priority - a.priority || a.order - b.order)
  }

  return {
    add(key, task, { priority = 0 } = {}) {
      waiting.push({ key, task, priority, order: ++order })
      sort()
      onChange()
      pump()
    },
    cancel(key) {
      const before = waiting.length
      waiting = waiting.filter((entry) => entry.key !== key)
      const controller = running.get(key)
      controller?.abort()
      const known = before !== waiting.length || !!controller
      if (known) onChange()
      watchNetwork()
      return known
    },
    prioritize(key, priority) {
      for (const entry of waiting) if (entry.key === key) entry.priority = priority
      sort()
      onChange()
    },
    pause() {
      paused = true
    },
    resume() {
      paused = false
      pump()
    },
    backOff(ms) {
      resumeAt = Math.max(resumeAt, now() + ms)
    },
    isWaiting: (key) => waiting.some((entry) => entry.key === key),
    isRunning: (key) => running.has(key),
    clear() {
      waiting = []
      for (const controller of running.values()) controller.abort()
      if (timer !== null) clearTimer(timer)
      timer = null
      onChange()
      watchNetwork()
    },
  }
}
