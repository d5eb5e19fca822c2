import { describe, expect, it } from 'vitest'
import {
  acceptAttribute,
  blocksUpload,
  checkFile,
  contentTypeForExtension,
  extensionOf,
  filenameChanges,
  finalFilename,
  formatBytes,
  isValidationProblem,
  matchesAccept,
  MAX_FILENAME_LENGTH,
  parseAccept,
  parseFileSize,
  predictStoryblokFilename,
  sanitizeFilename,
  sniffType,
  STORYBLOK_MAX_UPLOAD_BYTES,
  type AcceptRule,
} from '../../src/plugin/fileRules'

// Real file headers, built byte by byte (padded to 64 bytes like the composable reads).
function bytes(...parts: (number[] | string)[]): Uint8Array {
  const out: number[] = []
  for (const part of parts) {
    if (typeof part === 'string') for (const char of part) out.push(char.charCodeAt(0))
    else out.push(...part)
  }
  while (out.length < 64) out.push(0)
  return new Uint8Array(out)
}

function uint32BE(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]
}

function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const size = 16 + compatible.length * 4
  return bytes(uint32BE(size), 'ftyp', major, [0, 0, 0, 0], compatible.join(''))
}

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], uint32BE(13), 'IHDR')
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0])
const GIF = bytes('GIF89a', [1, 0, 1, 0])
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')
const WAV = bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')
const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
const ZIP = bytes('PK', [3, 4, 20, 0, 6, 0], [8, 0], '[Content_Types].xml')
const WEBM = bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm')
const MKV = bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska')
const OGG_VORBIS = bytes('OggS', [0, 2], new Array(22).fill(0), [0x01], 'vorbis')
const OGG_THEORA = bytes('OggS', [0, 2], new Array(22).fill(0), [0x80], 'theora')
const MP3_ID3 = bytes('ID3', [4, 0, 0, 0, 0, 0, 0])
const MP3_FRAME = bytes([0xff, 0xfb, 0x90, 0x64])
const AAC_ADTS = bytes([0xff, 0xf1, 0x50, 0x80])
const SVG = bytes('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">')
const SVG_XML = bytes(
  '\xef\xbb\xbf  <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">',
)
const XML = bytes('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<rss>')
const HTML = bytes('\n<!DOCTYPE html><html><head>')
const TEXT = bytes('name,size\nphoto.png,1024\n')

function file(name: string, size = 1024, type = ''): { name: string; size: number; type: string } {
  return { name, size, type }
}

function rule(option: string): AcceptRule {
  const parsed = parseAccept(option)
  if (isValidationProblem(parsed)) throw new Error(`invalid accept: ${option}`)
  return parsed
}

describe('sniffType', () => {
  it.each([
    ['PNG', PNG, 'png'],
    ['JPEG', JPEG, 'jpg'],
    ['GIF', GIF, 'gif'],
    ['WebP', WEBP, 'webp'],
    ['AVIF', ftyp('avif', 'mif1', 'miaf'), 'avif'],
    ['AVIF under a mif1 major brand', ftyp('mif1', 'avif', 'miaf'), 'avif'],
    ['HEIC', ftyp('heic', 'mif1', 'heic'), 'heic'],
    ['HEIF', ftyp('mif1', 'mif1'), 'heic'],
    ['PDF', PDF, 'pdf'],
    ['ZIP', ZIP, 'zip'],
    ['MP4', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'mp4'],
    ['WebM', WEBM, 'webm'],
    ['Ogg Vorbis', OGG_VORBIS, 'ogg'],
    ['MP3 with an ID3 tag', MP3_ID3, 'mp3'],
    ['MP3 starting with a frame', MP3_FRAME, 'mp3'],
    ['WAV', WAV, 'wav'],
    ['SVG', SVG, 'svg'],
    ['SVG after a BOM, whitespace and an XML declaration', SVG_XML, 'svg'],
  ])('recognises %s', (_, header, expected) => {
    expect(sniffType(header)?.[0]).toBe(expected)
  })

  it.each([
    ['a ZIP', ZIP, 'docx'],
    ['a ZIP', ZIP, 'odt'],
    ['a QuickTime file', ftyp('qt  ', 'qt  '), 'mov'],
    ['an M4A file', ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'm4a'],
    ['a Matroska file', MKV, 'mkv'],
    ['an Ogg Theora file', OGG_THEORA, 'ogv'],
    ['a JPEG', JPEG, 'jpeg'],
  ])('lets %s be served as .%s', (_, header, extension) => {
    expect(sniffType(header)).toContain(extension)
  })

  it.each([
    ['plain text', TEXT],
    ['other XML', XML],
    ['HTML', HTML],
    ['raw AAC (ADTS), which is not MP3', AAC_ADTS],
    ['too few bytes to tell', new Uint8Array([0x89, 0x50])],
  ])('says nothing for %s', (_, header) => {
    expect(sniffType(header)).toBeNull()
  })
})

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

