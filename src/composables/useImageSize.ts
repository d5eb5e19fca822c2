import {
  onScopeDispose,
  readonly,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
  type ShallowRef,
} from 'vue'
import { normalizeType } from '../plugin/fileRules'

// The pixel size of an image file, for the sign request's `size: "WxH"` (Storyblok only puts
// the size into the asset URL when it is given) and for the focus point picker.

export interface ImageSize {
  width: number
  height: number
}

/** What the `<img>` fallback needs of an image element. */
export interface ImageLike {
  src: string
  readonly naturalWidth: number
  readonly naturalHeight: number
  onload: ((event: Event) => void) | null
  onerror: ((event: Event | string) => void) | null
}

export interface DecodedBitmap {
  readonly width: number
  readonly height: number
  close: () => void
}

export interface ReadImageSizeOptions {
  /** The file's type, when the caller knows better than `file.type` (empty for `.heic` in Chrome). @default file.type */
  type?: string
  /** Decodes without the DOM; `null` skips it. @default globalThis.createImageBitmap, when there is one */
  createImageBitmap?: ((image: Blob) => Promise<DecodedBitmap>) | null
  /** @default () => new Image() */
  createImage?: () => ImageLike
  /** @default URL.createObjectURL */
  createObjectURL?: (blob: Blob) => string
  /** @default URL.revokeObjectURL */
  revokeObjectURL?: (url: string) => void
  /** A decoder that answers neither way is given up on after this long. @default 10000 */
  timeoutMs?: number
}

/** How much of an SVG is read to find its root element. */
const SVG_HEAD_BYTES = 64 * 1024

// CSS absolute units in px, as browsers size an SVG's `width`/`height` in an `<img>`.
const UNIT_PX: Readonly<Record<string, number>> = {
  '': 1,
  px: 1,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  q: 96 / 101.6,
  pt: 96 / 72,
  pc: 16,
}

