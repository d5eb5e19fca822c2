// @vitest-environment node
// The check of the editor's preview token (gateway/src/previewToken.ts), against a scripted
// Delivery API and a fake clock.
import { describe, expect, it } from 'vitest'
import { createPreviewTokenCheck } from '../../gateway/src/previewToken'

const SPACE = 288868932106293
const BASE = 'https://api.storyblok.com/v2/cdn'

type Answer = (token: string, url: URL) => Response | Promise<Response>

/** A Delivery API that answers `answer(token, url)`, counting the questions. */
function delivery(answer: Answer) {
  const urls: string[] = []
  const fetch = async (input: RequestInfo | URL) => {
    const url = new URL(String(input))
    urls.push(url.pathname)
    return answer(url.searchParams.get('token') ?? '', url)
  }
  return { fetch: fetch as typeof globalThis.fetch, urls }
}

const space = (id: number) => Response.json({ space: { id, name: 'S', domain: '', version: 1 } })
const stories = () => Response.json({ stories: [], cv: 1, rels: [], links: [] })
const unauthorized = () => Response.json({ error: 'Unauthorized' }, { status: 401 })

const SPACES_ME = '/v2/cdn/spaces/me'
const STORIES = '/v2/cdn/stories'
const BOTH = [SPACES_ME, STORIES]

/** `spaces/me` names this space, and `stories` answers `drafts()` (a preview token: 200). */
const ofThisSpace =
  (drafts: Answer = stories): Answer =>
  (token, url) =>
    url.pathname === SPACES_ME ? space(SPACE) : drafts(token, url)

function checkWith(answer: Answer, maxEntries = 1000) {
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

/** `this-space`: the preview token; `public`: the public token; `other`: another space's. */
const byToken: Answer = (token, url) => {
  if (url.pathname === STORIES) {
    const draftAllowed = token === 'this-space' && url.searchParams.get('version') === 'draft'
    return draftAllowed ? stories() : unauthorized()
  }
  if (token === 'this-space' || token === 'public') return space(SPACE)
  return token === 'other' ? space(1) : unauthorized()
}

describe('the preview token check', () => {
  it('lets a preview token of this space through, asking spaces/me and then for drafts', async () => {
    const { check, urls } = checkWith(byToken)
    expect(await check('this-space')).toBeNull()
    expect(urls).toEqual(BOTH)
  })

  it('refuses the space’s public token, which spaces/me names but drafts refuse', async () => {
    const { check, urls } = checkWith(byToken)
    const refusal = await check('public')
    expect(refusal?.status).toBe(403)
    expect(JSON.parse(refusal?.body ?? '')).toEqual({
      error:
        "The upload gateway accepts only editors of this space: a public token is not enough, the space's preview token is needed",
      rule: 'preview-token',
    })
    expect(urls).toEqual(BOTH)
  })

  it('refuses a token whose draft question Storyblok answers 403', async () => {
    const { check } = checkWith(ofThisSpace(() => Response.json({}, { status: 403 })))
    expect((await check('this-space'))?.body).toContain('a public token is not enough')
  })

  it('asks another space’s token nothing about drafts', async () => {
    const { check, urls } = checkWith(byToken)
    await check('other')
    expect(urls).toEqual([SPACES_ME])
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

  it('keeps both answers for five minutes, asking nothing in between, then asks both again', async () => {
    const { check, clock, urls } = checkWith(byToken)
    await check('this-space')
    clock.now += 299_000
    expect(await check('this-space')).toBeNull()
    expect(urls).toEqual(BOTH)
    clock.now += 2_000
    expect(await check('this-space')).toBeNull()
    expect(urls).toEqual([...BOTH, ...BOTH])
  })

  it.each([
    ['an unknown token', 'unknown-token', [SPACES_ME]],
    ['the public token', 'public', BOTH],
  ])('keeps the refusal of %s for 30 seconds only', async (_label, token, asked) => {
    const { check, clock, urls } = checkWith(byToken)
    await check(token)
    const second = await check(token)
    expect(second?.rule).toBe('preview-token')
    expect(urls).toEqual(asked)
    clock.now += 31_000
    await check(token)
    expect(urls).toEqual([...asked, ...asked])
  })

  it('asks once for many calls that arrive together', async () => {
    const { check, urls } = checkWith(byToken)
    const answers = await Promise.all(Array.from({ length: 5 }, () => check('this-space')))
    expect(answers).toEqual([null, null, null, null, null])
    expect(urls).toEqual(BOTH)
  })

  it('remembers a bounded number of tokens, forgetting the oldest', async () => {
    const { check, urls } = checkWith(ofThisSpace(), 2)
    await check('token-a')
    await check('token-b')
    await check('token-c')
    await check('token-c')
    await check('token-a')
    expect(urls.filter((path) => path === SPACES_ME)).toHaveLength(4)
  })

  const failures: [string, Answer, number, string][] = [
    [
      'unreachable',
      () => Promise.reject(new TypeError('fetch failed')),
      502,
      'upstream-unreachable',
    ],
    ['busy (429)', () => Response.json({}, { status: 429 }), 503, 'upstream-busy'],
    ['failing (500)', () => new Response('oops', { status: 500 }), 503, 'upstream-busy'],
    ['answering unreadably', () => new Response('<html>', { status: 200 }), 502, 'upstream-answer'],
  ]

  it.each(failures)(
    'answers %s Delivery API with the upstream rule, and asks again next time',
    async (_label, answer, status, rule) => {
      const { check, urls } = checkWith(answer)
      const refusal = await check('this-space')
      expect(refusal?.status).toBe(status)
      expect(refusal?.rule).toBe(rule)
      expect(refusal?.body).not.toContain('this-space')
      await check('this-space')
      expect(urls).toEqual([SPACES_ME, SPACES_ME])
    },
  )

  it.each([
    ...failures,
    ['answering 404', () => Response.json({}, { status: 404 }), 502, 'upstream-answer'],
    ['answering without stories', () => Response.json({}), 502, 'upstream-answer'],
  ] satisfies [string, Answer, number, string][])(
    'answers a draft question %s like spaces/me, and asks both again next time',
    async (_label, answer, status, rule) => {
      const { check, urls } = checkWith(ofThisSpace(answer))
      const refusal = await check('this-space')
      expect(refusal?.status).toBe(status)
      expect(refusal?.rule).toBe(rule)
      expect(refusal?.body).not.toContain('this-space')
      await check('this-space')
      expect(urls).toEqual([...BOTH, ...BOTH])
    },
  )

  it('answers 504 upstream-timeout when the draft question outlasts the time allowed', async () => {
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (new URL(String(input)).pathname === SPACES_ME) return space(SPACE)
      // Like fetch: no answer comes, and an abort of the signal rejects the wait.
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError')))
      })
    }
    const check = createPreviewTokenCheck({
      settings: { deliveryBase: BASE, spaceId: SPACE },
      fetch: fetch as typeof globalThis.fetch,
      now: () => 0,
      timeoutMs: 20,
    })
    const refusal = await check('this-space')
    expect(refusal?.status).toBe(504)
    expect(refusal?.rule).toBe('upstream-timeout')
  })
})