describe('contentTypeForExtension', () => {
  it.each([
    ['png', 'image/png'],
    ['jpg', 'image/jpeg'],
    ['svg', 'image/svg+xml'],
    ['mov', 'video/quicktime'],
    ['m4a', 'audio/mp4'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ])('serves .%s as %s', (extension, expected) => {
    expect(contentTypeForExtension(extension)).toBe(expected)
  })

  it('serves an unknown extension as application/octet-stream', () => {
    expect(contentTypeForExtension('exe')).toBe('application/octet-stream')
  })

  it('does not read inherited object keys as extensions', () => {
    expect(contentTypeForExtension('constructor')).toBe('application/octet-stream')
  })
})

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
    expect([groups, others]).toEqual([
      ['images', 'texts'],
      ['PDF', 'DOCX', 'font/*'],
    ])
  })

  it('names the first token it cannot read', () => {
    expect(parseAccept('images, imgae/png, .pdf')).toEqual({
      kind: 'problem',
      option: 'accept',
      value: 'imgae/png',
    })
  })

  it('rejects a bare word that is not a known extension', () => {
    expect(isValidationProblem(parseAccept('pictures'))).toBe(true)
  })

  it('rejects a multi-dot extension, which Storyblok would never keep', () => {
    expect(isValidationProblem(parseAccept('.tar.gz'))).toBe(true)
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

  it('reads an empty option as no limit', () => {
    expect([parseFileSize(''), parseFileSize(undefined)]).toEqual([null, null])
  })

  it('reads a number of bytes', () => {
    expect(parseFileSize(2048)).toBe(2048)
  })

  it.each(['twenty MB', '20 XB', '0', '0.5', '-1MB', '1e6', '1,5 MB'])(
    'reports %j as a problem',
    (option) => {
      expect(parseFileSize(option)).toEqual({
        kind: 'problem',
        option: 'maxFileSize',
        value: option,
      })
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
    expect([formatBytes(512), formatBytes(0)]).toEqual(['512 B', '0 B'])
  })
})

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
    expect([name.length, name.endsWith('x.png')]).toEqual([MAX_FILENAME_LENGTH, true])
  })

  it('shortens a long emoji name by whole emoji', () => {
    const name = sanitizeFilename(`${'👨‍👩‍👧'.repeat(40)}.png`)
    expect([name.length <= MAX_FILENAME_LENGTH, /^(👨‍👩‍👧)+\.png$/u.test(name)]).toEqual([true, true])
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

describe('filenameChanges', () => {
  it('lists every rule that changed the name, in order', () => {
    expect(filenameChanges(`../my.photo ${'x'.repeat(200)}.PNG`)).toEqual([
      'characters',
      'length',
      'dots',
    ])
  })

  it('reports hidden characters', () => {
    expect(filenameChanges('\u202Egnp.exe')).toEqual(['characters'])
  })

  it('reports nothing for a clean name', () => {
    expect(filenameChanges('photo.png')).toEqual([])
  })

  it('does not report Unicode normalisation, which nobody can see', () => {
    expect(filenameChanges('Cafe\u0301.png')).toEqual([])
  })

  it('reports only Storyblok’s dot rule for a clean name with several dots', () => {
    expect(filenameChanges('a.b.c.tar.gz')).toEqual(['dots'])
  })
})

describe('checkFile', () => {
  it('passes a good file', () => {
    expect(
      checkFile({ file: file('photo.png', 10, 'image/png'), bytes: PNG, rule: rule('images') }),
    ).toEqual([])
  })

  it('reports an empty file', () => {
    expect(checkFile({ file: file('photo.jpg', 0) })).toEqual([
      { code: 'empty', severity: 'error', name: 'photo.jpg' },
    ])
  })

  it('reports a file over the field’s limit', () => {
    expect(checkFile({ file: file('big.png', 32 * 1024 ** 2), maxBytes: 20 * 1024 ** 2 })).toEqual([
      { code: 'too-large', severity: 'error', name: 'big.png', maxBytes: 20 * 1024 ** 2 },
    ])
  })

  it('applies Storyblok’s own limit without a field limit', () => {
    const [problem] = checkFile({ file: file('huge.mp4', STORYBLOK_MAX_UPLOAD_BYTES + 1) })
    expect([problem?.code, problem?.maxBytes]).toEqual(['too-large', STORYBLOK_MAX_UPLOAD_BYTES])
  })

  it('reports a type the field does not accept, with what it accepts', () => {
    const problems = checkFile({
      file: file('doc.pdf', 10, 'application/pdf'),
      rule: rule('images'),
    })
    expect(problems.map(({ code, accepted }) => [code, accepted?.groups])).toEqual([
      ['not-accepted', ['images']],
    ])
  })

  it('reports PNG bytes named .jpg as an error and suggests .png', () => {
    expect(checkFile({ file: file('photo.jpg', 10, 'image/jpeg'), bytes: PNG })).toEqual([
      {
        code: 'type-mismatch',
        severity: 'error',
        name: 'photo.jpg',
        detected: 'png',
        extension: 'jpg',
        suggested: 'photo.png',
      },
    ])
  })

  it('reports a PDF named .docx', () => {
    const [problem] = checkFile({ file: file('cv.docx', 10), bytes: PDF })
    expect([problem?.code, problem?.suggested]).toEqual(['type-mismatch', 'cv.pdf'])
  })

  it('catches the RTL trick: an executable that displays as .png', () => {
    const codes = checkFile({
      file: file('\u202Egnp.exe', 10, 'application/x-msdownload'),
      rule: rule('images'),
    }).map((problem) => problem.code)
    expect(codes).toEqual(['not-accepted', 'renamed'])
  })

  it('accepts a DOCX whose bytes are a ZIP', () => {
    expect(checkFile({ file: file('cv.docx', 10), bytes: ZIP, rule: rule('texts') })).toEqual([])
  })

  it('accepts a QuickTime file named .mp4', () => {
    expect(checkFile({ file: file('clip.mp4', 10), bytes: ftyp('qt  ', 'qt  ') })).toEqual([])
  })

  it('warns, without blocking, when an unknown extension hides a known type', () => {
    const problems = checkFile({ file: file('scan.jfif', 10, 'image/jpeg'), bytes: JPEG })
    expect([problems[0]?.code, problems[0]?.severity, blocksUpload(problems)]).toEqual([
      'type-mismatch',
      'warning',
      false,
    ])
  })

  it('reports a missing extension and suggests one from the bytes', () => {
    expect(checkFile({ file: file('scan', 10), bytes: PDF })).toEqual([
      { code: 'no-extension', severity: 'error', name: 'scan', suggested: 'scan.pdf' },
    ])
  })

  it('reports a missing extension without a suggestion when the bytes say nothing', () => {
    const [problem] = checkFile({ file: file('README', 10), bytes: TEXT })
    expect([problem?.code, problem?.suggested]).toEqual(['no-extension', undefined])
  })

  it('reports a file whose bytes could not be read', () => {
    const [problem] = checkFile({ file: file('photo.png', 10), bytes: null })
    expect([problem?.code, problem?.severity]).toEqual(['unreadable', 'error'])
  })

  it('notes the name Storyblok will store, with the reasons', () => {
    expect(checkFile({ file: file('my photo.v2.png', 10), bytes: PNG })).toEqual([
      {
        code: 'renamed',
        severity: 'info',
        name: 'my-photo_v2.png',
        changes: ['characters', 'dots'],
      },
    ])
  })

  it('checks the edited name, not the original', () => {
    expect(
      checkFile({ file: file('photo.jpg', 10, 'image/jpeg'), name: 'photo.png', bytes: PNG }),
    ).toEqual([])
  })

  it('ignores the browser’s type once the editor changed the extension', () => {
    const codes = checkFile({
      file: file('photo.png', 10, 'image/png'),
      name: 'photo.pdf',
      rule: rule('images'),
    }).map((problem) => problem.code)
    expect(codes).toContain('not-accepted')
  })

  it('shows a path-free, control-free name in problems', () => {
    const [problem] = checkFile({ file: file('../../etc/\u202Epasswd', 0) })
    expect(problem?.name).toBe('passwd')
  })

  it('does not block for a rename notice alone', () => {
    expect(blocksUpload(checkFile({ file: file('a b.png', 10), bytes: PNG }))).toBe(false)
  })
})
