import { describe, expect, it } from 'vitest'
import { parseFileSize, formatBytes } from '../../../src/domain/fileRules/sizes'

describe('parseFileSize', () => {
  it.each([
    ['1048576', 1048576],
    ['20MB', 20 * 1024 ** 2],
    ['20 MB', 20 * 1024 ** 2],
    ['20MiB', 20 * 1024 ** 2],
    ['1.5GB', 1.5 * 1024 ** 3],
    ['500kb', 500 * 1024],
    ['2 g', 2 * 1024 ** 3],
  ])('reads %j as %i bytes (1024-based)', (option, expected) => {
    expect(parseFileSize(option)).toBe(expected)
  })

  it.each(['twenty MB', '20 XB', '0', '0.5', '-1MB', '1e6', '1,5 MB', ''])(
    'refuses %j',
    (option) => {
      expect(parseFileSize(option)).toBeUndefined()
    },
  )
})

describe('formatBytes', () => {
  it('formats with binary units', () => {
    expect(formatBytes(32 * 1024 ** 2)).toBe('32 MB')
  })

  it('uses the locale’s decimal mark', () => {
    expect(formatBytes(1536, 'de')).toBe('1,5 KB')
  })

  it('keeps small sizes in bytes', () => {
    expect.soft(formatBytes(512)).toEqual('512 B')
    expect.soft(formatBytes(0)).toEqual('0 B')
  })
})
