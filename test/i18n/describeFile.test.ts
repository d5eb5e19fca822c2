import { describe, expect, it } from 'vitest'
import { checkFile, type FileProblem } from '../../src/domain/fileRules/checkFile'
import { describeAccept, describeFileProblem, describeLimits } from '../../src/i18n/describeFile'
import { translate, type MessageParams } from '../../src/i18n/locale'
import type { MessageKey } from '../../src/i18n/messages'
import { PNG, rule } from '../domain/fileRules/fixtures'

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
        bytes: PNG,
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
    expect(describeLimits(rule('application/pdf'), 20 * 1024 * 1024)).toEqual([
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
