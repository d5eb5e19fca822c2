import { describe, expect, it } from 'vitest'
import { localLocks } from '../../src/api/throttle'
import { untilAborted } from './fakeClient'
import {
  createManagementClient,
  type FetchLike,
  type ManagementClientOptions,
} from '../../src/api/client'
import {
  ApiError,
  isAbortError,
  isConfigError,
  isHttpError,
  isNetworkError,
  isTimeoutError,
  isValidationError,
} from '../../src/api/errors'

const BASE = 'https://mapi.storyblok.com/v1'
const TOKEN = 'secret-personal-token-123'

interface Call {
  url: string
  method: string
  headers: Headers
  body: string | null
}

type Answer = Response | Error | 'hang'

/** A fetch that answers from a script and records every call. */
function scriptedFetch(answers: Answer[]) {
  const calls: Call[] = []
  const fetch: FetchLike = async (url, init) => {
    const headers = new Headers(init.headers)
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? init.body : null,
    })
    const answer = answers.shift() ?? new Response('{}', { status: 200 })
    if (answer === 'hang') return untilAborted<Response>(init.signal)
    if (answer instanceof Error) throw answer
    return answer
  }
  return { fetch, calls }
}

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })

const signedBody = {
  id: 9,
  post_url: 'https://s3.amazonaws.com/a.storyblok.com',
  fields: { key: 'f/1/abc/x.png', policy: 'e30=' },
}
const assetBody = {
  id: 9,
  filename: 'https://s3.amazonaws.com/a.storyblok.com/f/1/x.png',
  alt: null,
  copyright: null,
  title: null,
  focus: null,
  is_private: false,
}

function client(answers: Answer[], options: Partial<ManagementClientOptions> = {}) {
  const scripted = scriptedFetch(answers)
  const sleeps: number[] = []
  const api = createManagementClient({
    baseUrl: BASE,
    spaceId: 1,
    token: TOKEN,
    fetch: scripted.fetch,
    rateLimit: null,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    ...options,
  })
  return { api, calls: scripted.calls, sleeps }
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => error,
  )
}

