// @vitest-environment node
// The riskier rights, switched on: replacing the file of any asset (`allowReplace`) and changing
// privacy (`allowPrivacyChange`). Even then a replace never moves an asset, and a replaced
// asset whose new file breaks the declaration is kept (it may be in use), not deleted.
import { describe, expect, it } from 'vitest'
import {
  postToStorage,
  signedFormOf,
  uploadThroughGateway,
} from '../../scripts/support/gatewayClient'
import { updateAssetDirectly } from '../support/seed'
import { fileBytes, useGatewayStack } from './support/stack'

describe('with GATEWAY_ALLOW_REPLACE and GATEWAY_ALLOW_PRIVACY_CHANGE', () => {
  const stack = useGatewayStack({
    env: {
      GATEWAY_RATE_LIMIT: '50',
      GATEWAY_ALLOW_REPLACE: 'true',
      GATEWAY_ALLOW_PRIVACY_CHANGE: 'true',
      GATEWAY_UPLOAD_FOLDERS: 'root,7',
    },
  })

  it('replaces the file of an asset another browser uploaded', async () => {
    const { id } = await uploadThroughGateway(stack.client(), fileBytes(64), 'old.png')
    const other = stack.client()
    const signed = await other.sign({ filename: 'new.png', content_length: 80, id })
    expect(signed.status).toBe(200)
    const form = signedFormOf(signed.body)
    await postToStorage(form, fileBytes(80), 'new.png')
    const finish = await other.finish(id, form.ticket)
    // Storyblok keeps the asset's address on a replace: the new bytes under the old name.
    expect(finish.body).toMatchObject({
      asset: { id, short_filename: 'old.png', content_length: 80 },
    })
  })

  it('never moves the asset to another folder with a replace', async () => {
    const { id } = await uploadThroughGateway(stack.client(), fileBytes(64), 'old.png')
    await stack.control.seedFolder({ id: 7, name: 'Brand' })
    const signed = await stack
      .client()
      .sign({ filename: 'new.png', content_length: 64, id, asset_folder_id: 7 })
    expect(signed.body).toMatchObject({ rule: 'folder' })
  })

  it('keeps a replaced asset whose new file is not the declared size', async () => {
    const { id } = await uploadThroughGateway(stack.client(), fileBytes(64), 'old.png')
    const form = signedFormOf(
      (await stack.client().sign({ filename: 'new.png', content_length: 10, id })).body,
    )
    await postToStorage(form, fileBytes(900), 'new.png')
    const finish = await stack.client().finish(id, form.ticket)
    expect(finish.status).toBe(422)
    expect(finish.body).toMatchObject({ rule: 'declared-size' })
    expect(await stack.control.assets()).toHaveLength(1)
  })

  it('replaces the file of an asset whose meta_data has keys of the space’s own', async () => {
    const { id } = await uploadThroughGateway(stack.client(), fileBytes(64), 'old.png')
    await updateAssetDirectly(stack.emulator, id, { meta_data: { credit: 'Ann', alt: 'A' } })
    const signed = await stack.client().sign({
      filename: 'new.png',
      content_length: 64,
      id,
      meta_data: { credit: 'Ann', alt: 'B' },
    })
    expect(signed.status).toBe(200)
  })

  it('refuses a replace that changes a meta_data key of the space’s own', async () => {
    const { id } = await uploadThroughGateway(stack.client(), fileBytes(64), 'old.png')
    await updateAssetDirectly(stack.emulator, id, { meta_data: { credit: 'Ann' } })
    const signed = await stack
      .client()
      .sign({ filename: 'new.png', content_length: 64, id, meta_data: { credit: 'Bob' } })
    expect(signed.body).toMatchObject({ rule: 'field:meta_data.credit' })
  })

  it('changes privacy', async () => {
    const client = stack.client()
    const { id } = await uploadThroughGateway(client, fileBytes(64), 'a.png')
    expect((await client.update(id, { is_private: true })).status).toBe(204)
    expect((await client.read(id)).body).toMatchObject({ is_private: true })
  })
})

describe('without them (the defaults)', () => {
  const stack = useGatewayStack({ env: { GATEWAY_RATE_LIMIT: '50' } })

  it('lets a replace by the ticket holder change privacy of its own upload', async () => {
    const client = stack.client()
    const first = signedFormOf((await client.sign({ filename: 'a.png', content_length: 64 })).body)
    const again = await client.sign(
      { filename: 'a.png', content_length: 64, id: first.id, is_private: true },
      { ticket: first.ticket },
    )
    expect(again.status).toBe(200)
  })

  it('refuses a replace without the ticket', async () => {
    const { id } = await uploadThroughGateway(stack.client(), fileBytes(64), 'a.png')
    expect(
      (await stack.client().sign({ filename: 'b.png', content_length: 64, id })).body,
    ).toMatchObject({ rule: 'replace' })
  })
})
