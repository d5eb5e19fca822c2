// Facts about an asset that its URL or type tell.

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|tiff?|heic)$/i

/** Storyblok puts an image's pixel size in its URL (`/f/<space>/<W>x<H>/<hash>/<name>`). */
export function dimensionsFromUrl(url: string): { width: number; height: number } | null {
  const match = /\/f\/\d+\/(\d+)x(\d+)\//.exec(url)
  if (!match?.[1] || !match[2]) return null
  const width = Number(match[1])
  const height = Number(match[2])
  return width > 0 && height > 0 ? { width, height } : null
}

export function isImageAsset(url: string, contentType?: string | null): boolean {
  if (contentType) return contentType.startsWith('image/')
  const path = url.split(/[?#]/)[0] ?? ''
  return IMAGE_EXTENSIONS.test(path)
}
