// The plugin with its token in each of the two forms Storyblok knows: a personal access token
// bare, an OAuth token as `Bearer <token>`. The local Storyblok, like the real one, refuses a
// personal access token written with `Bearer`, and the editor is told how each is written.
import { describe, expect, it, vi } from 'vitest'
import { assetFieldValue } from '../fixtures/fieldValues'
import { useAppHarness } from '../support/mountApp'
import { seedAsset } from '../support/seed'

const app = useAppHarness()

/** Where the plugin's requests start in the log: after the seeding's. */
let pluginRequestsFrom = 0

/** Opens the plugin on a seeded asset, with `managementToken` and the editor's `language`. */
async function openSeededAsset(managementToken: string, interfaceLanguage = 'en') {
  await app.emulator.reset()
  const { id } = await seedAsset(app.emulator)
  pluginRequestsFrom = (await app.control.requestLog()).length
  const content = assetFieldValue({
    id,
    filename: 'https://a.storyblok.com/f/288868932106293/x.png',
    name: 'x.png',
  })
  return app.start({ content, interfaceLanguage, options: { managementToken } })
}

/** The statuses of the plugin's reads of the asset, from the request log. */
async function getStatuses(): Promise<(number | null)[]> {
  const log = (await app.control.requestLog()).slice(pluginRequestsFrom)
  return log.filter((entry) => entry.route === 'get').map((entry) => entry.status)
}

describe('App and the form of its token', () => {
  it('reads the asset with an OAuth token written as Bearer <token>', async () => {
    const { wrapper } = await openSeededAsset(`Bearer ${app.emulator.oauthToken}`)
    // The form reads the asset once when it opens.
    await vi.waitFor(async () => expect(await getStatuses()).toEqual([200]))
    expect(wrapper.text()).not.toContain('refused the token')
  })

  it('says how each kind is written when a personal access token is given as Bearer <token>', async () => {
    const { wrapper } = await openSeededAsset(`Bearer ${app.emulator.token}`)
    // The form's read of the asset is refused with 401.
    await vi.waitFor(() => expect(wrapper.text()).toContain('Storyblok refused the token'))
    expect(await getStatuses()).toEqual([401])
    expect(wrapper.text()).toContain(
      'a personal access token goes in as it is, without “Bearer”; an OAuth token as “Bearer <token>”',
    )
  })

  it('says it in German too', async () => {
    const { wrapper } = await openSeededAsset(`Bearer ${app.emulator.token}`, 'de')
    // The form's read of the asset is refused with 401.
    await vi.waitFor(() => expect(wrapper.text()).toContain('Storyblok hat das Token abgelehnt'))
    expect(wrapper.text()).toContain('ohne „Bearer“; ein OAuth-Token als „Bearer <Token>“')
  })
})
