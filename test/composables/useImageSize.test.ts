import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readImageSize, svgSize, type ImageLike } from '../../src/composables/useImageSize'

let revoked: string[] = []

beforeEach(() => {
  revoked = []
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test/1')
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => revoked.push(url))
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
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

describe('readImageSize', () => {
  it('reads the size through an <img> on an object URL', async () => {
    const image = fakeImage('load', 4000, 3000)
    const size = await readImageSize(blob('image/png'), { createImage: () => image })
    expect([size, image.src]).toEqual([{ width: 4000, height: 3000 }, 'blob:test/1'])
  })

  it('revokes the object URL after the <img> loaded', async () => {
    await readImageSize(blob('image/png'), { createImage: () => fakeImage('load', 640, 480) })
    expect(revoked).toEqual(['blob:test/1'])
  })

  it('returns null, and revokes the URL, when the <img> cannot decode the file', async () => {
    const size = await readImageSize(blob('image/heic'), { createImage: () => fakeImage('error') })
    expect([size, revoked]).toEqual([null, ['blob:test/1']])
  })

  it('returns null for an image without a size', async () => {
    const size = await readImageSize(blob('image/png'), { createImage: () => fakeImage('load') })
    expect(size).toBeNull()
  })

  it('gives up on an <img> that never answers', async () => {
    vi.useFakeTimers()
    const reading = readImageSize(blob('image/png'), {
      createImage: () => fakeImage('never'),
      timeoutMs: 5000,
    })
    // Lets the timeout fire without waiting five real seconds.
    await vi.advanceTimersByTimeAsync(5000)
    expect([await reading, revoked]).toEqual([null, ['blob:test/1']])
  })

  it('returns null for a file that is not an image, without decoding it', async () => {
    const createImage = vi.fn(() => fakeImage('load', 1, 1))
    const size = await readImageSize(blob('application/pdf'), { createImage })
    expect([size, createImage.mock.calls.length]).toEqual([null, 0])
  })

  it('trusts a type the caller knows better than the browser', async () => {
    const size = await readImageSize(blob(''), {
      type: 'image/heic',
      createImage: () => fakeImage('load', 8, 6),
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
