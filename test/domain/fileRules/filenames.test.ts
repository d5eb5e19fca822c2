import { describe, expect, it } from 'vitest'
import {
  finalFilename,
  predictStoryblokFilename,
  sanitizeFilename,
  cleanFilename,
  MAX_FILENAME_LENGTH,
} from '../../../src/domain/fileRules/filenames'

describe('predictStoryblokFilename', () => {
  it('turns every dot but the last into an underscore', () => {
    expect(predictStoryblokFilename('a.b.c.tar.gz')).toBe('a_b_c_tar.gz')
  })

  it('leaves a name with one dot alone', () => {
    expect(predictStoryblokFilename('photo.png')).toBe('photo.png')
  })
})

describe('sanitizeFilename', () => {
  it.each([
    ['spaces', 'my holiday  photo.png', 'my-holiday-photo.png'],
    ['a path with ../', '../../etc/passwd.png', 'passwd.png'],
    ['a Windows path', 'C:\\Users\\me\\photo.png', 'photo.png'],
    ['the RTL override trick', 'invoice\u202Egnp.exe', 'invoicegnp.exe'],
    ['emoji', '🐱 cat.png', '🐱-cat.png'],
    ['a flag and a ZWJ family', '🇩🇪👨‍👩‍👧.png', '🇩🇪👨‍👩‍👧.png'],
    ['Café written with a combining accent', 'Cafe\u0301.png', 'Caf\u00e9.png'],
    ['right-to-left letters', 'صورة.png', 'صورة.png'],
    ['URL delimiters', 'a#b?c%d&e+f.png', 'a-b-c-d-e-f.png'],
    ['a dash next to a replaced character', 'photo - (1).jpg', 'photo-1.jpg'],
    ['an upper-case extension', 'IMG_0001.JPG', 'IMG_0001.jpg'],
    ['a dotfile', '.env', 'env'],
    ['trailing dots', 'photo.png..', 'photo.png'],
    ['a name of symbols only', '???.png', 'file.png'],
    ['an empty name', '', 'file'],
    ['a control character', 'a\u0000b\nc.png', 'abc.png'],
  ])('cleans %s', (_, name, expected) => {
    expect(sanitizeFilename(name)).toBe(expected)
  })

  it('keeps dots for Storyblok to handle', () => {
    expect(sanitizeFilename('a.b.c.tar.gz')).toBe('a.b.c.tar.gz')
  })

  it('shortens a 300-character name to the limit, keeping the extension', () => {
    const name = sanitizeFilename(`${'x'.repeat(300)}.png`)
    expect.soft(name.length).toEqual(MAX_FILENAME_LENGTH)
    expect.soft(name.endsWith('x.png')).toEqual(true)
  })

  it('shortens a long emoji name by whole emoji', () => {
    const name = sanitizeFilename(`${'👨‍👩‍👧'.repeat(40)}.png`)
    expect.soft(name.length <= MAX_FILENAME_LENGTH).toEqual(true)
    expect.soft(/^(👨‍👩‍👧)+\.png$/u.test(name)).toEqual(true)
  })

  it('does not leave a dash where it cut', () => {
    expect(sanitizeFilename(`${'ab-'.repeat(60)}.png`)).toMatch(/b\.png$/)
  })

  it('produces names that Storyblok’s dot rule changes only at the dots', () => {
    const hostile = ['my photo (2).v2.PNG', '../x/.hidden.tar.gz', '\u202Egnp.exe', '🐱 cat.png']
    for (const name of hostile) {
      const clean = sanitizeFilename(name)
      expect(predictStoryblokFilename(clean).replaceAll('_', '.')).toBe(clean.replaceAll('_', '.'))
    }
  })
})

describe('finalFilename', () => {
  it('applies the plugin’s clean-up and then Storyblok’s dot rule', () => {
    expect(finalFilename('my photo.v2.PNG')).toBe('my-photo_v2.png')
  })
})

describe('cleanFilename', () => {
  it('lists every rule that changed the name, in order', () => {
    expect(cleanFilename(`../my.photo ${'x'.repeat(200)}.PNG`).changes).toEqual([
      'characters',
      'length',
      'dots',
    ])
  })

  it('reports hidden characters', () => {
    expect(cleanFilename('\u202Egnp.exe').changes).toEqual(['characters'])
  })

  it('reports nothing for a clean name', () => {
    expect(cleanFilename('photo.png').changes).toEqual([])
  })

  it('does not report Unicode normalisation, which nobody can see', () => {
    expect(cleanFilename('Cafe\u0301.png').changes).toEqual([])
  })

  it('reports only Storyblok’s dot rule for a clean name with several dots', () => {
    expect(cleanFilename('a.b.c.tar.gz').changes).toEqual(['dots'])
  })
})
