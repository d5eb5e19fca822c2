import { describe, expect, it } from 'vitest'
import { parseAccept, acceptAttribute, matchesAccept } from '../../../src/domain/fileRules/accept'
import { rule } from './fixtures'

describe('parseAccept', () => {
  it('accepts anything when the option is empty', () => {
    expect(rule('  ').anything).toBe(true)
  })

  it('accepts anything for */*', () => {
    expect(rule('images,*/*').anything).toBe(true)
  })

  it('reads MIME types, wildcards and extensions case-insensitively', () => {
    expect(rule('Image/PNG, video/*, .PDF').patterns).toEqual(['image/png', 'video/*', '.pdf'])
  })

  it('expands Storyblok’s groups', () => {
    expect(rule('images,audios,texts').patterns.slice(0, 4)).toEqual([
      'image/*',
      'audio/*',
      'text/*',
      '.pdf',
    ])
  })

  it('reads a bare known extension as an extension', () => {
    expect(rule('pdf').patterns).toEqual(['.pdf'])
  })

  it('knows image/jpg as image/jpeg', () => {
    expect(rule('image/jpg').patterns).toEqual(['image/jpeg'])
  })

  it('names groups, and short labels for the rest', () => {
    const { groups, others } = rule('image/*,application/pdf,.docx,font/*,texts')
    expect.soft(groups).toEqual(['images', 'texts'])
    expect.soft(others).toEqual(['PDF', 'DOCX', 'font/*'])
  })

  it('names the first token it cannot read', () => {
    expect(parseAccept('images, imgae/png, .pdf')).toEqual({ invalid: 'imgae/png' })
  })

  it('rejects a bare word that is not a known extension', () => {
    expect(parseAccept('pictures')).toEqual({ invalid: 'pictures' })
  })

  it('rejects a multi-dot extension, which Storyblok would never keep', () => {
    expect(parseAccept('.tar.gz')).toEqual({ invalid: '.tar.gz' })
  })

  it('skips empty entries', () => {
    expect(rule('png,, .pdf,').patterns).toEqual(['.png', '.pdf'])
  })

  it('refuses a list of nothing but commas, which would refuse every file', () => {
    expect(parseAccept(' , ,,')).toEqual({ invalid: '' })
  })
})

describe('acceptAttribute', () => {
  it('lists wildcards, types and extensions for <input accept>', () => {
    expect(acceptAttribute(rule('images,application/pdf,.docx'))).toBe(
      'image/*,application/pdf,.docx',
    )
  })

  it('is undefined when anything is accepted', () => {
    expect(acceptAttribute(rule(''))).toBeUndefined()
  })
})

describe('matchesAccept', () => {
  it('accepts an image for the images group', () => {
    expect(matchesAccept(rule('images'), { name: 'photo.png', type: 'image/png' })).toBe(true)
  })

  it('rejects a PDF for the images group', () => {
    expect(matchesAccept(rule('images'), { name: 'doc.pdf', type: 'application/pdf' })).toBe(false)
  })

  it('judges a known extension over a browser type that contradicts it', () => {
    expect(matchesAccept(rule('images'), { name: 'photo.pdf', type: 'image/png' })).toBe(false)
  })

  it('uses the browser type when the extension is unknown', () => {
    expect(matchesAccept(rule('image/jpeg'), { name: 'scan.jfif', type: 'image/jpeg' })).toBe(true)
  })

  it('accepts a DOCX for texts', () => {
    expect(matchesAccept(rule('texts'), { name: 'cv.docx', type: '' })).toBe(true)
  })

  it('accepts CSV for texts through text/*', () => {
    expect(matchesAccept(rule('texts'), { name: 'data.csv', type: 'text/csv' })).toBe(true)
  })

  it('matches extensions case-insensitively', () => {
    expect(matchesAccept(rule('.pdf'), { name: 'REPORT.PDF', type: '' })).toBe(true)
  })

  it('rejects a file without an extension or a type', () => {
    expect(matchesAccept(rule('images'), { name: 'README', type: '' })).toBe(false)
  })
})
