import { describe, expect, it } from 'vitest'
import { altHints } from '../../src/domain/altHints'

const base = { filename: 'https://a.storyblok.com/f/1/64x48/abc/red_barn-at.dusk.png', title: '' }

describe('altHints', () => {
  it('gives no hint for good alt text', () => {
    expect(altHints({ ...base, alt: 'A red barn at dusk under a violet sky' })).toEqual([])
  })

  it('gives no hint for an empty alt (requireAlt deals with that)', () => {
    expect(altHints({ ...base, alt: '' })).toEqual([])
  })

  it('notices alt text that only repeats the file name', () => {
    expect(altHints({ ...base, alt: 'red barn at dusk' })).toEqual(['same-as-filename'])
  })

  it.each([
    ['Image of a barn'],
    ['picture of a barn'],
    ['A photo of a barn'],
    ['Bild von einer Scheune'],
  ])('notices the redundant prefix in “%s”', (alt) => {
    expect(altHints({ ...base, alt })).toContain('redundant-prefix')
  })

  it('notices alt text longer than about 150 characters', () => {
    expect(altHints({ ...base, alt: 'A barn. '.repeat(20) })).toContain('too-long')
  })

  it('notices alt text equal to the title', () => {
    expect(altHints({ ...base, alt: 'Barn', title: ' barn ' })).toEqual(['same-as-title'])
  })
})
