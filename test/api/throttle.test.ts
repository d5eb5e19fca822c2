import { describe, expect, it, vi } from 'vitest'
import { isAbortError } from '../../src/api/errors'
import { createThrottle, localLocks, storageLedger } from '../../src/api/throttle'

/** Virtual time: `sleep` moves the clock forward instead of waiting. */
function virtualClock() {
  let time = 10_000
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms
    },
  }
}

/** A clock whose `sleep` never ends by itself: only an abort ends it. */
function frozenClock() {
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => 0,
    sleep: (ms: number) => {
      sleeps.push(ms)
      return new Promise<void>(() => {})
    },
  }
}

describe('createThrottle', () => {
  it('never starts more than perSecond requests in any window of 1000 ms plus the margin', async () => {
    const clock = virtualClock()
    const throttle = createThrottle({ perSecond: 3, sleep: clock.sleep, locks: localLocks() })
    const starts: number[] = []
    await Promise.all(
      Array.from({ length: 10 }, () => throttle.run(async () => starts.push(clock.now()))),
    )
    expect(starts).toHaveLength(10)
    for (let i = 0; i + 3 < starts.length; i++) {
      expect((starts[i + 3] ?? 0) - (starts[i] ?? 0)).toBeGreaterThanOrEqual(1050)
    }
  })

  it('counts the window from each answer, so a late arrival (a CORS preflight) cannot exceed the limit', async () => {
    const clock = virtualClock()
    const throttle = createThrottle({ perSecond: 1, sleep: clock.sleep, locks: localLocks() })
    const starts: number[] = []
    // The first request takes 200 ms to answer (preflight + request).
    await throttle.run(async () => {
      starts.push(clock.now())
      await clock.sleep(200)
    })
    await throttle.run(async () => starts.push(clock.now()))
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(200 + 1050)
  })

  it('waits for an answer when every place is taken by a request in flight', async () => {
    const clock = virtualClock()
    const throttle = createThrottle({ perSecond: 1, sleep: clock.sleep, locks: localLocks() })
    let answer = (): void => {}
    const first = throttle.run(() => new Promise<void>((resolve) => (answer = resolve)))
    let secondStarted = false
    const second = throttle.run(async () => {
      secondStarted = true
    })
    // Give the second caller time to queue behind the request in flight.
    for (let i = 0; i < 5; i++) await Promise.resolve()
    expect(secondStarted).toBe(false)
    answer()
    await Promise.all([first, second])
    expect(secondStarted).toBe(true)
  })

  it('starts the first perSecond requests at once', async () => {
    const clock = virtualClock()
    const throttle = createThrottle({ perSecond: 3, sleep: clock.sleep, locks: localLocks() })
    const starts: number[] = []
    let answer = (): void => {}
    const answered = new Promise<void>((resolve) => (answer = resolve))
    // All three stay in flight, so no place is handed back (and no clock moves) before the last starts.
    const runs = Array.from({ length: 3 }, () =>
      throttle.run(async () => {
        starts.push(clock.now())
        await answered
      }),
    )
    await vi.waitFor(() => expect(starts).toHaveLength(3))
    expect(starts).toEqual([10_000, 10_000, 10_000])
    answer()
    await Promise.all(runs)
  })

  it('runs requests in call order', async () => {
    const clock = virtualClock()
    const throttle = createThrottle({ perSecond: 2, sleep: clock.sleep, locks: localLocks() })
    const order: number[] = []
    await Promise.all([0, 1, 2, 3, 4].map((n) => throttle.run(async () => order.push(n))))
    expect(order).toEqual([0, 1, 2, 3, 4])
  })

  it('passes the result of fn through', async () => {
    const clock = virtualClock()
    const throttle = createThrottle({ perSecond: 1, sleep: clock.sleep, locks: localLocks() })
    await expect(throttle.run(async () => 'answer')).resolves.toBe('answer')
  })

  it('rejects with AbortError when aborted while waiting for a slot, without running fn', async () => {
    const clock = frozenClock()
    const throttle = createThrottle({ perSecond: 1, sleep: clock.sleep, locks: localLocks() })
    await throttle.run(async () => null)
    const controller = new AbortController()
    let ran = false
    const waiting = throttle.run(async () => {
      ran = true
    }, controller.signal)
    // Let the second caller reach its sleep before aborting it.
    await Promise.resolve()
    await Promise.resolve()
    controller.abort()
    const error = await waiting.catch((caught: unknown) => caught)
    expect(isAbortError(error)).toBe(true)
    expect(ran).toBe(false)
  })

  it('rejects at once a caller aborted while queued behind another waiter', async () => {
    const clock = frozenClock()
    const throttle = createThrottle({ perSecond: 1, sleep: clock.sleep, locks: localLocks() })
    await throttle.run(async () => null)
    void throttle.run(async () => null).catch(() => {})
    const controller = new AbortController()
    const queued = throttle.run(async () => null, controller.signal)
    controller.abort()
    await expect(queued).rejects.toSatisfy(isAbortError)
  })

  it('gives the slot of an aborted waiter to the next caller', async () => {
    const clock = virtualClock()
    const throttle = createThrottle({ perSecond: 1, sleep: clock.sleep, locks: localLocks() })
    const controller = new AbortController()
    controller.abort()
    const aborted = throttle.run(async () => 'aborted', controller.signal).catch(() => 'rejected')
    const next = throttle.run(async () => clock.now())
    expect(await aborted).toBe('rejected')
    expect(await next).toBe(10_000)
  })

  it('does not hold a place for a caller that gave up while it waited', async () => {
    const clock = virtualClock()
    const throttle = createThrottle({ perSecond: 1, sleep: clock.sleep, locks: localLocks() })
    let answer: (() => void) | undefined
    const first = throttle.run(() => new Promise<void>((resolve) => (answer = resolve)))
    const controller = new AbortController()
    const second = throttle.run(async () => 'ran', controller.signal).catch(() => 'rejected')
    const third = throttle.run(async () => clock.now())
    await vi.waitFor(() => expect(answer).toBeDefined())
    controller.abort()
    answer?.()
    await first
    expect(await second).toBe('rejected')
    // The third starts as soon as the first's place is free, not a second span later.
    expect(await third).toBe(10_000 + 1050)
  })

  it('does not limit at all with an infinite rate (throttling off)', async () => {
    const clock = virtualClock()
    const throttle = createThrottle({
      perSecond: Infinity,
      sleep: clock.sleep,
      locks: localLocks(),
    })
    const starts: number[] = []
    await Promise.all(
      Array.from({ length: 20 }, () => throttle.run(async () => starts.push(clock.now()))),
    )
    expect(new Set(starts)).toEqual(new Set([10_000]))
  })

  it('shares the places with every throttle of the same key on the same locks (other iframes, tabs)', async () => {
    const clock = virtualClock()
    const locks = localLocks()
    const a = createThrottle({ perSecond: 2, key: 'space 1', sleep: clock.sleep, locks })
    const b = createThrottle({ perSecond: 2, key: 'space 1', sleep: clock.sleep, locks })
    let started = 0
    let open = (): void => {}
    const gate = new Promise<void>((resolve) => (open = resolve))
    const runs = Array.from({ length: 8 }, (_, i) =>
      (i % 2 ? a : b).run(async () => {
        started++
        await gate
      }),
    )
    // Two places between both throttles: two requests start, the other six wait for an answer.
    await vi.waitFor(() => expect(started).toBe(2))
    for (let i = 0; i < 20; i++) await Promise.resolve()
    expect(started).toBe(2)
    open()
    await Promise.all(runs)
    expect(started).toBe(8)
  })

  it('keeps the places of another key apart', async () => {
    const clock = virtualClock()
    const locks = localLocks()
    let open = (): void => {}
    const gate = new Promise<void>((resolve) => (open = resolve))
    const starts: number[] = []
    const runs = ['space 1', 'space 2'].flatMap((key) => {
      const throttle = createThrottle({ perSecond: 2, key, sleep: clock.sleep, locks })
      return [1, 2].map(() =>
        throttle.run(async () => {
          starts.push(clock.now())
          await gate
        }),
      )
    })
    // Both keys' places are free: all four start before any answer.
    await vi.waitFor(() => expect(starts).toEqual([10_000, 10_000, 10_000, 10_000]))
    open()
    await Promise.all(runs)
  })

  it('keeps its own places when the browser refuses a lock (a sandboxed frame)', async () => {
    const clock = virtualClock()
    const refusing = {
      request: () => Promise.reject(new DOMException('no locks here', 'SecurityError')),
    }
    const throttle = createThrottle({ perSecond: 1, sleep: clock.sleep, locks: refusing })
    const starts: number[] = []
    await Promise.all([1, 2, 3].map(() => throttle.run(async () => starts.push(clock.now()))))
    expect(starts).toHaveLength(3)
    expect((starts[2] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(2 * 1050)
  })
})

describe('the ledger of answers (frames that went away)', () => {
  it('waits for the answers a closed frame left within the last second', async () => {
    const clock = virtualClock()
    const storage = new Map<string, string>()
    const store = {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
    }
    // The closed frame's three requests were answered just now; its locks are gone.
    const ledger = storageLedger('answers', store)
    for (const at of [clock.now() - 300, clock.now() - 200, clock.now() - 100]) ledger?.add(at)
    const throttle = createThrottle({
      perSecond: 3,
      sleep: clock.sleep,
      now: clock.now,
      locks: localLocks(),
      ledger,
    })
    const started = clock.now()
    let startedAt = 0
    await throttle.run(async () => {
      startedAt = clock.now()
    })
    // The oldest of the three leaves the 1050 ms window first.
    expect(startedAt - started).toBe(750)
  })

  it('notes every answer for the frames to come', async () => {
    const clock = virtualClock()
    const storage = new Map<string, string>()
    const store = {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
    }
    const ledger = storageLedger('answers', store)
    const throttle = createThrottle({
      perSecond: 3,
      sleep: clock.sleep,
      now: clock.now,
      locks: localLocks(),
      ledger,
    })
    let answeredAt = 0
    await throttle.run(async () => {
      answeredAt = clock.now()
    })
    expect(ledger?.read()).toEqual([answeredAt])
  })

  it('reads nothing from a ledger that is not a list of times', () => {
    const store = { getItem: () => '{"not":"a list"}', setItem: () => {} }
    expect(storageLedger('answers', store)?.read()).toEqual([])
    expect(storageLedger('answers', null)).toBeUndefined()
  })
})
