import { describe, expect, it } from 'vitest'
import { isAbortError } from '../../src/api/errors'
import { createThrottle } from '../../src/api/throttle'

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
    const throttle = createThrottle(3, clock.now, clock.sleep)
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
    const throttle = createThrottle(1, clock.now, clock.sleep)
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
    const throttle = createThrottle(1, clock.now, clock.sleep)
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
    const throttle = createThrottle(3, clock.now, clock.sleep)
    const starts: number[] = []
    await Promise.all(
      Array.from({ length: 3 }, () => throttle.run(async () => starts.push(clock.now()))),
    )
    expect(starts).toEqual([10_000, 10_000, 10_000])
  })

  it('runs requests in call order', async () => {
    const clock = virtualClock()
    const throttle = createThrottle(2, clock.now, clock.sleep)
    const order: number[] = []
    await Promise.all([0, 1, 2, 3, 4].map((n) => throttle.run(async () => order.push(n))))
    expect(order).toEqual([0, 1, 2, 3, 4])
  })

  it('passes the result of fn through', async () => {
    const clock = virtualClock()
    const throttle = createThrottle(1, clock.now, clock.sleep)
    await expect(throttle.run(async () => 'answer')).resolves.toBe('answer')
  })

  it('rejects with AbortError when aborted while waiting for a slot, without running fn', async () => {
    const clock = frozenClock()
    const throttle = createThrottle(1, clock.now, clock.sleep)
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
    const throttle = createThrottle(1, clock.now, clock.sleep)
    await throttle.run(async () => null)
    void throttle.run(async () => null).catch(() => {})
    const controller = new AbortController()
    const queued = throttle.run(async () => null, controller.signal)
    controller.abort()
    await expect(queued).rejects.toSatisfy(isAbortError)
  })

  it('gives the slot of an aborted waiter to the next caller', async () => {
    const clock = virtualClock()
    const throttle = createThrottle(1, clock.now, clock.sleep)
    const controller = new AbortController()
    controller.abort()
    const aborted = throttle.run(async () => 'aborted', controller.signal).catch(() => 'rejected')
    const next = throttle.run(async () => clock.now())
    expect(await aborted).toBe('rejected')
    expect(await next).toBe(10_000)
  })

  it('does not limit at all with an infinite rate (throttling off)', async () => {
    const clock = virtualClock()
    const throttle = createThrottle(Infinity, clock.now, clock.sleep)
    const starts: number[] = []
    await Promise.all(
      Array.from({ length: 20 }, () => throttle.run(async () => starts.push(clock.now()))),
    )
    expect(new Set(starts)).toEqual(new Set([10_000]))
  })
})
