// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFairQueue, QueueAbortError, type Caller } from '../../gateway/src/fairQueue'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

interface Call {
  caller: Caller
  start: number
  end: number
}

/** A queue of `perWindow` places, and calls that take `ms` each and record when they ran. */
function setup(perWindow = 3) {
  const queue = createFairQueue({ perWindow, now: Date.now, sleep })
  const calls: Call[] = []
  const run = (caller: Caller, ms = 50) =>
    queue.run(caller, async () => {
      const call = { caller, start: Date.now(), end: 0 }
      calls.push(call)
      await sleep(ms)
      call.end = Date.now()
    })
  return { queue, calls, run }
}

/** Runs the fake clock until every promise settles; bounded. */
async function drain(promises: Promise<unknown>[]) {
  const all = Promise.allSettled(promises)
  let done = false
  void all.then(() => (done = true))
  for (let step = 0; step < 10_000 && !done; step++) await vi.advanceTimersByTimeAsync(50)
  expect(done).toBe(true)
  return all
}

const editor = (ip: string, session = 's') => ({ ip, session })

beforeEach(() => {
  vi.useFakeTimers({ now: 0 })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('createFairQueue', () => {
  it('never lets more than perWindow calls overlap, counting 1050 ms after each answer', async () => {
    const { calls, run } = setup(3)
    const durations = [10, 400, 80, 1200, 30, 5, 700]
    const promises = Array.from({ length: 40 }, (_, i) =>
      run(editor(`ip${i % 4}`), durations[i % durations.length]),
    )
    await drain(promises)
    expect(calls).toHaveLength(40)
    for (const { start } of calls) {
      const holding = calls.filter((call) => call.start <= start && start < call.end + 1050)
      expect(holding.length).toBeLessThanOrEqual(3)
    }
  })

  it('serves a burst by waiting, never by refusing', async () => {
    const { run } = setup(3)
    const results = await drain(Array.from({ length: 20 }, () => run(editor('a'))))
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true)
  })

  it('serves a 1-file editor right after the places a 50-file drop already holds', async () => {
    const { calls, run } = setup(3)
    const drop = Array.from({ length: 50 }, () => run(editor('10.0.0.1', 'drop')))
    const single = run(editor('10.0.0.2', 'one'))
    await drain([...drop, single])
    const order = calls.map((call) => call.caller.session)
    expect(order.indexOf('one')).toBe(3)
  })

  it('goes round-robin by IP first, so many sessions behind one IP get one share', async () => {
    const { calls, run } = setup(1)
    const crowd = Array.from({ length: 40 }, (_, i) => run(editor('10.0.0.1', `fake${i % 20}`)))
    const honest = Array.from({ length: 5 }, () => run(editor('10.0.0.2', 'honest')))
    await drain([...crowd, ...honest])
    const firstEleven = calls.slice(0, 11).map((call) => call.caller.ip)
    expect(firstEleven.filter((ip) => ip === '10.0.0.2')).toHaveLength(5)
  })

  it('goes round-robin by session within an IP, FIFO within a session', async () => {
    const { calls, run } = setup(1)
    // a's first call starts at once; then the session served longest ago goes first.
    const promises = [
      ...[1, 2, 3].map(() => run(editor('ip', 'a'))),
      ...[1, 2, 3].map(() => run(editor('ip', 'b'))),
    ]
    await drain(promises)
    expect(calls.map((call) => call.caller.session).join('')).toBe('ababab')
  })

  it('counts what a caller has waiting or running', async () => {
    const { queue, run } = setup(1)
    const promises = Array.from({ length: 4 }, () => run(editor('ip', 'a'), 100))
    expect(queue.load(editor('ip', 'a'))).toBe(4)
    expect(queue.waiting).toBe(3)
    await drain(promises)
    expect(queue.load(editor('ip', 'a'))).toBe(0)
  })

  it('starts nothing while paused, then serves a priority call first', async () => {
    const { queue, calls, run } = setup(1)
    await drain([run(editor('ip', 'first'))])
    await vi.advanceTimersByTimeAsync(2000)
    queue.pauseUntil(Date.now() + 3000)
    const pausedAt = Date.now()
    const normal = run(editor('ip', 'normal'))
    const urgent = queue.run(
      editor('ip', 'retry'),
      async () => {
        calls.push({ caller: editor('ip', 'retry'), start: Date.now(), end: Date.now() })
      },
      { priority: true },
    )
    await drain([normal, urgent])
    expect(calls.slice(1).map((call) => call.caller.session)).toEqual(['retry', 'normal'])
    expect(calls[1]?.start).toBeGreaterThanOrEqual(pausedAt + 3000)
  })

  it('drops a waiting call whose caller went away, and never starts it', async () => {
    const { queue, calls, run } = setup(1)
    const first = run(editor('ip', 'a'), 500)
    const controller = new AbortController()
    let started = false
    const leaving = queue.run(editor('ip', 'b'), async () => void (started = true), {
      signal: controller.signal,
    })
    controller.abort()
    await expect(leaving).rejects.toBeInstanceOf(QueueAbortError)
    await drain([first])
    expect(started).toBe(false)
    expect(calls).toHaveLength(1)
    expect(queue.load(editor('ip', 'b'))).toBe(0)
  })
})
