// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createRateWindow } from '../../gateway/src/limits'

describe('createRateWindow', () => {
  it('allows `limit` requests a minute and answers the wait after that', () => {
    let now = 0
    const window = createRateWindow(() => now)
    const answers = Array.from({ length: 6 }, () => window.hit('a', 5))
    expect(answers.slice(0, 5)).toEqual([null, null, null, null, null])
    expect(answers[5]).toBeGreaterThanOrEqual(1000)
    expect(answers[5]).toBeLessThanOrEqual(60_000)
    now = 120_001
    expect(window.hit('a', 5)).toBeNull()
  })

  it('keeps keys apart', () => {
    const window = createRateWindow(() => 0)
    for (let i = 0; i < 3; i++) window.hit('a', 3)
    expect(window.hit('a', 3)).not.toBeNull()
    expect(window.hit('b', 3)).toBeNull()
  })

  it('weighs the previous minute by how much of it is still in the window', () => {
    let now = 0
    const window = createRateWindow(() => now)
    for (let i = 0; i < 10; i++) window.hit('a', 10)
    now = 60_000 + 30_000 // half of the previous minute still counts: 5 of 10
    const allowed = Array.from({ length: 10 }, () => window.hit('a', 10)).filter((x) => x === null)
    expect(allowed).toHaveLength(5)
  })

  it('drops keys idle for two windows', () => {
    let now = 0
    const window = createRateWindow(() => now)
    for (let i = 0; i < 5; i++) window.hit(`key ${i}`, 3)
    now = 130_000
    window.hit('fresh', 3)
    expect(window.size).toBe(1)
  })
})
