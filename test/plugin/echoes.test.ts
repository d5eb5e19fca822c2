import { describe, expect, it } from 'vitest'
import { createWriteTracker } from '../../src/plugin/echoes'

function tracker() {
  let now = 0
  const writes = createWriteTracker({ now: () => now, timeoutMs: 10_000 })
  return { writes, advance: (ms: number) => (now += ms) }
}

describe('createWriteTracker', () => {
  it('takes the echo of its write as its own', () => {
    const { writes } = tracker()
    writes.written('A')
    expect(writes.received('A')).toBe(true)
  })

  it('takes a late echo of an older write as its own while newer writes are in flight', () => {
    const { writes } = tracker()
    writes.written('A')
    writes.written('AB')
    writes.written('ABC')
    // The editor answers the newest write first and the oldest last: all of them are echoes.
    expect(['ABC', 'AB', 'A'].map((key) => writes.received(key))).toEqual([true, true, true])
  })

  it('takes a value that is none of its writes for news', () => {
    const { writes } = tracker()
    writes.written('A')
    expect(writes.received('from another editor')).toBe(false)
  })

  it('knows the newest acknowledged write, which the editor repeats in later state messages', () => {
    const { writes } = tracker()
    writes.written('A')
    writes.written('AB')
    writes.received('AB')
    writes.received('A')
    // An option changed: the editor sends the value it holds again, the newest write.
    expect.soft(writes.received('AB')).toEqual(true)
    expect.soft(writes.received('A')).toEqual(false)
  })

  it('counts each write once: an undo back to an earlier value has an echo of its own', () => {
    const { writes } = tracker()
    writes.written('A')
    writes.written('AB')
    writes.written('A')
    expect(['A', 'AB', 'A'].map((key) => writes.received(key))).toEqual([true, true, true])
    // The editor holds the undo's value now.
    expect.soft(writes.received('A')).toEqual(true)
    expect.soft(writes.received('AB')).toEqual(false)
  })

  it('stops waiting for an echo that never comes', () => {
    const { writes, advance } = tracker()
    writes.written('A')
    writes.written('AB')
    writes.received('AB')
    advance(10_001)
    expect(writes.received('A')).toBe(false)
  })

  it('forgets what the editor held once a value from outside was taken', () => {
    const { writes } = tracker()
    writes.written('A')
    writes.received('A')
    writes.reset()
    expect(writes.received('A')).toBe(false)
  })

  it('still knows the late echoes of writes sent before a value from outside', () => {
    const { writes } = tracker()
    writes.written('A')
    writes.reset()
    expect(writes.received('A')).toBe(true)
  })
})
