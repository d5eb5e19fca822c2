// @vitest-environment node
// A re-sign with the browser's own ticket, with the defaults (no GATEWAY_ALLOW_REPLACE, no
// GATEWAY_ALLOW_PRIVACY_CHANGE) and with GATEWAY_ALLOW_REPLACE: the plugin signs its own upload
// again on Retry or when the S3 policy ran out. The ticket proves the upload was this browser's,
// nothing more: only an unfinished upload is signed again with it (a finished asset's file needs
// GATEWAY_ALLOW_REPLACE), the asset stays in its folder and keeps the library's privacy, a
// finished asset is never deleted, and the ticket never outlives the first one's expiry.
import { describe, expect, it } from 'vitest'
import { createTickets } from '../../gateway/src/tickets'
import {
  postToStorage,
  signedFormOf,
  uploadThroughGateway,
} from '../../scripts/support/gatewayClient'
import { isRecord } from '../../src/domain/record'
import { updateAssetDirectly, type SeedTarget } from '../support/seed'
import { fileBytes, logMark, TICKET_SECRET, useGatewayStack } from './support/stack'

const stack = useGatewayStack({
  env: { GATEWAY_RATE_LIMIT: '50', GATEWAY_UPLOAD_FOLDERS: 'root,7' },
})
const tickets = createTickets(TICKET_SECRET)

/** Another editor replaces the asset's file in Storyblok itself, with the token. */
async function replaceDirectly(target: SeedTarget, id: number, bytes: Uint8Array<ArrayBuffer>) {
  const headers = { Authorization: target.token, 'Content-Type': 'application/json' }
  const assets = `${target.apiBaseUrl}/spaces/${target.spaceId}/assets`
  const signed = await fetch(assets, {
    method: 'POST',
    headers,
    body: JSON.stringify({ filename: 'theirs.png', id }),
  })
  const answer: unknown = await signed.json()
  // signedFormOf reads a gateway's answer: the token's has no ticket.
  const form = signedFormOf(isRecord(answer) ? { ...answer, ticket: 'none' } : answer)
  expect(await postToStorage(form, bytes, 'theirs.png')).toBe(204)
  expect((await fetch(`${assets}/${id}/finish_upload`, { headers })).status).toBe(200)
}

describe('a finished asset, by default', () => {
  it('is not signed again with its own ticket: replacing needs GATEWAY_ALLOW_REPLACE', async () => {
    const client = stack.client()
    const { id, ticket } = await uploadThroughGateway(client, fileBytes(64), 'a.png')
    const again = await client.sign({ filename: 'a.png', content_length: 10, id }, { ticket })
    expect(again.status).toBe(403)
    expect(again.body).toMatchObject({ rule: 'replace' })
    expect(await stack.control.assets()).toMatchObject([{ id, content_length: 64 }])
  })

  it('is kept when its old ticket finishes again after someone else replaced the file', async () => {
    const client = stack.client()
    const { id, ticket } = await uploadThroughGateway(client, fileBytes(64), 'a.png')
    await replaceDirectly(stack.emulator, id, fileBytes(900))
    const finish = await client.finish(id, ticket)
    expect(finish.status).toBe(422)
    expect(finish.body).toMatchObject({ rule: 'declared-size', error: /kept/ })
    expect((await stack.control.assets()).map((asset) => asset.id)).toEqual([id])
  })
})

describe('a finished asset, with GATEWAY_ALLOW_REPLACE', () => {
  const replacing = useGatewayStack({
    env: {
      GATEWAY_RATE_LIMIT: '50',
      GATEWAY_UPLOAD_FOLDERS: 'root,7',
      GATEWAY_ALLOW_REPLACE: 'true',
    },
  })

  it('is kept when a re-sign with its ticket stores a file other than declared', async () => {
    const client = replacing.client()
    const { id, ticket } = await uploadThroughGateway(client, fileBytes(64), 'a.png')
    const again = await client.sign({ filename: 'a.png', content_length: 10, id }, { ticket })
    expect(again.status).toBe(200)
    const form = signedFormOf(again.body)
    await postToStorage(form, fileBytes(900), 'a.png')
    const finish = await client.finish(id, form.ticket)
    expect(finish.status).toBe(422)
    expect(finish.body).toMatchObject({ rule: 'declared-size', error: /kept/ })
    expect((await replacing.control.assets()).map((asset) => asset.id)).toEqual([id])
  })

  it('gets a replace ticket when signed again with its own', async () => {
    const client = replacing.client()
    const { id, ticket } = await uploadThroughGateway(client, fileBytes(64), 'a.png')
    const again = await client.sign({ filename: 'a.png', content_length: 64, id }, { ticket })
    const check = await tickets.verify(signedFormOf(again.body).ticket, {
      spaceId: replacing.emulator.spaceId,
      assetId: id,
      now: Date.now(),
    })
    expect(check).toMatchObject({ ok: true, claims: { replace: true } })
  })

  it('stays private when a re-sign with its ticket asks for public', async () => {
    const client = replacing.client()
    const { id, ticket } = await uploadThroughGateway(client, fileBytes(64), 'a.png')
    await updateAssetDirectly(replacing.emulator, id, { is_private: true })
    const again = await client.sign(
      { filename: 'a.png', content_length: 64, id, is_private: false },
      { ticket },
    )
    expect(again.status).toBe(403)
    expect(again.body).toMatchObject({ rule: 'privacy-change', field: 'is_private' })
    expect(await replacing.control.assets()).toMatchObject([{ id, is_private: true }])
  })

  it('stays in its folder when a re-sign with its ticket names another', async () => {
    await replacing.control.seedFolder({ id: 7, name: 'Brand' })
    const client = replacing.client()
    const { id, ticket } = await uploadThroughGateway(client, fileBytes(64), 'a.png')
    const again = await client.sign(
      { filename: 'a.png', content_length: 64, id, asset_folder_id: 7 },
      { ticket },
    )
    expect(again.status).toBe(403)
    expect(again.body).toMatchObject({ rule: 'folder' })
    expect((await client.read(id)).body).toMatchObject({ asset_folder_id: null })
  })
})

