// @vitest-environment node
// The upload flow through the gateway on Node against the local Storyblok: what the plugin
// will do (sign → S3 POST → finish → read → update), cancel and clean-up, and the refusals a
// correct plugin meets.
import sharp from 'sharp'
import { describe, expect, it, vi } from 'vitest'
import {
  postToStorage,
  signedFormOf,
  uploadThroughGateway,
} from '../../scripts/support/gatewayClient'
import { fileBytes, ORIGIN, useGatewayStack } from './support/stack'

const stack = useGatewayStack({ env: { GATEWAY_RATE_LIMIT: '50' } })

describe('the gateway on Node: an upload', () => {
  it('signs, lets the browser post to S3, finishes and answers the asset as read', async () => {
    const client = stack.client()
    const { id, sign, finish, s3 } = await uploadThroughGateway(
      client,
      fileBytes(64),
      'My photo.v2.png',
    )
    expect(sign.status).toBe(200)
    expect(sign.body).toMatchObject({
      id,
      post_url: expect.any(String),
      ticket: expect.stringMatching(/^v1\./),
    })
    expect(sign.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(s3).toBe(204)
    expect(finish.status).toBe(200)
    expect(finish.body).toEqual({
      asset: expect.objectContaining({
        id,
        short_filename: 'My-photo_v2.png',
        content_length: 64,
        content_type: 'image/png',
      }),
    })
    const [stored] = await stack.control.assets()
    expect(stored).toMatchObject({ id, content_length: 64 })
  })

  it('reads an asset with only the fields the form needs', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    const read = await client.read(id)
    expect(read.status).toBe(200)
    expect(Object.keys(read.body as object).sort()).toEqual([
      'alt',
      'asset_folder_id',
      'content_length',
      'content_type',
      'copyright',
      'created_at',
      'expire_at',
      'filename',
      'focus',
      'id',
      'internal_tag_ids',
      'is_private',
      'meta_data',
      'short_filename',
      'source',
      'title',
      'updated_at',
    ])
  })

  it('updates the description and its translations', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    const update = await client.update(id, {
      alt: 'A dog',
      title: null,
      focus: '1x1:2x2',
      meta_data: { alt: 'A dog', alt__i18n__de: 'Ein Hund', 'title__i18n__pt-br': 'Um cão' },
    })
    expect(update.status).toBe(204)
    expect((await client.read(id)).body).toMatchObject({
      alt: 'A dog',
      focus: '1x1:2x2',
      meta_data: { alt__i18n__de: 'Ein Hund' },
    })
  })

  it('uploads a private file, private from the first byte', async () => {
    const client = stack.client()
    const { id, finish } = await uploadThroughGateway(client, fileBytes(), 'secret.png', {
      is_private: true,
    })
    expect(finish.body).toMatchObject({ asset: { id, is_private: true } })
  })

  it('deletes an upload cancelled before it was finished, with its ticket', async () => {
    const client = stack.client()
    const signed = await client.sign({ filename: 'cancel.png', content_length: 10 })
    const { id, ticket } = signedFormOf(signed.body)
    const removed = await client.remove(id, ticket)
    expect(removed.status).toBe(200)
    expect(await stack.control.assets()).toEqual([])
  })

  it('re-signs its own upload with the ticket (a policy expired), and finishes the new one', async () => {
    const client = stack.client()
    const first = signedFormOf((await client.sign({ filename: 'a.png', content_length: 64 })).body)
    const again = await client.sign(
      { filename: 'a.png', content_length: 64, id: first.id },
      { ticket: first.ticket },
    )
    expect(again.status).toBe(200)
    const second = signedFormOf(again.body)
    expect(second.id).toBe(first.id)
    expect(await postToStorage(second, fileBytes(64), 'a.png')).toBe(204)
    expect((await client.finish(second.id, second.ticket)).status).toBe(200)
    expect(await stack.control.assets()).toHaveLength(1)
  })

  it('deletes a file larger than declared at finish, and says so', async () => {
    const client = stack.client()
    const signed = signedFormOf((await client.sign({ filename: 'a.png', content_length: 10 })).body)
    await postToStorage(signed, fileBytes(5000), 'a.png')
    const finish = await client.finish(signed.id, signed.ticket)
    expect(finish.status).toBe(422)
    expect(finish.body).toMatchObject({ rule: 'declared-size', declared: 10, stored: 5000 })
    expect(await stack.control.assets()).toEqual([])
  })

  it('deletes a stored file of another type than signed for', async () => {
    const client = stack.client()
    const signed = signedFormOf((await client.sign({ filename: 'a.png', content_length: 64 })).body)
    await postToStorage(signed, fileBytes(64), 'a.png')
    // The read after Storyblok's finish (a new entry's finish reads nothing before it).
    await stack.control.addFault({ route: 'get', patch: { content_type: 'text/html' } })
    const finish = await client.finish(signed.id, signed.ticket)
    expect(finish.body).toMatchObject({ rule: 'declared-type' })
    expect(await stack.control.assets()).toEqual([])
  })

  it('waits out a 429 from Storyblok instead of passing it on', async () => {
    await stack.control.addFault({
      route: 'sign',
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { error: 'Rate limit' },
    })
    const signed = await stack.client().sign({ filename: 'a.png', content_length: 64 })
    expect(signed.status).toBe(200)
  })

  it('removes the entry of a sign whose browser went away before the answer', async () => {
    await stack.control.addFault({ route: 'sign', delayMs: 600 })
    const controller = new AbortController()
    const signing = stack
      .client()
      .sign({ filename: 'gone.png', content_length: 64 }, { signal: controller.signal })
    setTimeout(() => controller.abort(), 150)
    await expect(signing).rejects.toThrow()
    // Waits for the delayed sign to be answered and its entry removed by the gateway.
    await vi.waitFor(
      async () => {
        const log = await stack.control.managementApiLog()
        expect(log.map((entry) => entry.route)).toContain('delete')
        expect(await stack.control.assets()).toEqual([])
      },
      { timeout: 5000, interval: 100 },
    )
    expect(stack.logs.some((line) => line.includes('"rule":"aborted"'))).toBe(true)
  })

  it('lists with search and paging, the same fields per asset, and the paging headers', async () => {
    const client = stack.client()
    await uploadThroughGateway(client, fileBytes(), 'needle.png')
    const list = await client.list('?search=needle&per_page=100&page=1')
    expect(list.status).toBe(200)
    expect(list.body).toMatchObject({ assets: [{ short_filename: 'needle.png' }] })
    expect(list.headers.get('total')).toBe('1')
    expect(list.headers.get('access-control-expose-headers')).toContain('Total')
  })

  it('passes the AI alt text of an uploaded image through', async () => {
    const client = stack.client()
    const png = new Uint8Array(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
        .png()
        .toBuffer(),
    )
    const { id } = await uploadThroughGateway(client, png, 'red.png')
    const answer = await client.altText(id, 'de')
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ response: expect.stringContaining('[Emuliert]') })
  })

  it('answers a preflight from the plugin origin with the headers the plugin sends', async () => {
    const response = await fetch(`${stack.gateway.url}/v1/spaces/1/assets`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, X-Upload-Ticket, X-Editor-Session, X-Storyblok-User-Id, X-Storyblok-Preview-Token',
    )
    expect(response.headers.get('vary')).toBe('Origin')
  })

  it('answers /health without an origin, with nothing secret', async () => {
    const response = await fetch(`${stack.gateway.url}/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
  })

  it('logs every write as one JSON line, the user id marked unverified', async () => {
    const client = stack.client('logged-session')
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    await client.update(id, { alt: 'x' })
    const lines = stack.logs.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((line) => line.op)).toEqual(['sign', 'finish', 'update'])
    expect(lines[0]).toMatchObject({
      op: 'sign',
      assetId: id,
      origin: ORIGIN,
      ip: '127.0.0.1',
      session: 'logged-session',
      userId: 'user-42',
      userVerified: false,
      outcome: 'ok',
    })
    expect(lines.every((line) => typeof line.time === 'string')).toBe(true)
  })
})
