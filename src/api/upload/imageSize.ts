// An image file's pixel size, for the sign call's `size` (Storyblok puts it in the asset's URL)
// and the focus picker on a file still uploading.
import { normalizeType } from '../../domain/fileRules/contentTypes'
import { pixelSize, svgSize, type PixelSize } from '../../domain/imageSize'
import { inspectImage, type ImageInspection } from './imageWorker'

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
  /** Looks at the file off the page's thread; `null` where it cannot. @default inspectImage */
  inspect?: (file: Blob) => Promise<ImageInspection | null>
}

/**
 * Width × height of an image file in pixels, or `null` for non-images, files the browser
 * cannot decode (HEIC outside Safari) and decoders that never answer. A worker reads it first
 * (imageWorker.ts): an `<img>` has the page's thread read every byte of the file, a second and
 * more for a photo of 50 MB, while the editor types its alt text. Where the worker cannot, an
 * `<img>` on an object URL (always revoked) reads every format the browser can show, which
 * `createImageBitmap` does not; SVGs are measured from their text, never rendered.
 */
export async function readImageSize(
  file: Blob,
  options: ReadImageSizeOptions = {},
): Promise<PixelSize | null> {
  const {
    type = file.type,
    createImage = () => new Image(),
    timeoutMs = 10_000,
    inspect = inspectImage,
  } = options
  const normalized = normalizeType(type)
  if (normalized === 'image/svg+xml') {
    return file
      .slice(0, 64 * 1024)
      .text()
      .then(svgSize, () => null)
  }
  if (!normalized.startsWith('image/')) return null
  const inspected = await inspect(file).catch(() => null)
  if (inspected) return inspected.size
  return new Promise((resolve) => {
    const image = createImage()
    const url = URL.createObjectURL(file)
    const finish = (size: PixelSize | null) => {
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
