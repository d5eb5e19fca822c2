// GET …/asset_folders through the gateway: only the folders new uploads may go to
// (GATEWAY_UPLOAD_FOLDERS), in Storyblok's shape with each folder's path, and whether the root is
// allowed; every other folder call is refused and changes nothing upstream.
import { describe, expect, it } from 'vitest'
import type { EmulatorControl } from '../../emulator/controlClient'
import { createGatewayClient } from '../../scripts/support/gatewayClient'
import { ORIGIN, useGatewayStack } from './support/stack'

/** Blog (11) › 2024 (12), Products (13), Secret (14), and Secret › Plans (15). */
async function seedTree(control: EmulatorControl) {
  await control.seedFolder({ id: 11, name: 'Blog' })
  await control.seedFolder({ id: 12, name: '2024', parent_id: 11 })
  await control.seedFolder({ id: 13, name: 'Products' })
  await control.seedFolder({ id: 14, name: 'Secret' })
  await control.seedFolder({ id: 15, name: 'Plans', parent_id: 14 })
}

describe('the gateway’s folder list, without the root', () => {
  // 99 names no folder of the space: it is left out.
  const stack = useGatewayStack({ env: { GATEWAY_UPLOAD_FOLDERS: '12,13,99' } })

  it('answers only the allowed folders, each with its path, and root_allowed: false', async () => {
    await seedTree(stack.control)
    const answer = await stack.client().folders()
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      asset_folders: [
        {
          id: 12,
          name: '2024',
          parent_id: 11,
          uuid: expect.any(String),
          parent_uuid: expect.any(String),
          path: 'Blog / 2024',
        },
        {
          id: 13,
          name: 'Products',
          parent_id: null,
          uuid: expect.any(String),
          parent_uuid: null,
          path: 'Products',
        },
      ],
      root_allowed: false,
    })
    expect(answer.text).not.toContain('Secret')
    expect(answer.text).not.toContain(stack.emulator.token)
  })

  it('refuses any query parameter, one folder, and every write; nothing changes upstream', async () => {
    await seedTree(stack.control)
    const editor = stack.client()
    const refused = [
      await editor.folders('?search=Secret'),
      await editor.folders('?with_parent=14'),
      await editor.folders('/14'),
      await editor.folders('', 'POST', { asset_folder: { name: 'New' } }),
      await editor.folders('/12', 'PUT', { asset_folder: { name: 'Renamed' } }),
      await editor.folders('/12', 'DELETE'),
    ]
    expect(refused.map(({ status, body }) => [status, (body as { rule?: string }).rule])).toEqual([
      [403, 'query:search'],
      [403, 'query:with_parent'],
      [403, 'not-allowed'],
      [403, 'not-allowed'],
      [403, 'not-allowed'],
      [403, 'not-allowed'],
    ])
    const folders = (await stack.control.state()).assetFolders
    expect(folders.map((folder) => [folder.id, folder.name])).toEqual([
      [11, 'Blog'],
      [12, '2024'],
      [13, 'Products'],
      [14, 'Secret'],
      [15, 'Plans'],
    ])
  })

  it('refuses another space', async () => {
    const other = createGatewayClient({
      baseUrl: `${stack.gateway.url}/v1`,
      spaceId: 1,
      origin: ORIGIN,
      previewToken: stack.emulator.previewToken,
      session: 'other-space-session',
    })
    const answer = await other.folders()
    expect(answer.status).toBe(403)
    expect(answer.body).toMatchObject({ rule: 'space' })
  })
})

describe('the gateway’s folder list, with the root', () => {
  const stack = useGatewayStack({ env: { GATEWAY_UPLOAD_FOLDERS: 'root,15' } })

  it('says root_allowed: true, and names a folder below one that is not allowed by its whole path', async () => {
    await seedTree(stack.control)
    const answer = await stack.client().folders()
    expect(answer.body).toMatchObject({
      asset_folders: [{ id: 15, name: 'Plans', parent_id: 14, path: 'Secret / Plans' }],
      root_allowed: true,
    })
  })

  it('passes Storyblok’s refusal on as it came', async () => {
    await stack.control.addFault({ route: 'folders', status: 500, body: { error: 'broken' } })
    const answer = await stack.client().folders()
    expect(answer.status).toBe(500)
    expect(answer.body).toEqual({ error: 'broken' })
  })
})
