// The Delivery API's `spaces/me` on the local Storyblok: the space of the editor page's preview
// token, which the upload gateway checks (emulator/README.md, "Delivery API").
import { describe, expect, it } from 'vitest'
import { useEmulator } from '../support/emulator'

const local = useEmulator()

const spaceMe = (token?: string) =>
  fetch(
    `${local.emulator.deliveryBaseUrl}/spaces/me${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`,
  )

describe('GET /v2/cdn/spaces/me', () => {
  it('answers the space object for the editor page’s preview token', async () => {
    const response = await spaceMe(local.emulator.previewToken)
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(await response.json()).toEqual({
      space: {
        id: local.emulator.spaceId,
        name: expect.any(String),
        domain: expect.any(String),
        version: expect.any(Number),
        language_codes: [],
      },
    })
  })

  it.each([
    ['no token', undefined],
    ['another token', 'not-the-preview-token'],
    ['the Management API token', 'local-dev-token'],
    ['the asset token', 'local-asset-token'],
  ])('refuses %s with 401', async (_label, token) => {
    const response = await spaceMe(token)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ error: 'Unauthorized' })
  })

  it('is counted and logged as a Delivery API request', async () => {
    await spaceMe(local.emulator.previewToken)
    const state = await local.control.state()
    expect(state.requests.delivery).toBe(1)
  })
})
