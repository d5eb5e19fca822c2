// The session's client and the editor's preview token: sent to the upload gateway only, in its
// header (README, "Who can call the gateway"), never to Storyblok's Management API.
import { describe, expect, it } from 'vitest'
import { createManagementClient } from '../../src/api/client'
import { useSessionStore } from '../../src/stores/session'
import { fakeActions, loadedData } from '../support/editorState'
import { createTestPinia, testEnvironment } from '../support/pinia'

const GATEWAY = 'https://gateway.example.com'

/** The session of a field with `options`; every request its client sends, recorded. */
function sessionWith(options: Record<string, string>, withToken = true) {
  const sent: { url: string; headers: Headers }[] = []
  const fetch = async (url: string, init: RequestInit) => {
    sent.push({ url, headers: new Headers(init.headers) })
    return Response.json({ id: 3, filename: 'https://a.storyblok.com/f/1/x.png' })
  }
  createTestPinia(
    testEnvironment({
      createClient: (config) => createManagementClient({ ...config, fetch, ledger: null }),
    }),
  )
  const session = useSessionStore()
  const data = {
    ...loadedData({ spaceId: 1, options }),
    token: withToken ? 'preview-token' : undefined,
  }
  session.plugin = { type: 'loaded', data, actions: fakeActions() }
  return { session, sent }
}

describe('the session’s client and the preview token', () => {
  it('sends the editor’s preview token to the gateway, in its header and never in the URL', async () => {
    const { session, sent } = sessionWith({ gatewayUrl: GATEWAY })
    await session.client?.getAsset(3)
    expect(sent).toHaveLength(1)
    expect(sent[0]?.url.startsWith(`${GATEWAY}/v1/`)).toBe(true)
    expect(sent[0]?.url).not.toContain('preview-token')
    expect(sent[0]?.headers.get('X-Storyblok-Preview-Token')).toBe('preview-token')
  })

  it('sends none where the editor sends none (the official Sandbox)', async () => {
    const { session, sent } = sessionWith({ gatewayUrl: GATEWAY }, false)
    await session.client?.getAsset(3)
    expect(sent).toHaveLength(1)
    expect(sent[0]?.headers.has('X-Storyblok-Preview-Token')).toBe(false)
  })

  it('never sends it to Storyblok’s Management API', async () => {
    const { session, sent } = sessionWith({
      managementToken: 'management-token',
      apiBaseUrl: 'http://localhost:7070/v1',
    })
    await session.client?.getAsset(3)
    expect(sent).toHaveLength(1)
    expect(sent[0]?.headers.has('X-Storyblok-Preview-Token')).toBe(false)
    expect(sent[0]?.url).not.toContain('preview-token')
  })
})
