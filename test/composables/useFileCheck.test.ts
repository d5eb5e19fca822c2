import { describe, expect, it, vi } from 'vitest'
import {
  describeAccept,
  describeFileProblem,
  describeLimits,
  describeOptionProblem,
  SNIFF_BYTES,
  useFileCheck,
} from '../../src/composables/useFileCheck'
import { translate } from '../../src/i18n/locale'
import type { MessageKey } from '../../src/i18n/messages'
import type { MessageParams } from '../../src/i18n/locale'
import {
  blocksUpload,
  checkFile,
  isValidationProblem,
  parseAccept,
  parseFileSize,
  type AcceptRule,
  type FileProblem,
} from '../../src/plugin/fileRules'

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]

function pngFile(name: string, extra = 100): File {
  return new File([new Uint8Array([...PNG_HEADER, ...new Array<number>(extra).fill(0)])], name, {
    type: 'image/png',
  })
}

function rule(option: string): AcceptRule {
  const parsed = parseAccept(option)
  if (isValidationProblem(parsed)) throw new Error(`invalid accept: ${option}`)
  return parsed
}

// Strips the bidi isolates around names so assertions read naturally.
function plain(text: string): string {
  return text.replace(/[\u2068\u2069]/g, '')
}

function only(problems: FileProblem[]): FileProblem {
  const [problem] = problems
  if (!problem || problems.length !== 1)
    throw new Error(`expected one problem, got ${problems.length}`)
  return problem
}

const de = (key: MessageKey, params?: MessageParams) => translate(key, params, 'de')

describe('useFileCheck', () => {
  it('finds PNG bytes behind a .jpg name in a real file', async () => {
    const { check } = useFileCheck()
    const problems = await check(pngFile('photo.jpg'))
    expect(problems.map((problem) => problem.code)).toEqual(['type-mismatch'])
  })

  it('reads only the first bytes of the file', async () => {
    const readHead = vi.fn((file: Blob, length: number) => file.slice(0, length).arrayBuffer())
    await useFileCheck({ readHead }).check(pngFile('photo.png', 10_000))
    expect(readHead).toHaveBeenCalledWith(expect.any(Blob), SNIFF_BYTES)
  })

  it('does not read an empty file', async () => {
    const readHead = vi.fn(() => Promise.resolve(new ArrayBuffer(0)))
    await useFileCheck({ readHead }).check(new File([], 'empty.png'))
    expect(readHead).not.toHaveBeenCalled()
  })

  it('keeps the problems of a failed check, which block the upload', async () => {
    const { check, problems } = useFileCheck()
    await check(new File([], 'empty.png'))
    expect([problems.value.map((p) => p.code), blocksUpload(problems.value)]).toEqual([
      ['empty'],
      true,
    ])
  })

  it('does not block the upload when only a rename notice remains', async () => {
    const { check, problems } = useFileCheck()
    await check(pngFile('my photo.png'))
    expect([problems.value.map((p) => p.code), blocksUpload(problems.value)]).toEqual([
      ['renamed'],
      false,
    ])
  })

  it('passes the rule, the limit and the edited name on', async () => {
    const { check } = useFileCheck()
    const problems = await check(pngFile('photo.png'), {
      name: 'photo.pdf',
      rule: rule('images'),
      maxBytes: 10,
    })
    expect(problems.map((problem) => problem.code)).toEqual([
      'too-large',
      'not-accepted',
      'type-mismatch',
    ])
  })

  it('reports a file that cannot be read any more', async () => {
    const { check } = useFileCheck({
      readHead: () => Promise.reject(new DOMException('gone', 'NotReadableError')),
    })
    const problems = await check(pngFile('photo.png'))
    expect(problems.map((problem) => problem.code)).toEqual(['unreadable'])
  })

  it('keeps the newer file’s result when an older check finishes last', async () => {
    let releaseFirst: (buffer: ArrayBuffer) => void = () => {}
    const readHead = vi
      .fn<(file: Blob, length: number) => Promise<ArrayBuffer>>()
      .mockImplementationOnce(() => new Promise((resolve) => (releaseFirst = resolve)))
      .mockImplementation((file, length) => file.slice(0, length).arrayBuffer())
    const { check, problems } = useFileCheck({ readHead })
    const first = check(new File(['x'], 'old.png'))
    await check(pngFile('new photo.png'))
    releaseFirst(new ArrayBuffer(1))
    // Waits for the stale check to settle, so its result would have been written by now.
    await first
    expect(problems.value.map((problem) => problem.code)).toEqual(['renamed'])
  })

  it('reset forgets the problems', async () => {
    const { check, reset, problems } = useFileCheck()
    await check(new File([], 'empty.png'))
    reset()
    expect(problems.value).toEqual([])
  })

  it('lets reset make a running check stale', async () => {
    let release: (buffer: ArrayBuffer) => void = () => {}
    const { check, reset, problems } = useFileCheck({
      readHead: () => new Promise((resolve) => (release = resolve)),
    })
    const running = check(pngFile('my photo.png'))
    reset()
    release(new ArrayBuffer(1))
    // Waits for the stale check to settle, so its result would have been written by now.
    await running
    expect(problems.value).toEqual([])
  })
})

