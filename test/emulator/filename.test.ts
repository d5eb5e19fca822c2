import { describe, expect, it } from 'vitest'
import { contentTypeFor, storyblokFilename } from '../../emulator/filename'

describe('storyblokFilename', () => {
  it('turns every dot but the last into an underscore', () => {
    expect(storyblokFilename('my.photo.final.png')).toBe('my_photo_final.png')
  })

  it('keeps a name with a single dot unchanged', () => {
    expect(storyblokFilename('photo.JPG')).toBe('photo.JPG')
  })

  it('keeps a name without an extension, and a leading-dot name', () => {
    expect(storyblokFilename('README')).toBe('README')
    expect(storyblokFilename('.env')).toBe('.env')
  })

  it('keeps case, spaces and non-ASCII letters', () => {
    expect(storyblokFilename('Mein Foto.v2 Ü.png')).toBe('Mein Foto_v2 Ü.png')
  })

  it('drops a directory part and replaces control characters', () => {
    expect(storyblokFilename('C:\\Users\\me\\a.b.png')).toBe('a_b.png')
    expect(storyblokFilename('dir/sub/x.png')).toBe('x.png')
    expect(storyblokFilename('a\u0000b.png')).toBe('a_b.png')
  })
})

describe('contentTypeFor', () => {
  it('maps common extensions case-insensitively', () => {
    expect(contentTypeFor('a.PNG')).toBe('image/png')
    expect(contentTypeFor('a.jpeg')).toBe('image/jpeg')
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml')
    expect(contentTypeFor('a.pdf')).toBe('application/pdf')
    expect(contentTypeFor('a.mp4')).toBe('video/mp4')
  })

  it('falls back to application/octet-stream', () => {
    expect(contentTypeFor('a.unknownext')).toBe('application/octet-stream')
    expect(contentTypeFor('noext')).toBe('application/octet-stream')
  })
})
