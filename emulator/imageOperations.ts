// The image service's URL grammar: what follows `/m/` in `<CDN url>/m/[fit-in/][WxH][/smart]
// [/filters:name(args):name(args)…]`, parsed into operations. Pure; imageService.ts applies
// them. See https://www.storyblok.com/docs/api/image-service and README.md ("Image service").

/** The output formats `filters:format()` may ask for (`jpg` is read as `jpeg`). */
export const OUTPUT_FORMATS = ['webp', 'jpeg', 'png', 'avif'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** The filters applied; any other well-formed filter is accepted and ignored (README.md). */
const APPLIED_FILTERS = ['focal', 'format', 'quality', 'fill', 'no_upscale'] as const

export interface FocalBox {
  x1: number
  y1: number
  x2: number
  y2: number
}

export interface ImageOperations {
  /** `fit-in/`: scale to fit inside the box, no crop. */
  fitIn: boolean
  /** Requested width and height; 0 = follow the other side (both 0 = original size). */
  width: number
  height: number
  /** A negative size flips: width → horizontally, height → vertically. */
  flipX: boolean
  flipY: boolean
  /** `/smart`: crop around what draws attention instead of the centre. */
  smart: boolean
  focal?: FocalBox
  format?: OutputFormat
  /** 0–100 */
  quality?: number
  /** `fill(rrggbb)` or `fill(transparent)`: with `fit-in/`, pads to the full box. */
  fill?: { r: number; g: number; b: number; alpha: number }
  /** `no_upscale()`: never larger than the original. */
  noUpscale: boolean
  /** The filters given that the emulator does not apply (e.g. `grayscale`, `blur`). */
  ignoredFilters: string[]
}

/** Storyblok's limit: no side of an image-service result is larger. */
export const MAX_SIDE = 4000

const SIZE = /^(-?)(\d+)x(-?)(\d+)$/
const FILTER_CHAIN = /^[a-z_]+\([^()]*\)(?::[a-z_]+\([^()]*\))*$/
const FOCAL = /^(\d+)x(\d+):(\d+)x(\d+)$/

/** Parses one `filters:` segment into `operations`; returns an error message or undefined. */
function parseFilters(text: string, operations: ImageOperations): string | undefined {
  if (!FILTER_CHAIN.test(text)) return `malformed filters: ${text}`
  for (const [, name = '', args = ''] of text.matchAll(/([a-z_]+)\(([^()]*)\)/g)) {
    if (!APPLIED_FILTERS.some((applied) => applied === name)) {
      operations.ignoredFilters.push(name)
    } else if (name === 'focal') {
      const match = FOCAL.exec(args)
      if (!match) return `focal needs <x1>x<y1>:<x2>x<y2>, got ${args}`
      const [x1, y1, x2, y2] = match.slice(1).map(Number)
      operations.focal = { x1: x1 ?? 0, y1: y1 ?? 0, x2: x2 ?? 0, y2: y2 ?? 0 }
    } else if (name === 'format') {
      const format = OUTPUT_FORMATS.find((known) => known === (args === 'jpg' ? 'jpeg' : args))
      if (!format) return `format must be one of ${OUTPUT_FORMATS.join(', ')}, got ${args}`
      operations.format = format
    } else if (name === 'quality') {
      if (!/^\d+$/.test(args) || Number(args) > 100) return `quality must be 0 to 100, got ${args}`
      operations.quality = Number(args)
    } else if (name === 'fill') {
      const hex = /^[0-9a-fA-F]{6}$/.test(args) ? Number.parseInt(args, 16) : undefined
      if (args === 'transparent') operations.fill = { r: 0, g: 0, b: 0, alpha: 0 }
      else if (hex !== undefined)
        operations.fill = { r: (hex >> 16) & 255, g: (hex >> 8) & 255, b: hex & 255, alpha: 1 }
      else return `fill needs rrggbb or transparent, got ${args}`
    } else {
      operations.noUpscale = true
    }
  }
  return undefined
}

/**
 * Parses the segments after `/m/` (`[]` for `/m/` alone). Answers the operations, or the
 * reason the URL is not one the image service understands.
 */
export function parseImageOperations(segments: string[]): ImageOperations | { error: string } {
  const operations: ImageOperations = {
    fitIn: false,
    width: 0,
    height: 0,
    flipX: false,
    flipY: false,
    smart: false,
    noUpscale: false,
    ignoredFilters: [],
  }
  const rest = segments.filter((segment) => segment !== '')
  if (rest[0] === 'fit-in') {
    operations.fitIn = true
    rest.shift()
  }
  const size = SIZE.exec(rest[0] ?? '')
  if (size) {
    const [, minusX, width = '0', minusY, height = '0'] = size
    operations.width = Number(width)
    operations.height = Number(height)
    operations.flipX = minusX === '-'
    operations.flipY = minusY === '-'
    rest.shift()
  } else if (operations.fitIn) {
    return { error: 'fit-in needs a size: fit-in/<width>x<height>' }
  }
  if (rest[0] === 'smart') {
    operations.smart = true
    rest.shift()
  }
  if (rest[0]?.startsWith('filters:')) {
    const error = parseFilters(rest[0].slice('filters:'.length), operations)
    if (error) return { error }
    rest.shift()
  }
  if (rest.length > 0) return { error: `unknown operation: ${rest.join('/')}` }
  return operations
}

/** The box a request asks for, scaled down (ratio kept) so that no side is above MAX_SIDE. */
export function cappedBox(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height, 1))
  return {
    width: width === 0 ? 0 : Math.max(1, Math.round(width * scale)),
    height: height === 0 ? 0 : Math.max(1, Math.round(height * scale)),
  }
}
