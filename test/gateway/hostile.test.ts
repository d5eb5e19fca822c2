// @vitest-environment node
// The hostile table: one row per attack. Each asserts the status and the rule of the refusal,
// and that nothing changed upstream (no write reached Storyblok, the assets are as they were).
// After the table, no answer body, header or log line held the token.
import { afterAll, describe, expect, it } from 'vitest'
import { createTickets } from '../../gateway/src/tickets'
import {
  signedFormOf,
  uploadThroughGateway,
  type GatewayClient,
} from '../../scripts/support/gatewayClient'
import { rawRequest } from './support/raw'
import { fileBytes, ORIGIN, TICKET_SECRET, useGatewayStack } from './support/stack'

const stack = useGatewayStack({
  env: {
    GATEWAY_RATE_LIMIT: '50',
    GATEWAY_MAX_FILE_SIZE: '1MB',
    GATEWAY_ACCEPT: 'images',
    GATEWAY_MAX_BODY_BYTES: '2048',
  },
})
const tickets = createTickets(TICKET_SECRET)
const WRITES = ['sign', 'finish', 'update', 'delete']

/** Everything the gateway answered in this file, for the token check at the end. */
const seen: string[] = []

interface Assets {
  /** An asset whose upload was finished. */
  finished: { id: number; ticket: string }
  /** A signed upload never finished. */
  pending: { id: number; ticket: string }
}

