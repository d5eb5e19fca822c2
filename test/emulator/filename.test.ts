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

  // The types the `mime-types` package (3.0, mime-db 1.54) gives for what editors upload most.
  it.each([
    ['csv', 'text/csv'],
    ['zip', 'application/zip'],
    ['m4a', 'audio/mp4'],
    ['wav', 'audio/wav'],
    ['jpg', 'image/jpeg'],
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['svg', 'image/svg+xml'],
    ['pdf', 'application/pdf'],
    ['mp4', 'video/mp4'],
    ['mp3', 'audio/mpeg'],
    ['txt', 'text/plain'],
    ['md', 'text/markdown'],
    ['json', 'application/json'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['ico', 'image/vnd.microsoft.icon'],
    ['m4v', 'video/x-m4v'],
    ['flac', 'audio/x-flac'],
  ])('signs .%s as %s', (extension, expected) => {
    expect(contentTypeFor(`file.${extension}`)).toBe(expected)
  })

  it('does not read inherited object keys as extensions', () => {
    expect(contentTypeFor('x.constructor')).toBe('application/octet-stream')
    expect(contentTypeFor('x.__proto__')).toBe('application/octet-stream')
  })

  it('falls back to application/octet-stream', () => {
    expect(contentTypeFor('a.unknownext')).toBe('application/octet-stream')
    expect(contentTypeFor('noext')).toBe('application/octet-stream')
  })
})
