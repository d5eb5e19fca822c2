import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { useTimePassed } from '../../src/composables/useTimePassed'

/** A timer the test fires by hand. */
function handTimer() {
  const timers = new Map<number, () => void>()
  let next = 0
  return {
    setTimeout: (callback: () => void) => {
      timers.set(++next, callback)
      return next
    },
    clearTimeout: (handle: unknown) => void timers.delete(Number(handle)),
    fire: () => [...timers.values()].forEach((callback) => callback()),
    pending: () => timers.size,
  }
}

describe('useTimePassed', () => {
  it('is false until the time has passed', () => {
    const timer = handTimer()
    const passed = useTimePassed(3000, timer)
    expect(passed.value).toBe(false)
  })

  it('turns true when the time has passed', () => {
    const timer = handTimer()
    const passed = useTimePassed(3000, timer)
    timer.fire()
    expect(passed.value).toBe(true)
  })

  it('stops its timer when the calling scope ends', () => {
    const timer = handTimer()
    const scope = effectScope()
    scope.run(() => useTimePassed(3000, timer))
    scope.stop()
    expect(timer.pending()).toBe(0)
  })
})
