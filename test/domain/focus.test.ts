import { describe, expect, it } from 'vitest'
import {
  centreFocus,
  clampFocus,
  cropPosition,
  focusToPercent,
  formatFocus,
  parseFocus,
} from '../../src/domain/focus'

const IMAGE = { width: 4000, height: 3000 }

describe('parseFocus', () => {
  it('reads the pixel of the editor’s 1-pixel box', () => {
    expect(parseFocus('1964x892:1965x893')).toEqual({ x: 1964, y: 892 })
  })

  it('reads the centre of a larger box', () => {
    expect(parseFocus('100x200:300x400')).toEqual({ x: 200, y: 300 })
  })

  it.each([
    [''],
    [null],
    [undefined],
    [42],
    ['1964x892'],
    ['-1x2:3x4'],
    ['ax1:2x3'],
    ['1x2:3x4:5x6'],
  ])('reads %j as no focus', (value) => {
    expect(parseFocus(value)).toBeNull()
  })
})

describe('formatFocus', () => {
  it('writes a 1-pixel box like Storyblok’s editor', () => {
    expect(formatFocus({ x: 1964, y: 892 }, IMAGE)).toBe('1964x892:1965x893')
  })

  it('round-trips what parseFocus read', () => {
    expect(formatFocus(parseFocus('1964x892:1965x893') ?? { x: 0, y: 0 }, IMAGE)).toBe(
      '1964x892:1965x893',
    )
  })

  it('writes whole pixels', () => {
    expect(formatFocus({ x: 10.4, y: 20.6 }, IMAGE)).toBe('10x21:11x22')
  })

  it('keeps the box inside the image', () => {
    expect(formatFocus({ x: 5000, y: -3 }, IMAGE)).toBe('3999x0:4000x1')
  })

  it('writes nothing without a size', () => {
    expect(formatFocus({ x: 1, y: 1 }, { width: 0, height: 0 })).toBe('')
  })
})

describe('focusToPercent', () => {
  it('places a pixel at the centre of its square', () => {
    expect(focusToPercent({ x: 0, y: 2999 }, IMAGE)).toEqual({
      x: 0.0125,
      y: (2999.5 / 3000) * 100,
    })
  })
})

describe('clampFocus', () => {
  it('keeps a point inside the image, in whole pixels', () => {
    expect(clampFocus({ x: 4000, y: -2.5 }, IMAGE)).toEqual({ x: 3999, y: 0 })
  })
})

describe('centreFocus', () => {
  it('is the middle pixel', () => {
    expect(centreFocus(IMAGE)).toEqual({ x: 2000, y: 1500 })
  })
})

describe('cropPosition', () => {
  it('centres the crop without a focus point', () => {
    expect(cropPosition(null, IMAGE, 1)).toBe('50% 50%')
  })

  it('centres a square crop of a wide image on the focus point', () => {
    // Crop 3000 wide out of 4000, centred on x = 2500.5: starts at 1000.5 of 1000 to spare.
    expect(cropPosition({ x: 2500, y: 1500 }, IMAGE, 1)).toBe('100% 50%')
  })

  it('positions a crop partway', () => {
    // 9:16 of 4000×3000 is 1687.5 wide; centred on x = 1000.5 it starts at 156.75 of 2312.5.
    expect(cropPosition({ x: 1000, y: 0 }, IMAGE, 9 / 16)).toBe('6.78% 50%')
  })

  it('clamps the crop to the image near an edge', () => {
    expect(cropPosition({ x: 0, y: 0 }, IMAGE, 1)).toBe('0% 50%')
  })

  it('moves a wide crop of a tall image vertically', () => {
    // 16:9 of 1000×2000 is 562.5 tall; centred on y = 1500.5 it starts at 1219.25 of 1437.5.
    expect(cropPosition({ x: 0, y: 1500 }, { width: 1000, height: 2000 }, 16 / 9)).toBe(
      '50% 84.82%',
    )
  })

  it('does not crop an image of the same aspect ratio', () => {
    expect(cropPosition({ x: 0, y: 0 }, IMAGE, 4 / 3)).toBe('50% 50%')
  })
})