interface Row {
  name: string
  status: number
  rule: string
  attack: (
    client: GatewayClient,
    assets: Assets,
  ) => Promise<{ status: number; body: unknown; text: string }>
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600
const forge = (claims: Partial<Parameters<typeof tickets.issue>[0]> & { assetId: number }) =>
  tickets.issue({
    spaceId: stack.emulator.spaceId,
    expiresAt: inAnHour(),
    bytes: 64,
    replace: false,
    ...claims,
  })

/** A raw request from the plugin's origin, with the path as written. */
async function raw(method: string, path: string) {
  const answer = await rawRequest(stack.gateway.url, method, path, {
    Origin: ORIGIN,
    'X-Storyblok-Preview-Token': stack.emulator.previewToken,
  })
  let body: unknown = null
  try {
    body = JSON.parse(answer.text)
  } catch {
    // Not JSON: the assertion on the rule says so.
  }
  seen.push(answer.text, JSON.stringify(answer.headers))
  return { status: answer.status, body, text: answer.text }
}

const space = () => `/v1/spaces/${stack.emulator.spaceId}/assets`

const ROWS: Row[] = [
  {
    name: 'finish with a forged ticket',
    status: 403,
    rule: 'ticket-invalid',
    attack: (c, a) => c.finish(a.pending.id, `${a.pending.ticket.slice(0, -4)}AAAA`),
  },
  {
    name: 'finish with an expired ticket',
    status: 403,
    rule: 'ticket-expired',
    attack: async (c, a) =>
      c.finish(
        a.pending.id,
        await forge({ assetId: a.pending.id, expiresAt: Math.floor(Date.now() / 1000) - 1 }),
      ),
  },
  {
    name: "finish with another asset's ticket",
    status: 403,
    rule: 'ticket-other-asset',
    attack: (c, a) => c.finish(a.pending.id, a.finished.ticket),
  },
  {
    name: "delete with another space's ticket",
    status: 403,
    rule: 'ticket-other-space',
    attack: async (c, a) =>
      c.remove(
        a.pending.id,
        await tickets.issue({
          spaceId: 1,
          assetId: a.pending.id,
          expiresAt: inAnHour(),
          bytes: 64,
          replace: false,
        }),
      ),
  },
  {
    name: 'delete without a ticket',
    status: 403,
    rule: 'ticket-missing',
    attack: (c, a) => c.remove(a.pending.id),
  },
  {
    name: "delete with another asset's ticket",
    status: 403,
    rule: 'ticket-other-asset',
    attack: (c, a) => c.remove(a.pending.id, a.finished.ticket),
  },
  {
    name: 'delete of a finished asset, even with its ticket',
    status: 403,
    rule: 'finished-asset',
    attack: (c, a) => c.remove(a.finished.id, a.finished.ticket),
  },
  {
    name: 'replace another asset without a ticket',
    status: 403,
    rule: 'replace',
    attack: (c, a) => c.sign({ filename: 'x.png', content_length: 64, id: a.finished.id }),
  },
  {
    name: "replace with another asset's ticket",
    status: 403,
    rule: 'ticket-other-asset',
    attack: (c, a) =>
      c.sign(
        { filename: 'x.png', content_length: 64, id: a.finished.id },
        { ticket: a.pending.ticket },
      ),
  },
  {
    name: 'a re-sign of a finished asset with its own ticket (replacing needs the switch)',
    status: 403,
    rule: 'replace',
    attack: (c, a) =>
      c.sign(
        { filename: 'kept.png', content_length: 64, id: a.finished.id, is_private: true },
        { ticket: a.finished.ticket },
      ),
  },
  {
    name: 'read an asset of another space',
    status: 403,
    rule: 'space',
    attack: (_c, a) => raw('GET', `/v1/spaces/999/assets/${a.finished.id}`),
  },
  {
    name: 'update an asset of another space',
    status: 403,
    rule: 'space',
    attack: () => raw('PUT', '/v1/spaces/1/assets/1'),
  },
  {
    name: 'sign in another space',
    status: 403,
    rule: 'space',
    attack: () => raw('POST', '/v1/spaces/2/assets'),
  },
  {
    name: 'path trick 1/../2',
    status: 403,
    rule: 'asset-id',
    attack: () => raw('GET', `${space()}/1/../2`),
  },
  {
    name: 'path trick %2e%2e',
    status: 403,
    rule: 'asset-id',
    attack: () => raw('GET', `${space()}/%2e%2e/%2e%2e/1`),
  },
  {
    name: 'path trick 1%2F..%2F2',
    status: 403,
    rule: 'asset-id',
    attack: () => raw('DELETE', `${space()}/1%2F..%2F2`),
  },
  {
    name: 'path trick 1;2',
    status: 403,
    rule: 'asset-id',
    attack: () => raw('GET', `${space()}/1;2`),
  },
  {
    name: 'a huge id',
    status: 403,
    rule: 'asset-id',
    attack: () => raw('GET', `${space()}/99999999999999999999`),
  },
  {
    name: 'a negative id',
    status: 403,
    rule: 'asset-id',
    attack: () => raw('GET', `${space()}/-1/finish_upload`),
  },
  { name: 'a hex id', status: 403, rule: 'asset-id', attack: () => raw('PUT', `${space()}/0x10`) },
  {
    name: 'another Management API route',
    status: 403,
    rule: 'not-allowed',
    attack: () => raw('GET', `/v1/spaces/${stack.emulator.spaceId}/stories`),
  },
  {
    name: 'a new folder (folders are only listed)',
    status: 403,
    rule: 'not-allowed',
    attack: () => raw('POST', `/v1/spaces/${stack.emulator.spaceId}/asset_folders`),
  },
  {
    name: 'one folder, or a folder deleted',
    status: 403,
    rule: 'not-allowed',
    attack: () => raw('DELETE', `/v1/spaces/${stack.emulator.spaceId}/asset_folders/1`),
  },
  {
    name: 'a folder search',
    status: 403,
    rule: 'query:search',
    attack: () => raw('GET', `/v1/spaces/${stack.emulator.spaceId}/asset_folders?search=a`),
  },
  {
    name: 'a multipart upload part',
    status: 403,
    rule: 'not-allowed',
    attack: (_c, a) => raw('GET', `${space()}/${a.pending.id}/upload_part?part=1`),
  },
  {
    name: 'a PATCH',
    status: 403,
    rule: 'not-allowed',
    attack: (_c, a) => raw('PATCH', `${space()}/${a.finished.id}`),
  },
  {
    name: 'a DELETE of the whole list',
    status: 403,
    rule: 'not-allowed',
    attack: () => raw('DELETE', space()),
  },
  {
    name: 'the emulator controls through the gateway',
    status: 403,
    rule: 'not-allowed',
    attack: () => raw('POST', '/__emulator/reset'),
  },
  {
    name: 'a sign that lies about the size (over the limit)',
    status: 403,
    rule: 'max-size',
    attack: (c) => c.sign({ filename: 'big.png', content_length: 1024 * 1024 + 1 }),
  },
  {
    name: 'a sign without content_length',
    status: 422,
    rule: 'content-length',
    attack: (c) => c.sign({ filename: 'a.png' }),
  },
  {
    name: 'a sign with a text content_length',
    status: 422,
    rule: 'content-length',
    attack: (c) => c.sign({ filename: 'a.png', content_length: '64' }),
  },
  {
    name: 'a sign that lies about the type (an HTML page)',
    status: 403,
    rule: 'type',
    attack: (c) => c.sign({ filename: 'page.html', content_length: 64 }),
  },
  {
    name: 'a sign of a file without an extension',
    status: 403,
    rule: 'type',
    attack: (c) => c.sign({ filename: 'payload', content_length: 64 }),
  },
  {
    name: 'a sign into another folder',
    status: 403,
    rule: 'folder',
    attack: (c) => c.sign({ filename: 'a.png', content_length: 64, asset_folder_id: 7 }),
  },
  {
    name: 'a sign with an unknown parameter',
    status: 403,
    rule: 'field:internal_tag_ids',
    attack: (c) => c.sign({ filename: 'a.png', content_length: 64, internal_tag_ids: [1] }),
  },
  {
    name: 'a sign with an unknown meta_data key',
    status: 403,
    rule: 'field:meta_data.script',
    attack: (c) => c.sign({ filename: 'a.png', content_length: 64, meta_data: { script: 'x' } }),
  },
  {
    name: 'an update of the file name',
    status: 403,
    rule: 'field:filename',
    attack: (c, a) => c.update(a.finished.id, { alt: 'x', filename: 'evil.html' }),
  },
  {
    name: 'an update of the folder',
    status: 403,
    rule: 'field:asset_folder_id',
    attack: (c, a) => c.update(a.finished.id, { asset_folder_id: 7 }),
  },
  {
    name: 'an update of the privacy',
    status: 403,
    rule: 'privacy-change',
    attack: (c, a) => c.update(a.finished.id, { is_private: true }),
  },
  {
    name: 'an update of an unknown meta_data key',
    status: 403,
    rule: 'field:meta_data.evil',
    attack: (c, a) => c.update(a.finished.id, { meta_data: { evil: 'x' } }),
  },
  {
    name: 'an update with a number as alt text',
    status: 422,
    rule: 'value:alt',
    attack: (c, a) => c.update(a.finished.id, { alt: 5 }),
  },
  {
    name: 'an update with a focus that is not a pixel box',
    status: 422,
    rule: 'value:focus',
    // Sites put the focus into image-service URLs (`filters:focal(<focus>)`).
    attack: (c, a) => c.update(a.finished.id, { focus: '1x1:2x2)/evil(' }),
  },
  {
    name: 'a sign with a focus that is not a pixel box',
    status: 422,
    rule: 'value:focus',
    attack: (c) => c.sign({ filename: 'a.png', content_length: 64, focus: '50%x50%' }),
  },
  {
    name: 'an update without the asset wrapper',
    status: 400,
    rule: 'body',
    attack: (c, a) => c.request('PUT', `/${a.finished.id}`, { json: { alt: 'x' } }),
  },
  {
    name: 'a body that is not JSON',
    status: 400,
    rule: 'body',
    attack: async () => {
      const response = await fetch(`${stack.gateway.url}${space()}/1`, {
        method: 'PUT',
        body: '{"asset":',
        headers: {
          Origin: ORIGIN,
          'Content-Type': 'application/json',
          'X-Storyblok-Preview-Token': stack.emulator.previewToken,
        },
      })
      const text = await response.text()
      return { status: response.status, text, body: JSON.parse(text) as unknown }
    },
  },
  {
    name: 'a body over the size limit',
    status: 413,
    rule: 'body-size',
    attack: (c) => c.sign({ filename: 'a.png', content_length: 64, alt: 'x'.repeat(4000) }),
  },
  {
    name: 'a list of the trash',
    status: 403,
    rule: 'query:in_folder',
    attack: (c) => c.list('?in_folder=-1'),
  },
  {
    name: 'a list with other filters',
    status: 403,
    rule: 'query:with_tags',
    attack: (c) => c.list('?with_tags=x'),
  },
  {
    name: 'a list of 1000 per page',
    status: 403,
    rule: 'query:per_page',
    attack: (c) => c.list('?per_page=1000'),
  },
  {
    name: 'a request from another origin',
    status: 403,
    rule: 'origin',
    attack: (_c, a) => stack.client(undefined, 'https://evil.example').read(a.finished.id),
  },
  {
    name: 'a write without an origin (curl)',
    status: 403,
    rule: 'origin',
    attack: (_c, a) =>
      rawRequest(stack.gateway.url, 'DELETE', `${space()}/${a.pending.id}`).then((answer) => ({
        ...answer,
        body: JSON.parse(answer.text) as unknown,
      })),
  },
  {
    name: 'a preflight from another origin',
    status: 403,
    rule: 'origin',
    attack: () =>
      fetch(`${stack.gateway.url}${space()}`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      }).then(async (response) => {
        const text = await response.text()
        return { status: response.status, text, body: JSON.parse(text) as unknown }
      }),
  },
  {
    name: 'a read without the preview token',
    status: 403,
    rule: 'preview-token',
    attack: (_c, a) => stack.client(undefined, ORIGIN, null).read(a.finished.id),
  },
  {
    name: 'an update with a token that is not this space’s preview token',
    status: 403,
    rule: 'preview-token',
    attack: (_c, a) =>
      stack.client(undefined, ORIGIN, 'a-public-token').update(a.finished.id, { alt: 'x' }),
  },
  {
    name: 'an upload with the space’s public token (which spaces/me knows)',
    status: 403,
    rule: 'preview-token',
    attack: () =>
      stack
        .client(undefined, ORIGIN, stack.emulator.publicToken)
        .sign({ filename: 'public.png', content_length: 4 }),
  },
  {
    name: 'a delete with its ticket but without the preview token',
    status: 403,
    rule: 'preview-token',
    attack: (_c, a) => stack.client(undefined, ORIGIN, null).remove(a.pending.id, a.pending.ticket),
  },
  {
    name: 'the origin "null" of a sandboxed frame',
    status: 403,
    rule: 'origin',
    attack: (_c, a) => stack.client(undefined, 'null').read(a.finished.id),
  },
]

