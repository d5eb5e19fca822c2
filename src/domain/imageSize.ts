// An image's size in pixels: from Storyblok's URL, or from an SVG's own text. The plugin sends
// it with the sign call (`size: "WxH"`: Storyblok only puts the size into the asset URL when it is
// given) and places the focus point with it.

export interface PixelSize {
  width: number
  height: number
}

/** A size in whole pixels, or `null` unless both sides are at least one pixel (`NaN` is not). */
export function pixelSize(width: number, height: number): PixelSize | null {
  const size = { width: Math.round(width), height: Math.round(height) }
  return size.width > 0 && size.height > 0 ? size : null
}

/** Storyblok puts an image's pixel size in its URL (`/f/<space>/<W>x<H>/<hash>/<name>`). */
export function dimensionsFromUrl(url: string): PixelSize | null {
  const [, width, height] = /\/f\/\d+\/(\d+)x(\d+)\//.exec(url) ?? []
  return pixelSize(Number(width), Number(height))
}

// CSS absolute units in px, as browsers size an SVG's `width`/`height` in an `<img>`.
const UNIT_PX: Readonly<Record<string, number>> = {
  '': 1,
  px: 1,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  pt: 96 / 72,
  pc: 16,
}

/**
 * An SVG's size from its root element's `width` and `height` (absolute units only), or its
 * `viewBox` for what is missing. A text parser on purpose: the SVG is never put into the DOM,
 * and Chromium's `<img>` reports 300×150 for an SVG with only a viewBox.
 */
export function svgSize(text: string): PixelSize | null {
  const root = /<svg\b([^>]*)/i.exec(text.replace(/<!--.*?-->/gs, ''))?.[1]
  if (root === undefined) return null
  // `\s` before the name, so that `stroke-width` is not `width`.
  const attribute = (name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)`, 'i').exec(root)?.[1] ?? ''
  // Pixels, or 0 for a missing, relative (`100%`) or invalid length.
  const length = (name: string) => {
    const [, number, unit = ''] = /^\s*([\d.]+)\s*([a-z]*)\s*$/i.exec(attribute(name)) ?? []
    return Number(number) * (UNIT_PX[unit.toLowerCase()] ?? NaN) || 0
  }
  const width = length('width')
  const height = length('height')
  const [, , boxWidth = 0, boxHeight = 0] = attribute('viewBox')
    .trim()
    .split(/[\s,]+/)
    .map(Number)
  return pixelSize(
    width || (height * boxWidth) / boxHeight || boxWidth,
    height || (width * boxHeight) / boxWidth || boxHeight,
  )
}

/** The sign call's `size` parameter, `"WxH"`, or `undefined` for a file without one. */
export function signSize(size: PixelSize | null | undefined): string | undefined {
  return size ? `${size.width}x${size.height}` : undefined
}

/**
 * `size` scaled down to fit a `box` × `box` square (never enlarged), in whole pixels: where the
 * form shows an image, known before the image loads, so its place is kept from the first layout.
 */
export function fitWithin(size: PixelSize, box: number): PixelSize {
  const scale = Math.min(1, box / size.width, box / size.height)
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  }
}
