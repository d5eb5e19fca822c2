// Facts about an asset that its URL or type tell.

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|tiff?|heic)$/i

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

export function isImageAsset(url: string, contentType?: string | null): boolean {
  if (contentType) return contentType.startsWith('image/')
  const path = url.split(/[?#]/)[0] ?? ''
  return IMAGE_EXTENSIONS.test(path)
}
