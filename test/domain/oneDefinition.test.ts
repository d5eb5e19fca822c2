// The rules that live once in src/domain/ but have a twin that could drift: the local
// Storyblok models what the real one does (its own content-type table, its own rate limit), and
// the plugin predicts it. They must agree.
import { describe, expect, it } from 'vitest'
import { contentTypeFor } from '../../emulator/filename'
import { knownTypes } from '../../src/domain/fileRules/contentTypes'
import { isImageAsset } from '../../src/domain/asset'
import { DEFAULT_RATE_LIMIT } from '../../src/domain/limits'
import { parseOptions } from '../../src/plugin/options'
import { startTestEmulator } from '../support/emulator'

describe('one definition per rule', () => {
  it.each(knownTypes())(
    'predicts the type the local Storyblok pins for .%s (%s)',
    (extension, type) => {
      expect(contentTypeFor(`file.${extension}`)).toBe(type)
    },
  )

  it.each(['png', 'jpg', 'gif', 'webp', 'avif', 'svg', 'heic', 'bmp', 'ico', 'tif', 'tiff'])(
    'calls a .%s an image, by its URL as by its type',
    (extension) => {
      expect(isImageAsset(`https://a.storyblok.com/f/1/x.${extension}`)).toBe(true)
      expect(isImageAsset('https://a.storyblok.com/f/1/x', contentTypeFor(`x.${extension}`))).toBe(
        true,
      )
    },
  )

  it('has one default rate limit, the option’s and the local Storyblok’s', async () => {
    expect(parseOptions({ managementToken: 't' }, 1).options.rateLimit).toBe(DEFAULT_RATE_LIMIT)
    const emulator = await startTestEmulator({ rateLimit: undefined })
    try {
      const config: unknown = await (await fetch(`${emulator.url}/__emulator/config`)).json()
      expect(config).toMatchObject({ rateLimit: DEFAULT_RATE_LIMIT })
    } finally {
      await emulator.close()
    }
  })
})
