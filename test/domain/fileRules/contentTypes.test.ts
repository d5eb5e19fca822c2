import { describe, expect, it } from 'vitest'
import {
  extensionOf,
  normalizeType,
  typeOfExtension,
} from '../../../src/domain/fileRules/contentTypes'

describe('extensionOf', () => {
  it.each([
    ['photo.JPG', 'jpg'],
    ['a.b.c.tar.gz', 'gz'],
    ['.env', ''],
    ['README', ''],
    ['notes.final version', ''],
    ['../../etc/passwd.png', 'png'],
    ['\u202Egnp.exe', 'exe'],
  ])('of %j is %j', (name, expected) => {
    expect(extensionOf(name)).toBe(expected)
  })
})

describe('typeOfExtension', () => {
  it.each([
    ['png', 'image/png'],
    ['jpg', 'image/jpeg'],
    ['svg', 'image/svg+xml'],
    ['mov', 'video/quicktime'],
    ['m4a', 'audio/mp4'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ])('serves .%s as %s', (extension, expected) => {
    expect(typeOfExtension(extension)).toBe(expected)
  })

  it('does not know an extension it has no type for', () => {
    expect(typeOfExtension('exe')).toBeUndefined()
  })

  it('does not read inherited object keys as extensions', () => {
    expect(typeOfExtension('constructor')).toBeUndefined()
  })
})

describe('normalizeType', () => {
  it('lower-cases and drops parameters', () => {
    expect(normalizeType(' Image/PNG; charset=binary')).toBe('image/png')
  })

  it.each([
    ['image/jpg', 'image/jpeg'],
    ['image/pjpeg', 'image/jpeg'],
    ['text/x-csv', 'text/csv'],
    ['audio/x-wav', 'audio/wav'],
    ['audio/x-m4a', 'audio/mp4'],
    ['application/x-zip-compressed', 'application/zip'],
  ])('reads a browser’s %s as %s', (browser, registered) => {
    expect(normalizeType(browser)).toBe(registered)
  })

  it('does not take Excel’s type for a CSV: it is the type of .xls files', () => {
    expect(normalizeType('application/vnd.ms-excel')).toBe('application/vnd.ms-excel')
  })
})
