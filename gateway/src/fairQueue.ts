// The space's share of Storyblok's rate limit, handed out fairly. Storyblok counts the token's
// requests per second (3 on the default plan), whoever sends them; every editor uploading
// through the gateway shares that. So every upstream call waits here for a place:
//
// - at most `perWindow` calls whose [start, answer + 1050 ms] intervals overlap: the same
//   sliding window as the plugin's own throttle (src/api/throttle.ts explains the 1050 ms: the
//   server counts arrivals per second, and the answer is the earliest moment we know the
//   request arrived);
// - a burst waits instead of being refused;
// - waiting calls are served round-robin by IP first (the IP served longest ago goes next),
//   then by session within an IP, FIFO within one caller: one editor's 50-file drop never
//   starves another's single file, and an attacker with many made-up sessions behind one IP
//   gets one IP's share.
//
// Framework-free, with the clock and `sleep` injected: Node keeps one per process, a Worker's
// Durable Object one per space, and tests drive it with fake timers.

export interface Caller {
  ip: string
  session: string
}

export interface FairQueueOptions {
  /** Calls allowed within one window (Storyblok's requests per second). */
  perWindow: number
  /** How long a place stays taken after the answer. @default 1050 */
  spanMs?: number
  now: () => number
  sleep: (ms: number) => Promise<void>
}

export interface RunOptions {
  /** Aborting while the call still waits removes it; once started it runs to its end. */
  signal?: AbortSignal
  /** Served before every other waiting call: a retry after an upstream 429 keeps its turn. */
  priority?: boolean
}

export interface FairQueue {
  run<T>(caller: Caller, task: () => Promise<T>, options?: RunOptions): Promise<T>
  /** The caller's calls that wait or run. */
  load(caller: Caller): number
  /** The calls of every caller at `ip` that wait or run. */
  ipLoad(ip: string): number
  /** Starts nothing before `until` (ms since the epoch): an upstream 429 asked for a pause. */
  pauseUntil(until: number): void
  /** Calls waiting for a place. */
  readonly waiting: number
}

interface Job {
  caller: Caller
  start(): void
}

export class QueueAbortError extends Error {
  override readonly name = 'QueueAbortError'
  constructor() {
    super('The caller went away while waiting')
  }
}

const keyOf = ({ ip, session }: Caller) => `${ip}\n${session}`

export function createFairQueue({
  perWindow,
  spanMs = 1050,
  now,
  sleep,
}: FairQueueOptions): FairQueue {
  let busy = 0
  let pausedUntil = 0
  let waking = false
  let waiting = 0
  const priority: Job[] = []
  /** IP → session → jobs waiting. */
  const lanes = new Map<string, Map<string, Job[]>>()
  const loads = new Map<string, number>()
  /**
   * When each IP and each caller was last served (a running count), kept while they have calls
   * waiting or running: the next place goes to the IP served longest ago (one never served
   * first), and within it to the session served longest ago. A caller whose first calls
   * started at once is thus behind one who has not been served yet.
   */
  const lastServed = new Map<string, number>()
  let turn = 0

  /** The key of `candidates` served longest ago (first inserted among equals). */
  function leastRecent<T>(candidates: Map<string, T>, servedKey: (key: string) => string): string {
    let best = ''
    let bestTurn = Infinity
    for (const key of candidates.keys()) {
      const served = lastServed.get(servedKey(key)) ?? -1
      if (served < bestTurn) [best, bestTurn] = [key, served]
    }
    return best
  }

  function take(): Job | undefined {
    if (priority.length) return priority.shift()
    const ip = leastRecent(lanes, (key) => `ip ${key}`)
    const sessions = lanes.get(ip)
    if (!sessions) return undefined
    const session = leastRecent(sessions, (key) => `caller ${keyOf({ ip, session: key })}`)
    const jobs = sessions.get(session) ?? []
    const job = jobs.shift()
    if (!jobs.length) sessions.delete(session)
    if (!sessions.size) lanes.delete(ip)
    turn++
    lastServed.set(`ip ${ip}`, turn)
    lastServed.set(`caller ${keyOf({ ip, session })}`, turn)
    return job
  }

  function pump(): void {
    while (busy < perWindow && waiting > 0) {
      const wait = pausedUntil - now()
      if (wait > 0) {
        if (!waking) {
          waking = true
          void sleep(wait).then(() => {
            waking = false
            pump()
          })
        }
        return
      }
      const job = take()
      if (!job) return
      waiting--
      busy++
      job.start()
    }
  }

  function release(): void {
    void sleep(spanMs).then(() => {
      busy--
      pump()
    })
  }

  function remove(job: Job): boolean {
    const inPriority = priority.indexOf(job)
    if (inPriority >= 0) {
      priority.splice(inPriority, 1)
      return true
    }
    const sessions = lanes.get(job.caller.ip)
    const jobs = sessions?.get(job.caller.session)
    const index = jobs?.indexOf(job) ?? -1
    if (!sessions || !jobs || index < 0) return false
    jobs.splice(index, 1)
    if (!jobs.length) sessions.delete(job.caller.session)
    if (!sessions.size) lanes.delete(job.caller.ip)
    return true
  }

  function enqueue(job: Job, first: boolean): void {
    waiting++
    if (first) return void priority.push(job)
    const sessions = lanes.get(job.caller.ip) ?? new Map<string, Job[]>()
    if (!lanes.has(job.caller.ip)) lanes.set(job.caller.ip, sessions)
    const jobs = sessions.get(job.caller.session) ?? []
    if (!sessions.has(job.caller.session)) sessions.set(job.caller.session, jobs)
    jobs.push(job)
  }

  function changeLoad(caller: Caller, by: number): void {
    const add = (key: string) => {
      const next = (loads.get(key) ?? 0) + by
      if (next > 0) loads.set(key, next)
      else {
        loads.delete(key)
        lastServed.delete(key)
      }
    }
    add(`caller ${keyOf(caller)}`)
    add(`ip ${caller.ip}`)
  }

  return {
    run(caller, task, { signal, priority: first = false } = {}) {
      if (signal?.aborted) return Promise.reject(new QueueAbortError())
      changeLoad(caller, 1)
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          if (!remove(job)) return
          waiting--
          changeLoad(caller, -1)
          reject(new QueueAbortError())
        }
        const job: Job = {
          caller,
          start() {
            signal?.removeEventListener('abort', onAbort)
            Promise.resolve()
              .then(task)
              .then(resolve, reject)
              .finally(() => {
                changeLoad(caller, -1)
                release()
              })
          },
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        enqueue(job, first)
        pump()
      })
    },
    load: (caller) => loads.get(`caller ${keyOf(caller)}`) ?? 0,
    ipLoad: (ip) => loads.get(`ip ${ip}`) ?? 0,
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until)
    },
    get waiting() {
      return waiting
    },
  }
}
