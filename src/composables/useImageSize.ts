import { readonly, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import { normalizeType } from '../domain/fileRules/contentTypes'
import { pixelSize, svgSize, type PixelSize } from '../domain/imageSize'

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

/**
 * Width × height of an image file in pixels, or `null` for non-images, files the browser
 * cannot decode (HEIC outside Safari) and decoders that never answer. An `<img>` on an object
 * URL (always revoked) reads every format the browser can show, which `createImageBitmap` does
 * not; SVGs are measured from their text, never rendered.
 */
export async function readImageSize(
  file: Blob,
  options: ReadImageSizeOptions = {},
): Promise<PixelSize | null> {
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

export interface UseImageSizeOptions extends Omit<ReadImageSizeOptions, 'type'> {
  /** The file's type, when the caller knows better than `file.type`. @default file.type */
  type?: MaybeRefOrGetter<string | undefined>
}

export interface UseImageSizeReturn {
  /** The size of the current file's image, once read; `null` for none or not an image. */
  size: Readonly<Ref<PixelSize | null>>
  /** Whether the current file is still being read. */
  reading: Readonly<Ref<boolean>>
}

/**
 * The pixel size of the chosen file, read as soon as it is chosen (for the sign call's `size`),
 * so that starting the upload never waits for it. A newer file makes an older read stale.
 */
export function useImageSize(
  file: MaybeRefOrGetter<Blob | null>,
  options: UseImageSizeOptions = {},
): UseImageSizeReturn {
  const size = shallowRef<PixelSize | null>(null)
  const reading = ref(false)
  let run = 0

  watch(
    () => [toValue(file), toValue(options.type)] as const,
    async ([next, type]) => {
      const current = ++run
      size.value = null
      reading.value = !!next
      if (!next) return
      const read = await readImageSize(next, { ...options, type: type || undefined })
      if (current !== run) return
      size.value = read
      reading.value = false
    },
    { immediate: true },
  )

  return { size: readonly(size), reading: readonly(reading) }
}
