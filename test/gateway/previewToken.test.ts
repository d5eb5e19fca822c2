// @vitest-environment node
// The check of the editor's preview token (gateway/src/previewToken.ts), against a scripted
// Delivery API and a fake clock.
import { describe, expect, it } from 'vitest'
import { createPreviewTokenCheck } from '../../gateway/src/previewToken'

const SPACE = 288868932106293
const BASE = 'https://api.storyblok.com/v2/cdn'

/** A Delivery API that answers `answer(token)`, counting the questions. */
function delivery(answer: (token: string) => Response | Promise<Response>) {
  const urls: string[] = []
  const fetch = async (input: RequestInfo | URL) => {
    const url = new URL(String(input))
    urls.push(url.pathname)
    return answer(url.searchParams.get('token') ?? '')
  }
  return { fetch: fetch as typeof globalThis.fetch, urls }
}

const space = (id: number) => Response.json({ space: { id, name: 'S', domain: '', version: 1 } })
const unauthorized = () => Response.json({ error: 'Unauthorized' }, { status: 401 })

function checkWith(answer: (token: string) => Response | Promise<Response>, maxEntries = 1000) {
  const clock = { now: 1_000_000 }
  const api = delivery(answer)
  const check = createPreviewTokenCheck({
    settings: { deliveryBase: BASE, spaceId: SPACE },
    fetch: api.fetch,
    now: () => clock.now,
    maxEntries,
  })
  return { check, clock, urls: api.urls }
}

const byToken = (token: string) =>
  token === 'this-space' ? space(SPACE) : token === 'other' ? space(1) : unauthorized()

describe('the preview token check', () => {
  it('lets a token of this space through, asking spaces/me', async () => {
    const { check, urls } = checkWith(byToken)
    expect(await check('this-space')).toBeNull()
    expect(urls).toEqual(['/v2/cdn/spaces/me'])
  })

  it('refuses a missing token without asking Storyblok', async () => {
    const { check, urls } = checkWith(byToken)
    for (const token of [null, '', '  ']) {
      const refusal = await check(token)
      expect(refusal?.status).toBe(403)
      expect(JSON.parse(refusal?.body ?? '')).toEqual({
        error:
          'The upload gateway accepts only editors of this space: the editor sent no preview token',
        rule: 'preview-token',
      })
    }
    expect(urls).toEqual([])
  })

  it.each([
    ['another space’s token', 'other'],
    ['a token Storyblok does not know', 'unknown-token'],
  ])('refuses %s', async (_label, token) => {
    const { check } = checkWith(byToken)
    const refusal = await check(token)
    expect(refusal?.status).toBe(403)
    expect(refusal?.rule).toBe('preview-token')
    expect(refusal?.body).toContain('is not this space')
    expect(refusal?.body).not.toContain(token)
  })

  it('refuses a value that is no token (a URL, a query) without asking Storyblok', async () => {
    const { check, urls } = checkWith(byToken)
    expect((await check('this-space&token=x'))?.rule).toBe('preview-token')
    expect(urls).toEqual([])
  })

  it('asks once per token for five minutes, then again', async () => {
    const { check, clock, urls } = checkWith(byToken)
    await check('this-space')
    clock.now += 299_000
    expect(await check('this-space')).toBeNull()
    expect(urls).toHaveLength(1)
    clock.now += 2_000
    expect(await check('this-space')).toBeNull()
    expect(urls).toHaveLength(2)
  })

  it('keeps a refusal for 30 seconds only', async () => {
    const { check, clock, urls } = checkWith(byToken)
    await check('unknown-token')
    await check('unknown-token')
    expect(urls).toHaveLength(1)
    clock.now += 31_000
    await check('unknown-token')
    expect(urls).toHaveLength(2)
  })

  it('asks once for many calls that arrive together', async () => {
    const { check, urls } = checkWith(byToken)
    const answers = await Promise.all(Array.from({ length: 5 }, () => check('this-space')))
    expect(answers).toEqual([null, null, null, null, null])
    expect(urls).toHaveLength(1)
  })

  it('remembers a bounded number of tokens, forgetting the oldest', async () => {
    const { check, urls } = checkWith(() => space(SPACE), 2)
    await check('token-a')
    await check('token-b')
    await check('token-c')
    await check('token-c')
    await check('token-a')
    expect(urls).toHaveLength(4)
  })

  it.each([
    [
      'unreachable',
      () => Promise.reject(new TypeError('fetch failed')),
      502,
      'upstream-unreachable',
    ],
    ['busy (429)', () => Response.json({}, { status: 429 }), 503, 'upstream-busy'],
    ['failing (500)', () => new Response('oops', { status: 500 }), 503, 'upstream-busy'],
    ['answering unreadably', () => new Response('<html>', { status: 200 }), 502, 'upstream-answer'],
  ])(
    'answers %s Delivery API with the upstream rule, and asks again next time',
    async (_label, answer, status, rule) => {
      const { check, urls } = checkWith(answer)
      const refusal = await check('this-space')
      expect(refusal?.status).toBe(status)
      expect(refusal?.rule).toBe(rule)
      expect(refusal?.body).not.toContain('this-space')
      await check('this-space')
      expect(urls).toHaveLength(2)
    },
  )
})
