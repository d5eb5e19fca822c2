import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, shallowRef } from 'vue'
import {
  readImageSize,
  svgSize,
  useImageSize,
  type DecodedBitmap,
  type ImageLike,
} from '../../src/composables/useImageSize'

afterEach(() => {
  vi.useRealTimers()
})

function blob(type: string, text = 'x'): Blob {
  return new Blob([text], { type })
}

/** An `<img>` stand-in that answers the way a test tells it to once `src` is set. */
function fakeImage(answer: 'load' | 'error' | 'never', width = 0, height = 0) {
  const image: ImageLike & { srcSet: string[] } = {
    srcSet: [],
    naturalWidth: width,
    naturalHeight: height,
    onload: null,
    onerror: null,
    get src() {
      return this.srcSet.at(-1) ?? ''
    },
    set src(value: string) {
      this.srcSet.push(value)
      queueMicrotask(() => {
        if (answer === 'load') this.onload?.(new Event('load'))
        if (answer === 'error') this.onerror?.(new Event('error'))
      })
    },
  }
  return image
}

function urls() {
  const revoked: string[] = []
  return {
    revoked,
    createObjectURL: () => 'blob:test/1',
    revokeObjectURL: (url: string) => revoked.push(url),
  }
}

describe('readImageSize', () => {
  it('reads the size from createImageBitmap', async () => {
    const bitmap: DecodedBitmap = { width: 4000, height: 3000, close: vi.fn() }
    const size = await readImageSize(blob('image/png'), {
      createImageBitmap: () => Promise.resolve(bitmap),
    })
    expect(size).toEqual({ width: 4000, height: 3000 })
  })

  it('releases the decoded bitmap', async () => {
    const bitmap: DecodedBitmap = { width: 10, height: 10, close: vi.fn() }
    await readImageSize(blob('image/png'), { createImageBitmap: () => Promise.resolve(bitmap) })
    expect(bitmap.close).toHaveBeenCalledOnce()
  })

  it('falls back to an <img> when createImageBitmap rejects the format', async () => {
    const size = await readImageSize(blob('image/png'), {
      createImageBitmap: () => Promise.reject(new DOMException('bad', 'InvalidStateError')),
      createImage: () => fakeImage('load', 640, 480),
      ...urls(),
    })
    expect(size).toEqual({ width: 640, height: 480 })
  })

  it('revokes the object URL after the <img> loaded', async () => {
    const { revoked, ...rest } = urls()
    await readImageSize(blob('image/png'), {
      createImageBitmap: null,
      createImage: () => fakeImage('load', 640, 480),
      ...rest,
    })
    expect(revoked).toEqual(['blob:test/1'])
  })

  it('returns null, and revokes the URL, when the <img> cannot decode the file', async () => {
    const { revoked, ...rest } = urls()
    const size = await readImageSize(blob('image/heic'), {
      createImageBitmap: null,
      createImage: () => fakeImage('error'),
      ...rest,
    })
    expect([size, revoked]).toEqual([null, ['blob:test/1']])
  })

  it('gives up on an <img> that never answers', async () => {
    vi.useFakeTimers()
    const { revoked, ...rest } = urls()
    const reading = readImageSize(blob('image/png'), {
      createImageBitmap: null,
      createImage: () => fakeImage('never'),
      timeoutMs: 5000,
      ...rest,
    })
    // Lets the timeout fire without waiting five real seconds.
    await vi.advanceTimersByTimeAsync(5000)
    expect([await reading, revoked]).toEqual([null, ['blob:test/1']])
  })

  it('gives up on a createImageBitmap that never answers', async () => {
    vi.useFakeTimers()
    const reading = readImageSize(blob('image/png'), {
      createImageBitmap: () => new Promise(() => {}),
      timeoutMs: 5000,
    })
    // Lets the timeout fire without waiting five real seconds.
    await vi.advanceTimersByTimeAsync(5000)
    expect(await reading).toBeNull()
  })

  it('returns null for a file that is not an image, without decoding it', async () => {
    const createImage = vi.fn(() => fakeImage('load', 1, 1))
    const size = await readImageSize(blob('application/pdf'), {
      createImageBitmap: null,
      createImage,
    })
    expect([size, createImage.mock.calls.length]).toEqual([null, 0])
  })

  it('trusts a type the caller knows better than the browser', async () => {
    const size = await readImageSize(blob(''), {
      type: 'image/heic',
      createImageBitmap: () => Promise.resolve({ width: 8, height: 6, close: () => {} }),
    })
    expect(size).toEqual({ width: 8, height: 6 })
  })

  it('measures an SVG from its text, never through an element', async () => {
    const createImage = vi.fn(() => fakeImage('load', 1, 1))
    const svg =
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"/>'
    const size = await readImageSize(blob('image/svg+xml', svg), { createImage })
    expect([size, createImage.mock.calls.length]).toEqual([{ width: 120, height: 80 }, 0])
  })
})

