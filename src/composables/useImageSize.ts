import { pixelSize, type PixelSize } from '../plugin/assetInfo'
import { normalizeType } from '../plugin/fileRules'

// The pixel size of an image file, for the sign request's `size: "WxH"` (Storyblok only puts
// the size into the asset URL when it is given). A plain function, not a composable: the
// uploader reads the size once, when the upload starts.

export type ImageSize = PixelSize

/** What reading the size needs of an image element. */
export interface ImageLike {
  src: string
  readonly naturalWidth: number
  readonly naturalHeight: number
  onload: ((event: Event) => void) | null
  onerror: ((event: Event | string) => void) | null
}

export interface ReadImageSizeOptions {
  /** The file's type, when the caller knows better than `file.type` (empty for `.heic` in Chrome). @default file.type */
  type?: string
  /** @default () => new Image() */
  createImage?: () => ImageLike
  /** A decoder that answers neither way is given up on after this long. @default 10000 */
  timeoutMs?: number
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
 * `viewBox` for what is missing. A text parser on purpose: the SVG is never put into the DOM.
 */
export function svgSize(text: string): ImageSize | null {
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

/**
 * Width × height of an image file in pixels, or `null` for non-images, files the browser
 * cannot decode (HEIC outside Safari) and decoders that never answer. An `<img>` on an object
 * URL (always revoked) reads every format the browser can show, which `createImageBitmap` does
 * not; SVGs are measured from their text, never rendered.
 */
export async function readImageSize(
  file: Blob,
  options: ReadImageSizeOptions = {},
): Promise<ImageSize | null> {
  const { type = file.type, createImage = () => new Image(), timeoutMs = 10_000 } = options
  const normalized = normalizeType(type)
  if (normalized === 'image/svg+xml') {
    return file
      .slice(0, 64 * 1024)
      .text()
      .then(svgSize, () => null)
  }
  if (!normalized.startsWith('image/')) return null
  return new Promise((resolve) => {
    const image = createImage()
    const url = URL.createObjectURL(file)
    const finish = (size: ImageSize | null) => {
      clearTimeout(timer)
      URL.revokeObjectURL(url)
      resolve(size)
    }
    const timer = setTimeout(finish, timeoutMs, null)
    image.onload = () => finish(pixelSize(image.naturalWidth, image.naturalHeight))
    image.onerror = () => finish(null)
    image.src = url
  })
}