function length(value: string | undefined): number | null {
  const match = /^\s*(\d*\.?\d+(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(value ?? '')
  const factor = UNIT_PX[match?.[2]?.toLowerCase() ?? 'invalid']
  if (!match?.[1] || factor === undefined) return null
  const pixels = Number(match[1]) * factor
  return Number.isFinite(pixels) && pixels > 0 ? pixels : null
}

function valid(width: number, height: number): ImageSize | null {
  const size = { width: Math.round(width), height: Math.round(height) }
  return size.width >= 1 && size.height >= 1 ? size : null
}

/**
 * An SVG's size from its root element's `width` and `height` (absolute units only), or its
 * `viewBox` for what is missing. A text parser on purpose: the SVG is never put into the DOM.
 */
export function svgSize(text: string): ImageSize | null {
  const root = /<svg\b((?:[^>"']|"[^"]*"|'[^']*')*)>/i.exec(text.replace(/<!--[\s\S]*?-->/g, ''))
  if (!root) return null
  const attributes = new Map<string, string>()
  for (const match of (root[1] ?? '').matchAll(
    /(?:^|\s)([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g,
  )) {
    if (match[1]) attributes.set(match[1].toLowerCase(), match[2] ?? match[3] ?? '')
  }
  const width = length(attributes.get('width'))
  const height = length(attributes.get('height'))
  const box = (attributes.get('viewbox') ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number)
  const [, , boxWidth = NaN, boxHeight = NaN] = box
  const hasBox = box.length === 4 && boxWidth > 0 && boxHeight > 0

  if (width !== null && height !== null) return valid(width, height)
  if (!hasBox) return null
  if (width !== null) return valid(width, (width * boxHeight) / boxWidth)
  if (height !== null) return valid((height * boxWidth) / boxHeight, height)
  return valid(boxWidth, boxHeight)
}

function defaultBitmapDecoder(): ReadImageSizeOptions['createImageBitmap'] {
  return typeof globalThis.createImageBitmap === 'function'
    ? (blob) => globalThis.createImageBitmap(blob)
    : null
}

async function bitmapSize(
  decode: (image: Blob) => Promise<DecodedBitmap>,
  file: Blob,
  timeoutMs: number,
): Promise<ImageSize | null> {
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const decoding = decode(file).then((bitmap) => {
    // A bitmap that arrives after the timeout is still released.
    if (timedOut) bitmap.close()
    return bitmap
  })
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true
      resolve(null)
    }, timeoutMs)
  })
  try {
    const bitmap = await Promise.race([decoding, timeout])
    if (bitmap === null) return null
    const size = valid(bitmap.width, bitmap.height)
    bitmap.close()
    return size
  } finally {
    clearTimeout(timer)
  }
}

function imageElementSize(
  file: Blob,
  createImage: () => ImageLike,
  createObjectURL: (blob: Blob) => string,
  revokeObjectURL: (url: string) => void,
  timeoutMs: number,
): Promise<ImageSize | null> {
  return new Promise((resolve) => {
    const image = createImage()
    const url = createObjectURL(file)
    const finish = (size: ImageSize | null) => {
      clearTimeout(timer)
      image.onload = null
      image.onerror = null
      revokeObjectURL(url)
      resolve(size)
    }
    const timer = setTimeout(() => finish(null), timeoutMs)
    image.onload = () => finish(valid(image.naturalWidth, image.naturalHeight))
    image.onerror = () => finish(null)
    image.src = url
  })
}

/**
 * Width × height of an image file in pixels, or `null` for non-images, files the browser
 * cannot decode (HEIC outside Safari) and decoders that never answer. Tries
 * `createImageBitmap`, then an `<img>` on an object URL (always revoked). SVGs are measured
 * from their text.
 */
export async function readImageSize(
  file: Blob,
  options: ReadImageSizeOptions = {},
): Promise<ImageSize | null> {
  const {
    type = file.type,
    createImageBitmap = defaultBitmapDecoder(),
    createImage = () => new Image(),
    createObjectURL = (blob) => URL.createObjectURL(blob),
    revokeObjectURL = (url) => URL.revokeObjectURL(url),
    timeoutMs = 10_000,
  } = options
  const normalized = normalizeType(type)

  if (normalized === 'image/svg+xml') {
    try {
      const head = await file.slice(0, SVG_HEAD_BYTES).arrayBuffer()
      return svgSize(new TextDecoder().decode(head))
    } catch {
      return null
    }
  }
  if (!normalized.startsWith('image/')) return null

  if (createImageBitmap) {
    try {
      return await bitmapSize(createImageBitmap, file, timeoutMs)
    } catch {
      // Some browsers' createImageBitmap rejects formats their <img> decodes: fall through.
    }
  }
  return imageElementSize(file, createImage, createObjectURL, revokeObjectURL, timeoutMs)
}

export type ImageSizeStatus = 'idle' | 'reading' | 'done'

export interface UseImageSizeReturn {
  status: Readonly<Ref<ImageSizeStatus>>
  /** `null` until read, and for files without a readable size. */
  size: Readonly<ShallowRef<ImageSize | null>>
}

/** Reads the size of whichever file `file` holds; a newer file makes an older read stale. */
export function useImageSize(
  file: MaybeRefOrGetter<Blob | null | undefined>,
  options: ReadImageSizeOptions = {},
): UseImageSizeReturn {
  const status = shallowRef<ImageSizeStatus>('idle')
  const size = shallowRef<ImageSize | null>(null)
  let run = 0

  watch(
    () => toValue(file),
    async (current) => {
      const id = ++run
      size.value = null
      if (!current) {
        status.value = 'idle'
        return
      }
      status.value = 'reading'
      const result = await readImageSize(current, options)
      if (id !== run) return
      size.value = result
      status.value = 'done'
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    run++
  })

  return { status: readonly(status), size: readonly(size) }
}