describe('svgSize', () => {
  it('reads width and height in pixels', () => {
    expect(svgSize('<svg width="120px" height="80">')).toEqual({ width: 120, height: 80 })
  })

  it('falls back to the viewBox', () => {
    expect(svgSize('<svg viewBox="0 0 300 150">')).toEqual({ width: 300, height: 150 })
  })

  it('completes a missing height from the viewBox’s aspect ratio', () => {
    expect(svgSize('<svg width="600" viewBox="0,0,300,150">')).toEqual({ width: 600, height: 300 })
  })

  it('converts absolute units', () => {
    expect(svgSize('<svg width="1in" height="25.4mm">')).toEqual({ width: 96, height: 96 })
  })

  it('ignores relative sizes in favour of the viewBox', () => {
    expect(svgSize('<svg width="100%" height="100%" viewBox="0 0 24 24">')).toEqual({
      width: 24,
      height: 24,
    })
  })

  it('does not mistake stroke-width for width', () => {
    expect(svgSize('<svg stroke-width="2" viewBox="0 0 24 12">')).toEqual({ width: 24, height: 12 })
  })

  it('skips an <svg> inside a comment before the root', () => {
    expect(svgSize('<!-- <svg width="1" height="1"> --><svg width="5" height="6">')).toEqual({
      width: 5,
      height: 6,
    })
  })

  it('returns null without any size', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg">')).toBeNull()
  })

  it('returns null for text that is not SVG', () => {
    expect(svgSize('<html><body>')).toBeNull()
  })
})

describe('useImageSize', () => {
  it('reads the size of the file it is given', async () => {
    const file = shallowRef<Blob | null>(null)
    const scope = effectScope()
    const { size } = scope.run(() =>
      useImageSize(file, {
        createImageBitmap: () => Promise.resolve({ width: 30, height: 20, close: () => {} }),
      }),
    )!
    file.value = blob('image/png')
    // Waits for the watcher to run and the decoder to answer.
    await vi.waitFor(() => expect(size.value).toEqual({ width: 30, height: 20 }))
    scope.stop()
  })

  it('drops the result of a file replaced while it was read', async () => {
    let releaseFirst: (bitmap: DecodedBitmap) => void = () => {}
    const decode = vi
      .fn<(image: Blob) => Promise<DecodedBitmap>>()
      .mockImplementationOnce(() => new Promise((resolve) => (releaseFirst = resolve)))
      .mockResolvedValue({ width: 2, height: 2, close: () => {} })
    const file = shallowRef<Blob | null>(blob('image/png'))
    const scope = effectScope()
    const { size, status } = scope.run(() => useImageSize(file, { createImageBitmap: decode }))!
    file.value = blob('image/png')
    // Waits for the second read to finish.
    await vi.waitFor(() => expect(status.value).toBe('done'))
    releaseFirst({ width: 1, height: 1, close: () => {} })
    // A macrotask lets every microtask of the first read run; it must not overwrite the size.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(size.value).toEqual({ width: 2, height: 2 })
    scope.stop()
  })
})
