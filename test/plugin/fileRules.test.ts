import { describe, expect, it } from 'vitest'
import {
  acceptAttribute,
  acceptLabels,
  blocksUpload,
  checkFile,
  contentTypeForExtension,
  extensionOf,
  filenameChanges,
  finalFilename,
  formatBytes,
  isValidationProblem,
  matchesAccept,
  MAX_FILENAME_BYTES,
  MAX_FILENAME_CHARACTERS,
  parseAccept,
  parseFileSize,
  predictStoryblokFilename,
  sanitizeFilename,
  sniffType,
  STORYBLOK_MAX_UPLOAD_BYTES,
  typesCompatible,
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
const BMP = bytes('BM', [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0], [40, 0, 0, 0])
const ICO = bytes([0, 0, 1, 0, 1, 0, 16, 16, 0, 0])
const TIFF_LE = bytes('II', [0x2a, 0x00, 8, 0, 0, 0])
const TIFF_BE = bytes('MM', [0x00, 0x2a, 0, 0, 0, 8])
const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
const ZIP = bytes('PK', [3, 4, 20, 0, 6, 0], [8, 0], '[Content_Types].xml')
const CFB = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const WEBM = bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm')
const MKV = bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska')
const OGG_VORBIS = bytes('OggS', [0, 2], new Array(22).fill(0), [0x01], 'vorbis')
const OGG_THEORA = bytes('OggS', [0, 2], new Array(22).fill(0), [0x80], 'theora')
const FLAC = bytes('fLaC', [0, 0, 0, 0x22])
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
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['GIF', GIF, 'image/gif'],
    ['WebP', WEBP, 'image/webp'],
    ['AVIF', ftyp('avif', 'mif1', 'miaf'), 'image/avif'],
    ['AVIF under a mif1 major brand', ftyp('mif1', 'avif', 'miaf'), 'image/avif'],
    ['HEIC', ftyp('heic', 'mif1', 'heic'), 'image/heic'],
    ['HEIF', ftyp('mif1', 'mif1'), 'image/heif'],
    ['BMP', BMP, 'image/bmp'],
    ['ICO', ICO, 'image/vnd.microsoft.icon'],
    ['little-endian TIFF', TIFF_LE, 'image/tiff'],
    ['big-endian TIFF', TIFF_BE, 'image/tiff'],
    ['PDF', PDF, 'application/pdf'],
    ['ZIP', ZIP, 'application/zip'],
    ['an OLE compound file', CFB, 'application/x-cfb'],
    ['MP4', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video/mp4'],
    ['QuickTime', ftyp('qt  ', 'qt  '), 'video/quicktime'],
    ['M4A', ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'audio/mp4'],
    ['WebM', WEBM, 'video/webm'],
    ['Matroska', MKV, 'video/x-matroska'],
    ['Ogg Vorbis', OGG_VORBIS, 'audio/ogg'],
    ['Ogg Theora', OGG_THEORA, 'video/ogg'],
    ['MP3 with an ID3 tag', MP3_ID3, 'audio/mpeg'],
    ['MP3 starting with a frame', MP3_FRAME, 'audio/mpeg'],
    ['raw AAC (ADTS)', AAC_ADTS, 'audio/aac'],
    ['WAV', WAV, 'audio/wav'],
    ['FLAC', FLAC, 'audio/flac'],
    ['SVG', SVG, 'image/svg+xml'],
    ['SVG after a BOM, whitespace and an XML declaration', SVG_XML, 'image/svg+xml'],
    ['other XML', XML, 'application/xml'],
    ['HTML', HTML, 'text/html'],
  ])('recognises %s', (_, header, expected) => {
    expect(sniffType(header)).toBe(expected)
  })

  it('returns null for plain text', () => {
    expect(sniffType(TEXT)).toBeNull()
  })

  it('returns null for too few bytes to tell', () => {
    expect(sniffType(new Uint8Array([0x89, 0x50]))).toBeNull()
  })

  it('does not take a JPEG for MPEG audio although both start with 0xFF', () => {
    expect(sniffType(JPEG)).not.toBe('audio/mpeg')
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
    ['JPG', 'image/jpeg'],
    ['.svg', 'image/svg+xml'],
    ['mov', 'video/quicktime'],
    ['m4a', 'audio/mp4'],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['woff2', 'font/woff2'],
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

describe('typesCompatible', () => {
  it('treats a ZIP as a valid DOCX', () => {
    expect(
      typesCompatible(
        'application/zip',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ),
    ).toBe(true)
  })

  it('treats a QuickTime file as a valid MP4', () => {
    expect(typesCompatible('video/quicktime', 'video/mp4')).toBe(true)
  })

  it('does not treat a PNG as a JPEG', () => {
    expect(typesCompatible('image/png', 'image/jpeg')).toBe(false)
  })
})

describe('parseAccept', () => {
  it('accepts anything when the option is empty', () => {
    expect(rule('  ').anything).toBe(true)
  })

  it('reads MIME types, wildcards and extensions case-insensitively', () => {
    const parsed = rule('Image/PNG, video/*, .PDF')
    expect([parsed.types, parsed.families, parsed.extensions]).toEqual([
      ['image/png'],
      ['video'],
      ['pdf'],
    ])
  })

  it('expands Storyblok’s groups', () => {
    expect(rule('images,audios').families).toEqual(['image', 'audio'])
  })

  it('reads a bare known extension as an extension', () => {
    expect(rule('pdf').extensions).toEqual(['pdf'])
  })

  it('names the first token it cannot read', () => {
    expect(parseAccept('images, imgae/png, .pdf')).toEqual({
      kind: 'problem',
      option: 'accept',
      code: 'invalid-accept-token',
      value: 'imgae/png',
    })
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

describe('acceptLabels', () => {
  it('names groups and short labels for the rest', () => {
    expect(acceptLabels(rule('image/*,application/pdf,.docx,font/*'))).toEqual({
      groups: ['images'],
      others: ['font/*', 'PDF', 'DOCX'],
    })
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
    expect(parseFileSize('')).toBeNull()
  })

  it.each(['twenty MB', '20 XB', '0', '0.5', '-1MB', '1e6', '1,5 MB'])(
    'reports %j as a problem',
    (option) => {
      expect(parseFileSize(option)).toEqual({
        kind: 'problem',
        option: 'maxFileSize',
        code: 'invalid-file-size',
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
    expect(formatBytes(512)).toBe('512 B')
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
    expect([name.length, name.endsWith('x.png')]).toEqual([MAX_FILENAME_CHARACTERS, true])
  })

  it('shortens a long emoji name by whole emoji, within the byte limit', () => {
    const name = sanitizeFilename(`${'👨‍👩‍👧'.repeat(40)}.png`)
    expect([
      new TextEncoder().encode(name).length <= MAX_FILENAME_BYTES,
      /^(👨‍👩‍👧)+\.png$/u.test(name),
    ]).toEqual([true, true])
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
    expect(filenameChanges('../my photo.v2.PNG')).toEqual([
      'path',
      'spaces',
      'extension-case',
      'dots',
    ])
  })

  it('reports hidden characters', () => {
    expect(filenameChanges('\u202Egnp.exe')).toEqual(['hidden-characters'])
  })

  it('reports nothing for a clean name', () => {
    expect(filenameChanges('photo.png')).toEqual([])
  })

  it('does not report Unicode normalisation, which nobody can see', () => {
    expect(filenameChanges('Cafe\u0301.png')).toEqual([])
  })

  it('reports the fallback name', () => {
    expect(filenameChanges('???')).toEqual(['characters', 'empty'])
  })
})

describe('checkFile', () => {
  it('passes a good file', () => {
    expect(
      checkFile({ file: file('photo.png', 10, 'image/png'), bytes: PNG, rule: rule('images') }),
    ).toEqual([])
  })

  it('reports an empty file', () => {
    expect(checkFile({ file: file('photo.jpg', 0) }).map((problem) => problem.code)).toEqual([
      'empty',
    ])
  })

  it('reports a file over the field’s limit with both sizes', () => {
    expect(checkFile({ file: file('big.png', 32 * 1024 ** 2), maxBytes: 20 * 1024 ** 2 })).toEqual([
      {
        code: 'too-large',
        severity: 'error',
        name: 'big.png',
        size: 32 * 1024 ** 2,
        maxBytes: 20 * 1024 ** 2,
      },
    ])
  })

  it('applies Storyblok’s own limit without a field limit', () => {
    const [problem] = checkFile({ file: file('huge.mp4', STORYBLOK_MAX_UPLOAD_BYTES + 1) })
    expect(problem?.code).toBe('too-large')
  })

  it('reports a type the field does not accept, with what it accepts', () => {
    expect(
      checkFile({ file: file('doc.pdf', 10, 'application/pdf'), rule: rule('images') }),
    ).toEqual([
      {
        code: 'not-accepted',
        severity: 'error',
        name: 'doc.pdf',
        type: 'application/pdf',
        accepted: { groups: ['images'], others: [] },
      },
    ])
  })

  it('reports PNG bytes named .jpg as an error and suggests .png', () => {
    expect(checkFile({ file: file('photo.jpg', 10, 'image/jpeg'), bytes: PNG })).toEqual([
      {
        code: 'type-mismatch',
        severity: 'error',
        name: 'photo.jpg',
        detected: 'image/png',
        declared: 'image/jpeg',
        extension: 'jpg',
        suggestedName: 'photo.png',
      },
    ])
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
      {
        code: 'no-extension',
        severity: 'error',
        name: 'scan',
        detected: 'application/pdf',
        suggestedName: 'scan.pdf',
      },
    ])
  })

  it('notes the name Storyblok will store, with the reasons', () => {
    expect(checkFile({ file: file('my photo.v2.png', 10), bytes: PNG })).toEqual([
      {
        code: 'renamed',
        severity: 'info',
        name: 'my photo.v2.png',
        finalName: 'my-photo_v2.png',
        changes: ['spaces', 'dots'],
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
