import { describe, expect, it } from 'vitest'
import { ImageCache, type RenderedImage } from '../../emulator/imageCache'
import { parseImageOperations } from '../../emulator/imageOperations'

function rendered(bytes: number): RenderedImage {
  return { body: Buffer.alloc(bytes), contentType: 'image/png', etag: '"x"' }
}

describe('ImageCache', () => {
  it('renders a URL once, also for two requests at the same time', async () => {
    const cache = new ImageCache()
    let renders = 0
    const render = async (): Promise<RenderedImage> => {
      renders += 1
      return rendered(10)
    }
    await Promise.all([cache.get('a', render), cache.get('a', render)])
    await cache.get('a', render)
    expect(renders).toBe(1)
  })

  it('drops the least recently used results past its byte budget, and failures at once', async () => {
    const cache = new ImageCache(25)
    const renders: string[] = []
    const get = (key: string): Promise<RenderedImage> =>
      cache.get(key, async () => {
        renders.push(key)
        return rendered(10)
      })
    await get('a')
    await get('b')
    await get('a') // a is now the most recent
    await get('c') // 30 bytes: b goes
    await get('a')
    await get('b')
    expect(renders).toEqual(['a', 'b', 'c', 'b'])
    await expect(cache.get('bad', () => Promise.reject(new Error('unreadable')))).rejects.toThrow()
    expect((await cache.get('bad', async () => rendered(1))).body.length).toBe(1)
  })
})

describe('parseImageOperations', () => {
  it('reads fit-in, sizes, flips, smart and a chain of filters', () => {
    expect(
      parseImageOperations([
        'fit-in',
        '-300x0',
        'smart',
        'filters:focal(1x2:3x4):quality(70):grayscale()',
      ]),
    ).toMatchObject({
      fitIn: true,
      width: 300,
      height: 0,
      flipX: true,
      flipY: false,
      smart: true,
      focal: { x1: 1, y1: 2, x2: 3, y2: 4 },
      quality: 70,
      ignoredFilters: ['grayscale'],
    })
    expect(parseImageOperations([])).toMatchObject({ width: 0, height: 0, fitIn: false })
    expect(parseImageOperations(['filters:format(jpg)'])).toMatchObject({ format: 'jpeg' })
  })

  it('explains what it does not understand', () => {
    expect(parseImageOperations(['100x100', 'extra'])).toEqual({
      error: 'unknown operation: extra',
    })
    expect(parseImageOperations(['filters:quality(101)'])).toEqual({
      error: 'quality must be 0 to 100, got 101',
    })
    expect(parseImageOperations(['filters:focal(1x2)'])).toMatchObject({
      error: expect.any(String),
    })
  })
})
