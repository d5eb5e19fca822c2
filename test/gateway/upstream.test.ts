// @vitest-environment node
// Upstream calls with a fetch stand-in: the token goes only in `Authorization`, answers are
// redacted, Storyblok's 429 is waited out inside the queue, and the per-caller and per-IP caps
// refuse before anything is sent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createFairQueue } from '../../gateway/src/fairQueue'
import { createUpstream, retryAfterMs, type UpstreamCall } from '../../gateway/src/upstream'

const TOKEN = 'secret-token-abc'
const settings = {
  token: TOKEN,
  apiBase: 'https://mapi.example.com/v1',
  spaceId: 42,
  callerQueue: 2,
  ipQueue: 3,
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
const call = (path = '/7', session = 's'): UpstreamCall => ({
  caller: { ip: '1.2.3.4', session },
  method: 'GET',
  path,
})

function setup(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const requests: { url: string; init: RequestInit }[] = []
  const fetch = vi.fn(async (url: string | URL | Request, init: RequestInit = {}) => {
    requests.push({ url: String(url), init })
    return answer(String(url), init)
  })
  const queue = createFairQueue({ perWindow: 3, now: Date.now, sleep })
  const send = createUpstream({ settings, queue, fetch, now: Date.now, timeoutMs: 5000 })
  return { send, requests }
}

/** Runs the fake clock until `promise` settles; bounded. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false
  void promise.finally(() => (done = true))
  for (let step = 0; step < 2000 && !done; step++) await vi.advanceTimersByTimeAsync(50)
  return promise
}

beforeEach(() => vi.useFakeTimers({ now: 0 }))
afterEach(() => vi.useRealTimers())

describe('createUpstream', () => {
  it('sends the token in Authorization to the space path, and only there', async () => {
    const { send, requests } = setup(() => Response.json({ id: 7 }))
    const answer = await settle(send(call('/7/finish_upload')))
    expect(answer).toMatchObject({ status: 200, body: '{"id":7}' })
    expect(requests[0]?.url).toBe('https://mapi.example.com/v1/spaces/42/assets/7/finish_upload')
    expect(requests[0]?.init.headers).toEqual({ Authorization: TOKEN })
  })

  it('redacts the token from answers and headers', async () => {
    const { send } = setup(
      () =>
        new Response(`{"echo":"${TOKEN}","q":"${encodeURIComponent(TOKEN)}"}`, {
          headers: { 'Retry-After': TOKEN },
        }),
    )
    const answer = await settle(send(call()))
    expect(JSON.stringify(answer)).not.toContain(TOKEN)
  })

  it('waits out a 429 (Retry-After first) and retries, so the caller never sees it', async () => {
    let calls = 0
    const { send } = setup(() =>
      ++calls === 1
        ? new Response('{}', { status: 429, headers: { 'Retry-After': '2' } })
        : Response.json({ ok: 1 }),
    )
    const answer = await settle(send(call()))
    expect(answer.status).toBe(200)
    expect(Date.now()).toBeGreaterThanOrEqual(2000)
  })

  it('gives up after a bounded number of 429s with a 503 of its own', async () => {
    const { send, requests } = setup(
      () => new Response('{}', { status: 429, headers: { 'Retry-After': '1' } }),
    )
    const answer = await settle(send(call()))
    expect(answer).toMatchObject({
      status: 503,
      rule: 'upstream-busy',
      headers: { 'retry-after': '5' },
    })
    expect(requests).toHaveLength(7)
  })

  it('refuses a caller with too many calls waiting, before sending', async () => {
    const { send, requests } = setup(() => Response.json({}))
    const running = [send(call()), send(call())]
    const third = await send(call())
    expect(third).toMatchObject({
      status: 429,
      rule: 'caller-queue',
      headers: { 'retry-after': '1' },
    })
    await settle(Promise.all(running))
    expect(requests).toHaveLength(2)
  })

  it('refuses an address with too many calls waiting, whatever its sessions', async () => {
    const { send } = setup(() => Response.json({}))
    const running = [send(call('/7', 'a')), send(call('/7', 'b')), send(call('/7', 'c'))]
    expect(await send(call('/7', 'd'))).toMatchObject({ status: 429, rule: 'ip-queue' })
    await settle(Promise.all(running))
  })

  it.each(['/../1', '/1/upload_part', '/abc', '?x=<script>', '/1?a=b#c'])(
    'never sends the path %j',
    async (path) => {
      const { send, requests } = setup(() => Response.json({}))
      expect(await send(call(path))).toMatchObject({ status: 403, rule: 'not-allowed' })
      expect(requests).toEqual([])
    },
  )

  it('lists the space’s tags at their own path', async () => {
    const { send, requests } = setup(() => Response.json({ internal_tags: [] }))
    await settle(send({ ...call('?by_object_type=asset'), resource: 'internal_tags' }))
    expect(requests[0]?.url).toBe(
      'https://mapi.example.com/v1/spaces/42/internal_tags?by_object_type=asset',
    )
  })

  it('never sends a path below the tags', async () => {
    const { send, requests } = setup(() => Response.json({}))
    const answer = await send({ ...call('/3'), resource: 'internal_tags' })
    expect(answer).toMatchObject({ status: 403, rule: 'not-allowed' })
    expect(requests).toEqual([])
  })

  it('lists the space’s folders, and only lists them', async () => {
    const { send, requests } = setup(() => Response.json({ asset_folders: [] }))
    const folders = (path: string, method: UpstreamCall['method'] = 'GET'): UpstreamCall => ({
      ...call(path),
      method,
      resource: 'asset_folders',
    })
    expect(await settle(send(folders('')))).toMatchObject({ status: 200 })
    expect(requests.map((request) => request.url)).toEqual([
      'https://mapi.example.com/v1/spaces/42/asset_folders',
    ])
    for (const refused of [folders('/3'), folders('?search=x'), folders('', 'DELETE')])
      expect(await send(refused)).toMatchObject({ status: 403, rule: 'not-allowed' })
    expect(requests).toHaveLength(1)
  })

  it('answers 502 when Storyblok cannot be reached, without the error text', async () => {
    const { send } = setup(() => Promise.reject(new TypeError(`fetch failed for ${TOKEN}`)))
    const answer = await settle(send(call()))
    expect(answer).toMatchObject({ status: 502, rule: 'upstream-unreachable' })
    expect(JSON.stringify(answer)).not.toContain(TOKEN)
  })
})

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, capped at a minute', () => {
    expect(retryAfterMs('2', 0)).toBe(2000)
    expect(retryAfterMs(new Date(5000).toUTCString(), 0)).toBe(5000)
    expect(retryAfterMs('3600', 0)).toBe(60_000)
    expect(retryAfterMs('soon', 0)).toBeNull()
    expect(retryAfterMs(undefined, 0)).toBeNull()
  })
})
