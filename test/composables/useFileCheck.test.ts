import { describe, expect, it, vi } from 'vitest'
import { SNIFF_BYTES, useFileCheck } from '../../src/composables/useFileCheck'
import { blocksUpload } from '../../src/domain/fileRules/checkFile'
import { rule } from '../domain/fileRules/fixtures'

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]

function pngFile(name: string, extra = 100): File {
  return new File([new Uint8Array([...PNG_HEADER, ...new Array<number>(extra).fill(0)])], name, {
    type: 'image/png',
  })
}

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
    expect.soft(problems.value.map((p) => p.code)).toEqual(['empty'])
    expect.soft(blocksUpload(problems.value)).toEqual(true)
  })

  it('does not block the upload when only a rename notice remains', async () => {
    const { check, problems } = useFileCheck()
    await check(pngFile('my photo.png'))
    expect.soft(problems.value.map((p) => p.code)).toEqual(['renamed'])
    expect.soft(blocksUpload(problems.value)).toEqual(false)
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