describe('createManagementClient', () => {
  it('sends the token as the Authorization header, as is', async () => {
    const { api, calls } = client([json(assetBody)])
    await api.getAsset(9)
    expect(calls[0]?.headers.get('authorization')).toBe(TOKEN)
  })

  it('sends an OAuth token with its Bearer prefix unchanged', async () => {
    const { api, calls } = client([json(assetBody)], { token: 'Bearer oauth-token-abc' })
    await api.getAsset(9)
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer oauth-token-abc')
  })

  it('signs with a JSON body including validate_upload', async () => {
    const { api, calls } = client([json(signedBody)])
    await api.signAsset({ filename: 'x.png', size: '10x20', asset_folder_id: 3 })
    expect.soft(calls[0]?.method).toEqual('POST')
    expect.soft(calls[0]?.url).toEqual(`${BASE}/spaces/1/assets`)
    expect.soft(calls[0]?.headers.get('content-type')).toEqual('application/json')
    expect
      .soft(JSON.parse(calls[0]?.body ?? 'null'))
      .toEqual({ filename: 'x.png', size: '10x20', asset_folder_id: 3, validate_upload: 1 })
  })

  it('signs for an existing asset with its id', async () => {
    const { api, calls } = client([json(signedBody)])
    await api.signAsset({ filename: 'x.png', id: 9 })
    expect(JSON.parse(calls[0]?.body ?? 'null')).toEqual({
      filename: 'x.png',
      validate_upload: 1,
      id: 9,
    })
  })

  it('returns the parsed signed response', async () => {
    const { api } = client([json(signedBody)])
    expect(await api.signAsset({ filename: 'x.png' })).toEqual(signedBody)
  })

  it('calls finish_upload with a GET and accepts a wrapped answer', async () => {
    const { api, calls } = client([json({ asset: assetBody })])
    const finished = await api.finishUpload(9)
    expect.soft(calls[0]?.method).toEqual('GET')
    expect.soft(calls[0]?.url).toEqual(`${BASE}/spaces/1/assets/9/finish_upload`)
    expect.soft(finished.id).toEqual(9)
  })

  it('updates with PUT and { asset }', async () => {
    const { api, calls } = client([new Response(null, { status: 204 })])
    await api.updateAsset(9, { alt: 'A dog' })
    expect.soft(calls[0]?.method).toEqual('PUT')
    expect.soft(JSON.parse(calls[0]?.body ?? 'null')).toEqual({ asset: { alt: 'A dog' } })
  })

  it('accepts an empty 200 answer', async () => {
    const { api } = client([new Response('', { status: 200 })])
    await expect(api.deleteAsset(9)).resolves.toBeUndefined()
  })

  it('builds the list query', async () => {
    const { api, calls } = client([json({ assets: [] })])
    await api.listAssets('my file&.png')
    expect(calls[0]?.url).toBe(`${BASE}/spaces/1/assets?search=my%20file%26.png&per_page=100`)
  })

  it('lists the assets of one folder, and refuses a folder that is no id before any request', async () => {
    const { api, calls } = client([json({ assets: [] })])
    await api.listAssets('cover', { inFolder: 12 })
    expect(calls[0]?.url).toBe(`${BASE}/spaces/1/assets?search=cover&per_page=100&in_folder=12`)
    await expect(api.listAssets('cover', { inFolder: -1 })).rejects.toMatchObject({
      name: 'InvalidAssetIdError',
    })
    expect(calls).toHaveLength(1)
  })

  it('lists the space’s folders with the token, and reads them', async () => {
    const answer = { asset_folders: [{ id: 3, name: 'Blog', parent_id: null }] }
    const { api, calls } = client([json(answer)])
    expect(await api.listFolders()).toEqual({
      folders: [{ id: 3, name: 'Blog', parentId: null }],
      rootAllowed: true,
    })
    expect([calls[0]?.method, calls[0]?.url]).toEqual(['GET', `${BASE}/spaces/1/asset_folders`])
    expect(calls[0]?.headers.get('authorization')).toBe(TOKEN)
  })

  it('asks for AI alt text in a language, and returns the answer trimmed', async () => {
    const { api, calls } = client([json({ response: '  Ein rotes Quadrat.\n' })])
    expect(await api.generateAltText(9, 'de-at')).toBe('Ein rotes Quadrat.')
    expect.soft(calls[0]?.method).toEqual('GET')
    expect
      .soft(calls[0]?.url)
      .toEqual(`${BASE}/spaces/1/assets/9/generate_image_alt_text?language=de-at`)
  })

  it('refuses an AI answer without text, and encodes an odd language code', async () => {
    const { api, calls } = client([json({ response: '  ' })])
    await expect(api.generateAltText(9, 'x&y=1')).rejects.toThrow('Unexpected response: response')
    expect(calls[0]?.url).toMatch(/\?language=x%26y%3D1$/)
  })

  it('maps a 422 to ValidationError with its field errors', async () => {
    const { api } = client([json({ name: ['has already been taken'] }, 422)])
    const error = await failure(api.updateAsset(9, { title: 'x' }))
    expect(isValidationError(error) ? error.fieldErrors : error).toEqual({
      name: ['has already been taken'],
    })
  })

  it('maps a 404 to HttpError with the parsed body', async () => {
    const { api } = client([json(['This record could not be found'], 404)])
    const error = await failure(api.getAsset(9))
    expect(isHttpError(error) ? [error.status, error.body] : error).toEqual([
      404,
      ['This record could not be found'],
    ])
  })

  it('keeps a non-JSON error body as text', async () => {
    const { api } = client([new Response('Bad Gateway', { status: 401 })])
    const error = await failure(api.getAsset(9))
    expect(isHttpError(error) ? error.body : error).toBe('Bad Gateway')
  })

  it('retries a 429 after the Retry-After wait', async () => {
    const { api, sleeps } = client([
      json({ error: 'Rate limit' }, 429, { 'Retry-After': '2' }),
      json(assetBody),
    ])
    await api.getAsset(9)
    // Retry-After plus up to 250 ms of jitter.
    expect(sleeps).toHaveLength(1)
    expect(sleeps[0]).toBeGreaterThanOrEqual(2000)
    expect(sleeps[0]).toBeLessThan(2250)
  })

  it('retries a sign after a 429', async () => {
    const { api, calls } = client([json({ error: 'Rate limit' }, 429), json(signedBody)])
    await api.signAsset({ filename: 'x.png' })
    expect(calls).toHaveLength(2)
  })

  it('retries a GET after a 503 with backoff', async () => {
    const { api, sleeps } = client([new Response('', { status: 503 }), json(assetBody)])
    await api.getAsset(9)
    expect(sleeps).toEqual([250])
  })

  it('does not retry a sign after a 500 (it may have created the asset)', async () => {
    const { api, calls } = client([new Response('', { status: 500 }), json(signedBody)])
    const error = await failure(api.signAsset({ filename: 'x.png' }))
    expect.soft(isHttpError(error)).toEqual(true)
    expect.soft(calls.length).toEqual(1)
  })

  it('retries a sign with id after a 500 (it cannot create an asset)', async () => {
    const { api, calls } = client([new Response('', { status: 500 }), json(signedBody)])
    await api.signAsset({ filename: 'x.png', id: 9 })
    expect(calls).toHaveLength(2)
  })

  it('retries a sign after a network error', async () => {
    const { api, calls } = client([new TypeError('fetch failed'), json(signedBody)])
    await api.signAsset({ filename: 'x.png' })
    expect(calls).toHaveLength(2)
  })

  it('tells onRetry about each retry', async () => {
    const errors: unknown[] = []
    const { api } = client([new TypeError('fetch failed'), json(signedBody)])
    await api.signAsset({ filename: 'x.png' }, { onRetry: (error) => errors.push(error) })
    expect(errors.map(isNetworkError)).toEqual([true])
  })

  it('gives up after maxAttempts', async () => {
    const { api, calls } = client(
      [
        new Response('', { status: 503 }),
        new Response('', { status: 503 }),
        new Response('', { status: 503 }),
      ],
      { maxAttempts: 3 },
    )
    const error = await failure(api.getAsset(9))
    expect.soft(isHttpError(error) && error.status).toEqual(503)
    expect.soft(calls.length).toEqual(3)
  })

  it('maps a rejected fetch to NetworkError', async () => {
    const { api } = client([new TypeError('fetch failed')], { maxAttempts: 1 })
    await expect(api.getAsset(9)).rejects.toSatisfy(isNetworkError)
  })

  it('maps a slow answer to TimeoutError', async () => {
    const { api } = client(['hang'], { timeoutMs: 10, maxAttempts: 1 })
    await expect(api.getAsset(9)).rejects.toSatisfy(isTimeoutError)
  })

  it('maps a user abort to AbortError and does not retry it', async () => {
    const controller = new AbortController()
    const { api, calls } = client(['hang', json(assetBody)])
    const pending = failure(api.getAsset(9, { signal: controller.signal }))
    // Let the request reach fetch before cancelling it.
    await new Promise((resolve) => setTimeout(resolve, 0))
    controller.abort()
    expect.soft(isAbortError(await pending)).toEqual(true)
    expect.soft(calls.length).toEqual(1)
  })

  it('treats a 404 on a retried DELETE as done', async () => {
    const { api } = client([new Response('', { status: 503 }), json(['not found'], 404)])
    await expect(api.deleteAsset(9)).resolves.toBeUndefined()
  })

  it('reports a 404 on a first DELETE', async () => {
    const { api } = client([json(['not found'], 404)])
    await expect(api.deleteAsset(9)).rejects.toSatisfy(isHttpError)
  })

  it('refuses a 200 whose body is not JSON', async () => {
    const { api } = client([new Response('<html>', { status: 200 })])
    await expect(api.getAsset(9)).rejects.toBeInstanceOf(ApiError)
  })

  it('does not retry a network error whose status had arrived on a sign', async () => {
    const { api, calls } = client([
      new Response(
        new ReadableStream({
          start(controller) {
            controller.error(new TypeError('terminated'))
          },
        }),
        { status: 200 },
      ),
      json(signedBody),
    ])
    const error = await failure(api.signAsset({ filename: 'x.png' }))
    expect.soft(isNetworkError(error) && error.responseReceived).toEqual(true)
    expect.soft(calls.length).toEqual(1)
  })

  it('never puts the token in an error, even when the server echoes it', async () => {
    const { api } = client([json({ error: `invalid token ${TOKEN}` }, 401)])
    const error = await failure(api.getAsset(9))
    expect(
      JSON.stringify([isHttpError(error) && error.message, isHttpError(error) && error.body]),
    ).not.toContain(TOKEN)
  })

  it('throttles request starts to rateLimit per second', async () => {
    let time = 0
    const starts: number[] = []
    const scripted = scriptedFetch([json(assetBody), json(assetBody), json(assetBody)])
    const api = createManagementClient({
      baseUrl: BASE,
      spaceId: 1,
      token: TOKEN,
      rateLimit: 2,
      locks: localLocks(),
      now: () => time,
      sleep: async (ms) => {
        time += ms
      },
      fetch: (input, init) => {
        starts.push(time)
        return scripted.fetch(input, init)
      },
    })
    await Promise.all([api.getAsset(9), api.getAsset(9), api.getAsset(9)])
    // Two places: the third request waits until 1050 ms after an answer.
    expect(starts).toHaveLength(3)
    expect((starts[2] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(1050)
  })

  it('refuses a plain-http base that is not local', () => {
    let option: string | null = null
    try {
      createManagementClient({ baseUrl: 'http://evil.example/v1', spaceId: 1, token: TOKEN })
    } catch (error) {
      if (isConfigError(error)) option = error.option
    }
    expect(option).toBe('baseUrl')
  })

  it('refuses an empty token', () => {
    expect(() => createManagementClient({ baseUrl: BASE, spaceId: 1, token: ' ' })).toThrow(/token/)
  })

  it('refuses a token with a line break', () => {
    expect(() => createManagementClient({ baseUrl: BASE, spaceId: 1, token: 'a\nb' })).toThrow(
      /token/,
    )
  })
})

describe('the client through the upload gateway', () => {
  const gatewayClient = (answers: Answer[], userId?: number) => {
    const scripted = scriptedFetch(answers)
    const gatewayed = createManagementClient({
      baseUrl: 'https://gateway.example.com/v1',
      spaceId: 1,
      gateway: { session: 'session-id-1', userId },
      fetch: scripted.fetch,
      rateLimit: null,
    })
    return { client: gatewayed, calls: scripted.calls }
  }

  it('sends no Authorization header, but who asks', async () => {
    const { client: viaGateway, calls } = gatewayClient(
      [json({ asset: { id: 3, filename: 'x' } })],
      42,
    )
    await viaGateway.getAsset(3)
    expect(calls[0]?.headers.get('Authorization')).toBeNull()
    expect(calls[0]?.headers.get('X-Editor-Session')).toBe('session-id-1')
    expect(calls[0]?.headers.get('X-Storyblok-User-Id')).toBe('42')
    expect(viaGateway.via).toBe('gateway')
  })

  it('sends the editor’s preview token in its header, and never shows it when echoed', async () => {
    const scripted = scriptedFetch([json({ error: 'preview-tok-1 is refused', rule: 'x' }, 403)])
    const viaGateway = createManagementClient({
      baseUrl: 'https://gateway.example.com/v1',
      spaceId: 1,
      gateway: { session: 'session-id-1', previewToken: 'preview-tok-1' },
      fetch: scripted.fetch,
      rateLimit: null,
      maxAttempts: 1,
    })
    const error: unknown = await viaGateway.getAsset(3).catch((caught: unknown) => caught)
    expect(scripted.calls[0]?.headers.get('X-Storyblok-Preview-Token')).toBe('preview-tok-1')
    expect(scripted.calls[0]?.url).not.toContain('preview-tok-1')
    expect(JSON.stringify(error)).not.toContain('preview-tok-1')
    expect(JSON.stringify(error)).toContain('[redacted]')
  })

  it('reads the ticket from the sign answer and names the file’s size in bytes', async () => {
    const { client: viaGateway, calls } = gatewayClient([
      json({ ...signedBody, ticket: 'v1.abc.def' }),
    ])
    const signed = await viaGateway.signAsset({ filename: 'x.png', content_length: 1234 })
    expect(signed.ticket).toBe('v1.abc.def')
    expect(JSON.parse(calls[0]?.body ?? '{}')).toMatchObject({ content_length: 1234 })
  })

  it('sends the ticket with the calls on an upload of its own', async () => {
    const { client: viaGateway, calls } = gatewayClient([
      json({ asset: { id: 9, filename: 'x' } }),
      new Response(null, { status: 204 }),
    ])
    await viaGateway.finishUpload(9, { ticket: 'v1.abc.def' })
    await viaGateway.deleteAsset(9, { ticket: 'v1.abc.def' })
    expect(calls.map((call) => call.headers.get('X-Upload-Ticket'))).toEqual([
      'v1.abc.def',
      'v1.abc.def',
    ])
  })

  it('never sends the gateway’s headers, nor the byte size, to Storyblok itself', async () => {
    const { fetch, calls } = scriptedFetch([
      json(signedBody),
      json({ asset: { id: 9, filename: 'x' } }),
    ])
    const direct = createManagementClient({
      baseUrl: BASE,
      spaceId: 1,
      token: TOKEN,
      fetch,
      rateLimit: null,
    })
    await direct.signAsset({ filename: 'x.png', content_length: 1234 })
    await direct.finishUpload(9, { ticket: 'v1.abc.def' })
    expect(JSON.parse(calls[0]?.body ?? '{}')).not.toHaveProperty('content_length')
    expect(calls[1]?.headers.get('X-Upload-Ticket')).toBeNull()
    expect(calls[1]?.headers.get('X-Editor-Session')).toBeNull()
    expect(calls.map((call) => call.headers.get('X-Storyblok-Preview-Token'))).toEqual([null, null])
    expect(direct.via).toBe('token')
  })

  it.each([
    ['neither a token nor the gateway', {}],
    ['both', { token: TOKEN, gateway: { session: 'session-id-1' } }],
    ['a session id that is no id', { gateway: { session: 'a b' } }],
  ])('refuses %s', (_label, access) => {
    expect(() =>
      createManagementClient({ baseUrl: BASE, spaceId: 1, ...access } as ManagementClientOptions),
    ).toThrow(expect.objectContaining({ name: 'ConfigError' }))
  })
})