describe('the hostile table', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('refuses %s', async (_name, row) => {
    const client = stack.client()
    const finished = await uploadThroughGateway(client, fileBytes(64), 'kept.png')
    const pending = signedFormOf(
      (await client.sign({ filename: 'pending.png', content_length: 64 })).body,
    )
    const before = await stack.control.assets()
    const since = Date.now()
    const answer = await row.attack(client, { finished, pending })
    seen.push(answer.text)
    expect(answer.status).toBe(row.status)
    expect(answer.body).toMatchObject({ rule: row.rule })
    const writes = (await stack.control.managementApiLog(since)).filter((entry) =>
      WRITES.includes(entry.route),
    )
    expect(writes).toEqual([])
    expect(await stack.control.assets()).toEqual(before)
  })
})

describe('a HEAD', () => {
  it('is refused (it would run a GET route) and reaches nothing upstream', async () => {
    const since = Date.now()
    const response = await fetch(`${stack.gateway.url}${space()}/1/finish_upload`, {
      method: 'HEAD',
      headers: { Origin: ORIGIN },
    })
    expect(response.status).toBe(403)
    expect(await stack.control.managementApiLog(since)).toEqual([])
  })
})

describe('the token', () => {
  it('is redacted from an answer of Storyblok that echoes it', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    const token = stack.emulator.token
    await stack.control.addFault({
      route: 'get',
      patch: { alt: `token ${token}`, title: `Bearer%20${encodeURIComponent(token)}` },
    })
    const read = await client.read(id)
    seen.push(read.text)
    expect(read.text).toContain('[redacted]')
    await stack.control.addFault({
      route: 'delete',
      status: 401,
      body: { error: `Unauthorized: ${token}` },
    })
    const pending = signedFormOf(
      (await client.sign({ filename: 'p.png', content_length: 64 })).body,
    )
    const refused = await client.remove(pending.id, pending.ticket)
    seen.push(refused.text, JSON.stringify([...refused.headers]))
    expect(refused.status).toBe(401)
  })

  afterAll(() => {
    // Collected over the whole file: answers, headers and every log line.
    const token = stack.emulator.token
    for (const text of [...seen, ...stack.allLogs]) {
      expect(text).not.toContain(token)
      expect(text).not.toContain(TICKET_SECRET)
    }
    expect(seen.length).toBeGreaterThan(ROWS.length)
    expect(stack.allLogs.length).toBeGreaterThan(ROWS.length)
  })
})
