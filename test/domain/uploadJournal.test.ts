import { describe, expect, it } from 'vitest'
import type { Asset } from '../../src/domain/asset'
import { isJournalled, isStrayOf, isUnfinished, storedName } from '../../src/domain/uploadJournal'

const STARTED = Date.parse('2026-12-07T10:00:00Z')
const unfinished: Asset = {
  id: 5,
  filename: 'https://s3.amazonaws.com/a.storyblok.com/f/1/abc/my_photo.png',
  alt: null,
  title: null,
  copyright: null,
  focus: null,
  is_private: false,
  meta_data: {},
  content_type: null,
  content_length: null,
  created_at: new Date(STARTED + 300).toISOString(),
}
const entry = { id: 5, filename: 'my.photo.png', startedAt: STARTED }

describe('what the upload journal may remove', () => {
  it('is its own entry: the same id, never finished, its name, created while its sign ran', () => {
    expect(isJournalled(entry, unfinished)).toBe(true)
  })

  it.each([
    ['a finished asset', { content_length: 120, content_type: 'image/png' }],
    ['another name', { filename: 'https://s3.amazonaws.com/a.storyblok.com/f/1/abc/hero.png' }],
    [
      'an asset created a day earlier',
      { created_at: new Date(STARTED - 86_400_000).toISOString() },
    ],
    ['an asset created an hour later', { created_at: new Date(STARTED + 3_600_000).toISOString() }],
    ['no creation time', { created_at: null }],
    ['another id', { id: 6 }],
  ])('is never %s', (_label, change) => {
    expect(isJournalled(entry, { ...unfinished, ...change })).toBe(false)
  })

  it('reads the stored name from the URL, decoded', () => {
    expect(storedName({ filename: 'https://x/f/1/abc/caf%C3%A9.png?x=1' })).toBe('café.png')
    expect(isUnfinished(unfinished)).toBe(true)
  })

  it('takes a stray of an unanswered sign by name and time, never a finished asset', () => {
    const sign = { filename: 'my.photo.png', startedAt: STARTED }
    expect(isStrayOf(sign, unfinished, STARTED + 60_000)).toBe(true)
    expect(
      isStrayOf(
        sign,
        { ...unfinished, content_length: 1, content_type: 'image/png' },
        STARTED + 60_000,
      ),
    ).toBe(false)
  })
})
