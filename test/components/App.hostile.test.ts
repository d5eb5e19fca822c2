// The plugin against hostile or broken values and options: what it shows, what it refuses,
// and that the token never leaves the Authorization header of a request to the API base.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { MANAGEMENT_API_ROUTES } from '../../emulator/stats'
import { assetFieldValue } from '../fixtures/fieldValues'
import { useAppHarness } from '../support/mountApp'
import { seedAsset } from '../support/seed'

const app = useAppHarness()

const stored = (id: number, filename: string) =>
  assetFieldValue({ id, filename, name: filename.replace(/.*\//, '') })

/** Every request that carried credentials went to the Management API, never in a URL. */
async function expectTokenOnlyInApiHeaders(): Promise<void> {
  const log = (await app.control.state()).requestLog
  expect(log.filter((entry) => entry.tokenInUrl)).toEqual([])
  expect(
    log.filter((entry) => entry.authorization && !MANAGEMENT_API_ROUTES.includes(entry.route)),
  ).toEqual([])
}

describe('App against hostile values', () => {
  it('refuses a picked asset whose id would aim the token at another path', async () => {
    await app.emulator.reset()
    const { wrapper } = await app.start({
      selectedAsset: { id: '../../../../__emulator/state', filename: 'x.png' },
    })
    const choose = wrapper.findAll('button').find((b) => b.text() === 'Choose from library')
    await choose?.trigger('click')
    await vi.waitFor(() => expect(wrapper.text()).toContain('The library picker gave no asset'))
    await expectTokenOnlyInApiHeaders()
  })

  it('refuses a field value whose id is not an asset id, and keeps it untouched', async () => {
    await app.emulator.reset()
    const { wrapper, container } = await app.start({
      content: stored(0, 'https://a.storyblok.com/f/288868932106293/x.png'),
    })
    expect(wrapper.text()).toContain('holds something other than an asset')
    expect(container.received.filter((message) => message.event === 'update')).toEqual([])
    await expectTokenOnlyInApiHeaders()
  })

  it('never shows the OAuth token an error echoes, in any form, with the option written as Bearer', async () => {
    await app.emulator.reset()
    const { id } = await seedAsset(app.emulator)
    // `Bearer <token>` is the OAuth form: the emulator refuses a personal token written so.
    const token = app.emulator.oauthToken
    await app.control.addFault({
      route: 'get',
      status: 422,
      body: { alt: [`${token} is not allowed`, `Bearer ${token}`, encodeURIComponent(token)] },
    })
    const { wrapper } = await app.start({
      content: stored(id, 'https://a.storyblok.com/f/288868932106293/x.png'),
      options: { managementToken: `Bearer ${token}` },
    })
    await vi.waitFor(() => expect(wrapper.text()).toContain('[redacted]'))
    expect(wrapper.html()).not.toContain(token)
    await expectTokenOnlyInApiHeaders()
  })

  it('never loads or links a file from another host, such as a tracking pixel', async () => {
    await app.emulator.reset()
    const pixel = 'https://tracker.example/f/288868932106293/1x1/abc/pixel.png'
    const { wrapper } = await app.start({ content: stored(424242, pixel) })
    await flushPromises()
    expect(wrapper.findAll('img').map((image) => image.attributes('src'))).not.toContain(pixel)
    expect(wrapper.findAll('a').map((link) => link.attributes('href'))).not.toContain(pixel)
    expect(wrapper.text()).toContain('Not a file of this space’s asset library')
  })

  it('offers an SVG for download instead of opening it, where its scripts would run', async () => {
    await app.emulator.reset()
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    const { id } = await seedAsset(app.emulator, {
      filename: 'logo.svg',
      bytes: svg,
      type: 'image/svg+xml',
    })
    const [asset] = await app.control.assets()
    const url = String(asset?.filename).replace('/s3.amazonaws.com/', '/')
    const { wrapper } = await app.start({ content: stored(id, url) })
    await vi.waitFor(() => expect(wrapper.text()).toContain('Download'))
    expect(wrapper.findAll('a').map((link) => link.attributes('href'))).not.toContain(url)
  })

  it('refuses a value nested 20,000 levels deep as unknown, without overflowing', async () => {
    let deep: Record<string, unknown> = {}
    for (let level = 0; level < 20_000; level++) deep = { deeper: deep }
    const { wrapper } = await app.start({
      content: { ...stored(5, 'https://a.storyblok.com/f/288868932106293/x.png'), meta_data: deep },
    })
    expect(wrapper.text()).toContain('holds something other than an asset')
  })
})

describe('App with options that are wrong', () => {
  it.each([
    [{ assetFolderId: 'abc' }, '“assetFolderId” must be a whole number above 0.'],
    [{ rateLimit: '100000' }, '“rateLimit” is above 50 requests per second'],
    [{ rateLimit: '2.5' }, '“rateLimit” must be a whole number above 0.'],
    [{ accept: ',,,' }, '“accept” lists no file type'],
    [{ managementToken: 'local-dev\n-token' }, '“managementToken” holds a space or a line break'],
  ])('names %j and uploads nothing until it is fixed', async (options, message) => {
    const { wrapper } = await app.start({ options })
    expect(wrapper.text()).toContain(message)
    expect(wrapper.find('input[type="file"]').attributes('disabled')).toBeDefined()
    const choose = wrapper.findAll('button').find((b) => b.text() === 'Choose from library')
    expect(choose?.attributes('disabled')).toBeDefined()
  })

  it('never prints the password of an API base with credentials', async () => {
    const { wrapper } = await app.start({
      options: { apiBaseUrl: 'https://me:s3cret-pass@proxy.example.com/v1' },
    })
    expect(wrapper.text()).toContain('must not hold a user name or password')
    expect(wrapper.html()).not.toContain('s3cret-pass')
  })
})