describe('describeFileProblem', () => {
  it('explains an empty file', () => {
    const problem = only(checkFile({ file: { name: 'photo.jpg', size: 0, type: 'image/jpeg' } }))
    expect(plain(describeFileProblem(problem))).toBe('“photo.jpg” is empty. Choose another file.')
  })

  it('explains a file over the limit, with the limit', () => {
    const problem = only(
      checkFile({
        file: { name: 'big.png', size: 32 * 1024 ** 2, type: 'image/png' },
        maxBytes: 20 * 1024 ** 2,
      }),
    )
    expect(plain(describeFileProblem(problem))).toBe(
      '“big.png” is over 20 MB. Choose a smaller file.',
    )
  })

  it('explains what the field accepts', () => {
    const problem = only(
      checkFile({
        file: { name: 'doc.pdf', size: 10, type: 'application/pdf' },
        rule: rule('images,.svgz'),
      }),
    )
    expect(plain(describeFileProblem(problem))).toBe(
      '“doc.pdf” can’t be used here. Choose images, SVGZ.',
    )
  })

  it('suggests the right name for PNG bytes named .jpg', () => {
    const problem = only(
      checkFile({
        file: { name: 'photo.jpg', size: 10, type: 'image/jpeg' },
        bytes: new Uint8Array(PNG_HEADER),
      }),
    )
    expect(plain(describeFileProblem(problem))).toBe(
      '“photo.jpg” holds PNG data, not .jpg, so it would be served wrongly. Rename it “photo.png”.',
    )
  })

  it('asks for an extension when the bytes do not say which', () => {
    const problem = only(checkFile({ file: { name: 'README', size: 10, type: '' } }))
    expect(plain(describeFileProblem(problem))).toBe(
      '“README” has no extension, so it would only download. Add one, such as .pdf.',
    )
  })

  it('asks to choose a file that cannot be read again', () => {
    const problem = only(checkFile({ file: { name: 'a.png', size: 10, type: '' }, bytes: null }))
    expect(plain(describeFileProblem(problem))).toBe('“a.png” can’t be read. Choose it again.')
  })

  it('says what Storyblok will store and why', () => {
    const problem = only(
      checkFile({ file: { name: 'my photo.v2.png', size: 10, type: 'image/png' } }),
    )
    expect(plain(describeFileProblem(problem))).toBe(
      'It will be stored as “my-photo_v2.png”. Spaces and symbols became “-”. Storyblok turns extra dots into “_”.',
    )
  })

  it('isolates a right-to-left name so it cannot reorder the sentence', () => {
    const problem = only(checkFile({ file: { name: 'صورة.png', size: 0, type: 'image/png' } }))
    expect(describeFileProblem(problem)).toContain('\u2068صورة.png\u2069')
  })

  it('speaks German', () => {
    const problem = only(checkFile({ file: { name: 'photo.jpg', size: 0, type: 'image/jpeg' } }))
    expect(plain(describeFileProblem(problem, { t: de, locale: 'de' }))).toBe(
      '„photo.jpg“ ist leer. Wählen Sie eine andere Datei.',
    )
  })
})

describe('describeLimits', () => {
  it('shows the accepted types and the size limit up front', () => {
    const maxBytes = parseFileSize('20MB')
    if (typeof maxBytes !== 'number') throw new Error('expected a size')
    expect(describeLimits(rule('application/pdf'), maxBytes)).toEqual([
      'Accepted: PDF.',
      'Up to 20 MB per file.',
    ])
  })

  it('says nothing without limits', () => {
    expect(describeLimits(rule(''), null)).toEqual([])
  })
})

describe('describeAccept', () => {
  it('names the groups in the editor’s language', () => {
    expect(describeAccept(rule('images,.pdf'), { t: de, locale: 'de' })).toBe('Bilder, PDF')
  })
})

describe('describeOptionProblem', () => {
  it('names the token of an invalid accept option', () => {
    const problem = parseAccept('images,imgae/png')
    if (!isValidationProblem(problem)) throw new Error('expected a problem')
    expect(describeOptionProblem(problem)).toContain('“imgae/png” in “accept” is not a file type')
  })

  it('names an invalid maxFileSize option', () => {
    const problem = parseFileSize('20 XB')
    if (!isValidationProblem(problem)) throw new Error('expected a problem')
    expect(describeOptionProblem(problem)).toContain('“20 XB” in “maxFileSize” is not a size')
  })
})
