// @vitest-environment node
// A ticket used again, with the defaults (no GATEWAY_ALLOW_REPLACE): the plugin signs its own
// upload again on Retry or when the S3 policy ran out. The ticket proves the upload was this
// browser's, nothing more: a finished asset is never deleted.
import { describe, expect, it } from 'vitest'
import {
  postToStorage,
  signedFormOf,
  uploadThroughGateway,
} from '../../scripts/support/gatewayClient'
import { isRecord } from '../../src/domain/record'
import type { SeedTarget } from '../support/seed'
import { fileBytes, useGatewayStack } from './support/stack'

const stack = useGatewayStack({
  env: { GATEWAY_RATE_LIMIT: '50' },
})

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

describe('a finished asset', () => {
  it('is kept when a re-sign with its ticket stores a file other than declared', async () => {
    const client = stack.client()
    const { id, ticket } = await uploadThroughGateway(client, fileBytes(64), 'a.png')
    const again = await client.sign({ filename: 'a.png', content_length: 10, id }, { ticket })
    expect(again.status).toBe(200)
    const form = signedFormOf(again.body)
    await postToStorage(form, fileBytes(900), 'a.png')
    const finish = await client.finish(id, form.ticket)
    expect(finish.status).toBe(422)
    expect(finish.body).toMatchObject({ rule: 'declared-size', error: /kept/ })
    expect((await stack.control.assets()).map((asset) => asset.id)).toEqual([id])
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

describe('an upload not finished yet', () => {
  it('is still deleted when the stored file is not the declared size', async () => {
    const client = stack.client()
    const form = signedFormOf((await client.sign({ filename: 'a.png', content_length: 10 })).body)
    await postToStorage(form, fileBytes(900), 'a.png')
    const finish = await client.finish(form.id, form.ticket)
    expect(finish.body).toMatchObject({ rule: 'declared-size', error: /deleted/ })
    expect(await stack.control.assets()).toEqual([])
  })
})
