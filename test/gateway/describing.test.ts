// @vitest-environment node
// Expiry, tags and the space's own meta_data through the gateway on Node, against the local
// Storyblok: tags are part of an asset's description; an expiry can take a published asset off
// pages, so it needs GATEWAY_ALLOW_EXPIRY; meta_data keys the plugin does not edit pass only as
// the library holds them; the tag catalogue is read-only.
import { describe, expect, it } from 'vitest'
import { uploadThroughGateway } from '../../scripts/support/gatewayClient'
import { updateAssetDirectly } from '../support/seed'
import { fileBytes, useGatewayStack } from './support/stack'

describe('the gateway without GATEWAY_ALLOW_EXPIRY', () => {
  const stack = useGatewayStack({ env: { GATEWAY_RATE_LIMIT: '50' } })

  it('sets an asset’s tags', async () => {
    const client = stack.client()
    const hero = await stack.control.seedTag({ name: 'hero' })
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    expect((await client.update(id, { internal_tag_ids: [hero.id] })).status).toBe(204)
    expect((await client.read(id)).body).toMatchObject({ internal_tag_ids: [String(hero.id)] })
  })

  it('sets a focus box, and clears it with "" or null', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    for (const focus of ['12x34:13x35', '', null])
      expect((await client.update(id, { focus })).status).toBe(204)
    expect((await client.update(id, { focus: '12x34:13x35' })).status).toBe(204)
    expect((await client.read(id)).body).toMatchObject({ focus: '12x34:13x35' })
  })

  it('refuses tags that are not ids', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    const answer = await client.update(id, { internal_tag_ids: ['x'] })
    expect(answer.body).toMatchObject({ rule: 'value:internal_tag_ids' })
  })

  it('refuses an expiry, naming its switch, and changes nothing', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    const answer = await client.update(id, { alt: 'A dog', expire_at: '2030-01-01T00:00:00Z' })
    expect(answer.status).toBe(403)
    expect(answer.body).toMatchObject({ rule: 'expiry-change', field: 'expire_at' })
    expect((await client.read(id)).body).toMatchObject({ alt: null, expire_at: null })
  })

  it('refuses removing an expiry too', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    expect((await client.update(id, { expire_at: null })).body).toMatchObject({
      rule: 'expiry-change',
    })
  })

  it('passes meta_data keys of the space’s own when they are unchanged', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    await updateAssetDirectly(stack.emulator, id, { meta_data: { credit: { by: 'Ann' } } })
    const answer = await client.update(id, {
      alt: 'A dog',
      meta_data: { credit: { by: 'Ann' }, alt: 'A dog' },
    })
    expect(answer.status).toBe(204)
    expect((await client.read(id)).body).toMatchObject({ meta_data: { credit: { by: 'Ann' } } })
  })

  it('refuses a changed meta_data key of the space’s own, naming it, and changes nothing', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    await updateAssetDirectly(stack.emulator, id, { meta_data: { credit: 'Ann' } })
    const answer = await client.update(id, { alt: 'x', meta_data: { credit: 'Bob', alt: 'x' } })
    expect(answer.body).toMatchObject({ rule: 'field:meta_data.credit' })
    expect((await client.read(id)).body).toMatchObject({ alt: null, meta_data: { credit: 'Ann' } })
  })

  it('refuses an update that would remove a meta_data key of the space’s own', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    await updateAssetDirectly(stack.emulator, id, { meta_data: { credit: 'Ann' } })
    const answer = await client.update(id, { meta_data: { alt: 'x' } })
    expect(answer.body).toMatchObject({ rule: 'field:meta_data.credit' })
  })

  it('lists the space’s asset tags with their ids and names only', async () => {
    await stack.control.seedTag({ name: 'hero' })
    await stack.control.seedTag({ name: 'layout', object_type: 'component' })
    const answer = await stack.client().tags('?per_page=100&page=1')
    expect(answer.body).toEqual({ internal_tags: [{ id: 1, name: 'hero', object_type: 'asset' }] })
  })

  it('refuses a tag list parameter it does not take', async () => {
    expect((await stack.client().tags('?search=a')).body).toMatchObject({ rule: 'query:search' })
  })

  it('refuses tags of another kind', async () => {
    const answer = await stack.client().tags('?by_object_type=component')
    expect(answer.body).toMatchObject({ rule: 'query:by_object_type' })
  })

  it('never creates a tag', async () => {
    const answer = await stack.client().tags('', 'POST')
    expect(answer.body).toMatchObject({ rule: 'not-allowed' })
    expect((await stack.control.state()).internalTags).toEqual([])
  })
})

describe('the gateway with GATEWAY_ALLOW_EXPIRY', () => {
  const stack = useGatewayStack({
    env: { GATEWAY_RATE_LIMIT: '50', GATEWAY_ALLOW_EXPIRY: 'true' },
  })

  it('sets an expiry', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    expect((await client.update(id, { expire_at: '2030-01-01T00:00:00.000Z' })).status).toBe(204)
    expect((await client.read(id)).body).toMatchObject({ expire_at: '2030-01-01T00:00:00.000Z' })
  })

  it('refuses an expiry that is not a date', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(), 'a.png')
    expect((await client.update(id, { expire_at: 'tomorrow' })).body).toMatchObject({
      rule: 'value:expire_at',
    })
  })
})
