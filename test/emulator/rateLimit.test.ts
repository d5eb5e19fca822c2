import { describe, expect, it } from 'vitest'
import { RateLimiter } from '../../emulator/rateLimit'
import { assetsUrl, authHeaders } from './helpers'
import { useEmulator } from '../support/emulator'

describe('RateLimiter', () => {
  it('allows `limit` requests per sliding window, per key', () => {
    let now = 10_000
    const limiter = new RateLimiter(1000, () => now)
    expect.soft(limiter.take('a', 2)).toEqual(true)
    expect.soft(limiter.take('a', 2)).toEqual(true)
    expect.soft(limiter.take('a', 2)).toEqual(false)
    expect(limiter.take('b', 2)).toBe(true)
    now += 999
    expect(limiter.take('a', 2)).toBe(false)
    now += 1
    expect(limiter.take('a', 2)).toBe(true)
  })

  it('does not count refused requests against the window', () => {
    let now = 0
    const limiter = new RateLimiter(1000, () => now)
    limiter.take('a', 1)
    for (let i = 0; i < 5; i++) {
      now += 100
      limiter.take('a', 1)
    }
    now = 1000
    expect(limiter.take('a', 1)).toBe(true)
  })

  it('never limits with `null`', () => {
    const limiter = new RateLimiter()
    for (let i = 0; i < 100; i++) expect(limiter.take('a', null)).toBe(true)
  })
})

describe('Management API rate limit', () => {
  const local = useEmulator({ rateLimit: 3, resetEachTest: false })

  it('answers 429 with Storyblok’s message and Retry-After above the limit, and counts it', async () => {
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        fetch(assetsUrl(local.emulator), { headers: authHeaders(local.emulator) }),
      ),
    )
    const statuses = responses.map((response) => response.status).sort()
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = responses.find((response) => response.status === 429)
    expect(limited?.headers.get('retry-after')).toBe('1')
    expect(limited?.headers.get('access-control-allow-origin')).toBe('*')
    expect(await limited?.json()).toEqual({
      error: 'Rate limit of 3 request per second reached. Retry later.',
    })
    expect((await local.control.state()).requests.list).toBe(4)

    // After the one-second window the token is served again.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect(
      (await fetch(assetsUrl(local.emulator), { headers: authHeaders(local.emulator) })).status,
    ).toBe(200)
  })
})
