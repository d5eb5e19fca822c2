// The Delivery API's `spaces/me` and `stories` on the local Storyblok: the space of a token, and
// whether it may read drafts, which the upload gateway checks (emulator/README.md, "Delivery API").
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

  it('answers the same space for the space’s public token, as Storyblok does', async () => {
    const response = await spaceMe(local.emulator.publicToken)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ space: { id: local.emulator.spaceId } })
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

const storiesWith = (query: Record<string, string>) =>
  fetch(`${local.emulator.deliveryBaseUrl}/stories?${new URLSearchParams(query).toString()}`)

describe('GET /v2/cdn/stories', () => {
  it.each([
    ['drafts', 'draft'],
    ['published content', 'published'],
  ])('serves %s to the preview token', async (_label, version) => {
    const token = local.emulator.previewToken
    const response = await storiesWith({ version, per_page: '1', token })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(await response.json()).toEqual({
      stories: [],
      cv: expect.any(Number),
      rels: [],
      links: [],
    })
  })

  it.each([
    ['version=published', { version: 'published' }],
    ['no version', {}],
  ])('serves published content to the public token (%s)', async (_label, version) => {
    const response = await storiesWith({ ...version, token: local.emulator.publicToken })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ stories: [] })
  })

  it.each([
    ['the public token asking for drafts', { version: 'draft', token: 'local-public-token' }],
    ['an unknown token', { version: 'published', token: 'not-a-token' }],
    ['the asset token', { version: 'published', token: 'local-asset-token' }],
    ['no token', { version: 'published' }],
  ])('refuses %s with 401', async (_label, query) => {
    const response = await storiesWith(query)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ error: 'Unauthorized' })
  })

  it('is counted as a Delivery API request', async () => {
    await storiesWith({ version: 'draft', token: local.emulator.previewToken })
    expect((await local.control.state()).requests.delivery).toBe(1)
  })
})
