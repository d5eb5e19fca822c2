import { describe, expect, it } from 'vitest'
import { dimensionsFromUrl, fitWithin, svgSize } from '../../src/domain/imageSize'

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

describe('dimensionsFromUrl', () => {
  it('reads the size Storyblok puts in an image URL', () => {
    expect(dimensionsFromUrl('https://a.storyblok.com/f/1/640x480/abc/cat.png')).toEqual({
      width: 640,
      height: 480,
    })
  })

  it('has none for a URL without a size', () => {
    expect(dimensionsFromUrl('https://a.storyblok.com/f/1/abc/doc.pdf')).toBeNull()
  })
})

describe('fitWithin', () => {
  it('scales a landscape photo down to the box’s width', () => {
    expect(fitWithin({ width: 1600, height: 1067 }, 240)).toEqual({ width: 240, height: 160 })
  })

  it('scales a portrait photo down to the box’s height', () => {
    expect(fitWithin({ width: 1067, height: 1600 }, 240)).toEqual({ width: 160, height: 240 })
  })

  it('never enlarges a small image', () => {
    expect(fitWithin({ width: 100, height: 50 }, 240)).toEqual({ width: 100, height: 50 })
  })

  it('keeps at least one pixel of a very thin image', () => {
    expect(fitWithin({ width: 10_000, height: 2 }, 240)).toEqual({ width: 240, height: 1 })
  })
})
