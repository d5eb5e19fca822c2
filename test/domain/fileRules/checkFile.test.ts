import { describe, expect, it } from 'vitest'
import { checkFile, blocksUpload } from '../../../src/domain/fileRules/checkFile'
import { STORYBLOK_MAX_UPLOAD_BYTES } from '../../../src/domain/fileRules/sizes'
import { ftyp, PNG, JPEG, PDF, ZIP, TEXT, file, rule } from './fixtures'

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
    expect.soft(problem?.code).toEqual('too-large')
    expect.soft(problem?.maxBytes).toEqual(STORYBLOK_MAX_UPLOAD_BYTES)
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
    expect.soft(problem?.code).toEqual('type-mismatch')
    expect.soft(problem?.suggested).toEqual('cv.pdf')
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
    expect.soft(problems[0]?.code).toEqual('type-mismatch')
    expect.soft(problems[0]?.severity).toEqual('warning')
    expect.soft(blocksUpload(problems)).toEqual(false)
  })

  it('reports a missing extension and suggests one from the bytes', () => {
    expect(checkFile({ file: file('scan', 10), bytes: PDF })).toEqual([
      { code: 'no-extension', severity: 'error', name: 'scan', suggested: 'scan.pdf' },
    ])
  })

  it('reports a missing extension without a suggestion when the bytes say nothing', () => {
    const [problem] = checkFile({ file: file('README', 10), bytes: TEXT })
    expect.soft(problem?.code).toEqual('no-extension')
    expect.soft(problem?.suggested).toEqual(undefined)
  })

  it('reports a file whose bytes could not be read', () => {
    const [problem] = checkFile({ file: file('photo.png', 10), bytes: null })
    expect.soft(problem?.code).toEqual('unreadable')
    expect.soft(problem?.severity).toEqual('error')
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
