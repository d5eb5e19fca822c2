// Real files whose browser type is not Storyblok's name for them: the check after finish
// compares with the type the signature fixed, so each of these uploads and finishes.
import { describe, expect, it } from 'vitest'
import { skipBrowser } from './browser'
import { useBrowserStack } from './harness'
import { fieldContent, openEditor, textOf, uploadEnded, waitForAssetCount } from './steps'

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((part) => Buffer.from(typeof part === 'string' ? part : part)))

const ZIP = bytes('PK', [3, 4, 20, 0, 0, 0, 0, 0], new Array<number>(18).fill(0), 'mimetype')
const M4A = bytes(
  [0, 0, 0, 24],
  'ftypM4A ',
  [0, 0, 0, 0],
  'M4A mp42',
  new Array<number>(32).fill(0),
)
const WAV = bytes(
  'RIFF',
  [36, 0, 0, 0],
  'WAVEfmt ',
  [16, 0, 0, 0, 1, 0, 1, 0],
  new Array<number>(24).fill(0),
)
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0], new Array<number>(40).fill(0))
const MP3 = bytes('ID3', [4, 0, 0, 0, 0, 0, 0], new Array<number>(40).fill(0))

const FILES: [name: string, browserType: string, content: Buffer, stored: string][] = [
  ['prices.csv', 'application/vnd.ms-excel', bytes('name,price\ntea,3\n'), 'text/csv'],
  ['archive.zip', 'application/x-zip-compressed', ZIP, 'application/zip'],
  ['voice.m4a', 'audio/x-m4a', M4A, 'audio/mp4'],
  ['chime.wav', 'audio/x-wav', WAV, 'audio/wav'],
  ['photo.jpg', 'image/jpg', JPEG, 'image/jpeg'],
  ['list.csv', 'text/x-csv', bytes('a,b\n1,2\n'), 'text/csv'],
  ['notes.md', '', bytes('# Notes\n\nNothing here.\n'), 'text/markdown'],
  ['song.mp3', 'audio/mp3', MP3, 'audio/mpeg'],
]

// Skipped only outside CI when Chromium is missing (browser.ts prints why); CI fails instead.
describe.skipIf(skipBrowser)('files a browser names its own way', () => {
  const env = useBrowserStack({ rateLimit: null })

  it.each(FILES)(
    'uploads and finishes %s (the browser says %j)',
    async (name, type, content, stored) => {
      const page = await env.freshPage()
      const plugin = await openEditor(page, env.stack)
      await plugin
        .getByLabel('Upload file')
        .setInputFiles({ name, mimeType: type, buffer: content })
      await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
      await uploadEnded(plugin)
      const [asset] = await env.stack.control.assets()
      expect.soft(asset?.finished).toEqual(true)
      expect.soft(asset?.content_type).toEqual(stored)
      expect.soft(asset?.content_length).toEqual(content.length)
      expect(textOf(await fieldContent(page), 'filename')).toMatch(new RegExp(`/${name}$`))
    },
  )

  it('removes the new asset when the stored file does not match what was sent', async () => {
    const page = await env.freshPage()
    const plugin = await openEditor(page, env.stack)
    await env.stack.control.addFault({ route: 'get', patch: { content_length: 1 } })
    await plugin
      .getByLabel('Upload file')
      .setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: bytes('a,b\n') })
    await plugin.getByRole('button', { name: 'Upload', exact: true }).click()
    await plugin.getByText('The stored file does not match yours.', { exact: false }).waitFor()
    await waitForAssetCount(env.stack, 0)
    expect(await fieldContent(page)).toBeUndefined()
  })
})
