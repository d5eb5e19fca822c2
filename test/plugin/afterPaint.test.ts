import { describe, expect, it } from 'vitest'
import { createAfterPaint } from '../../src/plugin/afterPaint'

/** Frames and timers that run only when the test says so. */
function fakeClock() {
  const frames: (() => void)[] = []
  const timers: { at: number; callback: () => void }[] = []
  let now = 0
  return {
    requestAnimationFrame: (callback: () => void) => frames.push(callback),
    setTimeout: (callback: () => void, ms: number) => timers.push({ at: now + ms, callback }),
    frame: () => frames.splice(0).forEach((callback) => callback()),
    advance(ms: number) {
      now += ms
      const due = timers.filter((timer) => timer.at <= now)
      timers.splice(0, timers.length, ...timers.filter((timer) => timer.at > now))
      due.forEach((timer) => timer.callback())
    },
  }
}

describe('createAfterPaint', () => {
  it('resolves after the next animation frame, in a task of its own', async () => {
    const clock = fakeClock()
    let painted = false
    void createAfterPaint(clock)().then(() => (painted = true))
    clock.advance(0)
    await Promise.resolve()
    expect(painted).toBe(false)
    clock.frame()
    await Promise.resolve()
    expect(painted).toBe(false)
    clock.advance(0)
    // The promise's reaction runs in the next microtask.
    await Promise.resolve()
    expect(painted).toBe(true)
  })

  it('resolves after the fallback where no frame comes (a frame out of view)', async () => {
    const clock = fakeClock()
    let painted = false
    void createAfterPaint({ ...clock, fallbackMs: 1000 })().then(() => (painted = true))
    clock.advance(999)
    await Promise.resolve()
    expect(painted).toBe(false)
    clock.advance(1)
    await Promise.resolve()
    expect(painted).toBe(true)
  })
})