describe('an upload not finished yet', () => {
  it('is signed again as the plugin does, with its folder and its privacy', async () => {
    await stack.control.seedFolder({ id: 7, name: 'Brand' })
    const client = stack.client()
    const params = { filename: 'a.png', content_length: 64, asset_folder_id: 7, is_private: true }
    const first = signedFormOf((await client.sign(params)).body)
    const again = await client.sign({ ...params, id: first.id }, { ticket: first.ticket })
    expect(again.status).toBe(200)
    const form = signedFormOf(again.body)
    await postToStorage(form, fileBytes(64), 'a.png')
    expect((await client.finish(first.id, form.ticket)).body).toMatchObject({
      asset: { id: first.id, asset_folder_id: 7, is_private: true, content_length: 64 },
    })
  })

  it('is still deleted when the stored file is not the declared size', async () => {
    const client = stack.client()
    const form = signedFormOf((await client.sign({ filename: 'a.png', content_length: 10 })).body)
    await postToStorage(form, fileBytes(900), 'a.png')
    const finish = await client.finish(form.id, form.ticket)
    expect(finish.body).toMatchObject({ rule: 'declared-size', error: /deleted/ })
    expect(await stack.control.assets()).toEqual([])
  })

  it('is finished with no read before it: its open ticket says it is new', async () => {
    const since = await logMark()
    const { finish } = await uploadThroughGateway(stack.client(), fileBytes(64), 'a.png')
    expect(finish.status).toBe(200)
    const routes = (await stack.control.managementApiLog(since)).map((entry) => entry.route)
    expect(routes).toEqual(['sign', 'finish', 'get'])
  })
})

describe('the ticket of a re-sign', () => {
  it('keeps the expiry of the ticket it was signed with', async () => {
    const client = stack.client()
    const first = signedFormOf((await client.sign({ filename: 'a.png', content_length: 64 })).body)
    // The first ticket, as it would be 100 s before its end.
    const expiresAt = Math.floor(Date.now() / 1000) + 100
    const ending = await tickets.issue({
      spaceId: stack.emulator.spaceId,
      assetId: first.id,
      expiresAt,
      bytes: 64,
      replace: false,
    })
    const again = await client.sign(
      { filename: 'a.png', content_length: 64, id: first.id },
      { ticket: ending },
    )
    const check = await tickets.verify(signedFormOf(again.body).ticket, {
      spaceId: stack.emulator.spaceId,
      assetId: first.id,
      now: Date.now(),
    })
    expect(check).toMatchObject({ ok: true, claims: { expiresAt } })
  })

  it('is refused once the first ticket has expired, however often it was renewed', async () => {
    const client = stack.client()
    const first = signedFormOf((await client.sign({ filename: 'a.png', content_length: 64 })).body)
    const ending = await tickets.issue({
      spaceId: stack.emulator.spaceId,
      assetId: first.id,
      expiresAt: Math.floor(Date.now() / 1000) + 2,
      bytes: 64,
      replace: false,
    })
    const params = { filename: 'a.png', content_length: 64, id: first.id }
    const renewed = signedFormOf((await client.sign(params, { ticket: ending })).body).ticket
    // Past the first ticket's end.
    await new Promise((resolve) => setTimeout(resolve, 2100))
    expect((await client.sign(params, { ticket: renewed })).body).toMatchObject({
      rule: 'ticket-expired',
    })
  })
})
