import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { shallowRef } from 'vue'
import { readImageSize, type ImageLike } from '../../../src/api/upload/imageSize'
import { useImageSize } from '../../../src/composables/useImageSize'

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
  it('takes the size the worker read, and loads no <img>', async () => {
    const image = fakeImage('load', 1, 1)
    const inspect = async () => ({
      size: { width: 4096, height: 4096 },
      preview: blob('image/png'),
    })
    const size = await readImageSize(blob('image/png'), { createImage: () => image, inspect })
    expect.soft(size).toEqual({ width: 4096, height: 4096 })
    expect.soft(image.srcSet).toEqual([])
  })

  it('reads the size through an <img> where the worker cannot', async () => {
    const image = fakeImage('load', 4000, 3000)
    const inspect = async () => null
    const size = await readImageSize(blob('image/png'), { createImage: () => image, inspect })
    expect(size).toEqual({ width: 4000, height: 3000 })
  })

  it('reads the size through an <img> on an object URL', async () => {
    const image = fakeImage('load', 4000, 3000)
    const size = await readImageSize(blob('image/png'), { createImage: () => image })
    expect.soft(size).toEqual({ width: 4000, height: 3000 })
    expect.soft(image.src).toEqual('blob:test/1')
  })

  it('revokes the object URL after the <img> loaded', async () => {
    await readImageSize(blob('image/png'), { createImage: () => fakeImage('load', 640, 480) })
    expect(revoked).toEqual(['blob:test/1'])
  })

  it('returns null, and revokes the URL, when the <img> cannot decode the file', async () => {
    const size = await readImageSize(blob('image/heic'), { createImage: () => fakeImage('error') })
    expect.soft(size).toEqual(null)
    expect.soft(revoked).toEqual(['blob:test/1'])
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
    expect.soft(await reading).toEqual(null)
    expect.soft(revoked).toEqual(['blob:test/1'])
  })

  it('returns null for a file that is not an image, without decoding it', async () => {
    const createImage = vi.fn(() => fakeImage('load', 1, 1))
    const size = await readImageSize(blob('application/pdf'), { createImage })
    expect.soft(size).toEqual(null)
    expect.soft(createImage.mock.calls.length).toEqual(0)
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
    expect.soft(size).toEqual({ width: 120, height: 80 })
    expect.soft(createImage.mock.calls.length).toEqual(0)
  })
})

describe('useImageSize', () => {
  /** An `<img>` stand-in the test answers by hand. */
  function manualImage() {
    const image: ImageLike & { load: (width: number, height: number) => void } = {
      src: '',
      naturalWidth: 0,
      naturalHeight: 0,
      onload: null,
      onerror: null,
      load(width, height) {
        Object.assign(image, { naturalWidth: width, naturalHeight: height })
        image.onload?.(new Event('load'))
      },
    }
    return image
  }

  it('reads the chosen file’s size as soon as it is chosen, and drops a stale read', async () => {
    const file = shallowRef<Blob | null>(null)
    const images: ReturnType<typeof manualImage>[] = []
    const { size, reading } = useImageSize(file, {
      createImage: () => {
        const image = manualImage()
        images.push(image)
        return image
      },
    })
    file.value = blob('image/png')
    // The watcher starts the read on the next tick.
    await vi.waitFor(() => expect(images).toHaveLength(1))
    expect(reading.value).toBe(true)
    file.value = blob('image/png')
    await vi.waitFor(() => expect(images).toHaveLength(2))
    images[0]?.load(10, 10)
    images[1]?.load(40, 30)
    // Both reads settle; only the newest is kept.
    await vi.waitFor(() => expect(reading.value).toBe(false))
    expect(size.value).toEqual({ width: 40, height: 30 })
  })

  it('reads nothing without a file', () => {
    const { size, reading } = useImageSize(shallowRef(null))
    expect.soft(size.value).toEqual(null)
    expect.soft(reading.value).toEqual(false)
  })
})
