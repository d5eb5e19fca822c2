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

  it('is checking while the bytes are read', () => {
    const { check, status } = useFileCheck({ readHead: () => new Promise(() => {}) })
    void check(pngFile('photo.png'))
    expect(status.value).toBe('checking')
  })

  it('keeps the problems and blocks the upload after a failed check', async () => {
    const { check, problems, canUpload, status } = useFileCheck()
    await check(new File([], 'empty.png'))
    expect([status.value, problems.value.map((p) => p.code), canUpload.value]).toEqual([
      'done',
      ['empty'],
      false,
    ])
  })

  it('allows the upload when only a rename notice remains', async () => {
    const { check, canUpload } = useFileCheck()
    await check(pngFile('my photo.png'))
    expect(canUpload.value).toBe(true)
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
    const { check, reset, problems, status } = useFileCheck()
    await check(new File([], 'empty.png'))
    reset()
    expect([problems.value, status.value]).toEqual([[], 'idle'])
  })
})

describe('describeFileProblem', () => {
  it('explains an empty file', () => {
    const problem = only(checkFile({ file: { name: 'photo.jpg', size: 0, type: 'image/jpeg' } }))
    expect(plain(describeFileProblem(problem))).toBe(
      '“photo.jpg” is empty (0 bytes). Choose another file.',
    )
  })

  it('explains a file over the limit with both sizes', () => {
    const problem = only(
      checkFile({
        file: { name: 'big.png', size: 32 * 1024 ** 2, type: 'image/png' },
        maxBytes: 20 * 1024 ** 2,
      }),
    )
    expect(plain(describeFileProblem(problem))).toBe(
      '“big.png” is 32 MB; the limit for this field is 20 MB. Choose a smaller file.',
    )
  })

  it('gives sizes that would round alike more digits', () => {
    const limit = 20 * 1024 ** 2
    const problem = only(
      checkFile({
        file: { name: 'big.png', size: limit + 2048, type: 'image/png' },
        maxBytes: limit,
      }),
    )
    expect(describeFileProblem(problem)).toContain(
      'is 20.002 MB; the limit for this field is 20 MB',
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
      '“doc.pdf” can’t be used here: this field accepts images (JPG, PNG, GIF, WebP, AVIF, SVG, …) or SVGZ only. Choose another file.',
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
      '“photo.jpg” contains PNG data, but its name ends in .jpg. Storyblok would serve it with the wrong type. Rename it to “photo.png”.',
    )
  })

  it('says what Storyblok will store and why', () => {
    const problem = only(
      checkFile({ file: { name: 'my photo.v2.png', size: 10, type: 'image/png' } }),
    )
    expect(plain(describeFileProblem(problem))).toBe(
      'Storyblok will store it as “my-photo_v2.png”. Spaces became “-”. Storyblok replaces every dot but the last with “_”.',
    )
  })

  it('isolates a right-to-left name so it cannot reorder the sentence', () => {
    const problem = only(checkFile({ file: { name: 'صورة.png', size: 0, type: 'image/png' } }))
    expect(describeFileProblem(problem)).toContain('\u2068صورة.png\u2069')
  })

  it('speaks German', () => {
    const problem = only(checkFile({ file: { name: 'photo.jpg', size: 0, type: 'image/jpeg' } }))
    expect(plain(describeFileProblem(problem, { t: de, locale: 'de' }))).toBe(
      '„photo.jpg“ ist leer (0 Byte). Wählen Sie eine andere Datei.',
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

  it('says any type goes without an accept option', () => {
    expect(describeLimits(rule(''), null)).toEqual(['Any file type.'])
  })
})

describe('describeAccept', () => {
  it('joins several kinds with “or” in the editor’s language', () => {
    expect(describeAccept(rule('.pdf,.docx'), { t: de, locale: 'de' })).toBe('PDF oder DOCX')
  })
})

describe('describeOptionProblem', () => {
  it('names the token of an invalid accept option', () => {
    const problem = parseAccept('images,imgae/png')
    if (!isValidationProblem(problem)) throw new Error('expected a problem')
    expect(describeOptionProblem(problem)).toContain(
      'contains “imgae/png”, which is not a file type',
    )
  })
})
