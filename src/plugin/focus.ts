// Storyblok's focus point: `"<x1>x<y1>:<x2>x<y2>"`, a box in pixels of the original image.
// The editor writes a 1-pixel box around the chosen pixel (`"1964x892:1965x893"`); `""` means
// none. The image service's `filters:focal(<box>)` centres its crop on that box. Here a point is
// the chosen pixel: integer column `x` and row `y`, 0-based.

export interface FocusPoint {
  x: number
  y: number
}

export interface ImageDimensions {
  width: number
  height: number
}

export type FocusDirection = 'left' | 'right' | 'up' | 'down'

/** The crops previewed around the focus point, as width / height. */
export const CROP_ASPECTS = [
  { label: '1:1', ratio: 1 },
  { label: '4:3', ratio: 4 / 3 },
  { label: '16:9', ratio: 16 / 9 },
  { label: '9:16', ratio: 9 / 16 },
] as const

const NUMBER = '(\\d+(?:\\.\\d+)?)'
const FOCUS = new RegExp(`^\\s*${NUMBER}x${NUMBER}:${NUMBER}x${NUMBER}\\s*$`)

function isSize(size: ImageDimensions): boolean {
  return (
    Number.isFinite(size.width) &&
    Number.isFinite(size.height) &&
    size.width >= 1 &&
    size.height >= 1
  )
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

function pixel(value: number, dimension: number): number {
  return clamp(Math.floor(value), 0, Math.max(Math.floor(dimension) - 1, 0))
}

/**
 * The pixel at the centre of a stored focus box, or `null` for none: `null`, `undefined`, `""`
 * and anything malformed (negative numbers, missing parts, other types) all mean none.
 */
export function parseFocus(value: unknown): FocusPoint | null {
  if (typeof value !== 'string') return null
  const match = FOCUS.exec(value)
  if (!match) return null
  const [x1, y1, x2, y2] = match.slice(1).map(Number)
  if (x1 === undefined || y1 === undefined || x2 === undefined || y2 === undefined) return null
  return { x: Math.floor((x1 + x2) / 2), y: Math.floor((y1 + y2) / 2) }
}

/** The point moved inside the image: whole pixels, `0 ≤ x < width`, `0 ≤ y < height`. */
export function clampFocus(point: FocusPoint, size: ImageDimensions): FocusPoint {
  return { x: pixel(point.x, size.width), y: pixel(point.y, size.height) }
}

/**
 * The 1-pixel box Storyblok's editor writes for a point, e.g. `"1964x892:1965x893"`, never
 * outside the image. `""` when the point or the size is not a usable number.
 */
export function formatFocus(point: FocusPoint, size: ImageDimensions): string {
  if (!isSize(size) || !Number.isFinite(point.x) || !Number.isFinite(point.y)) return ''
  const { x, y } = clampFocus({ x: Math.round(point.x), y: Math.round(point.y) }, size)
  return `${x}x${y}:${x + 1}x${y + 1}`
}

/** The middle pixel of the image. */
export function centreFocus(size: ImageDimensions): FocusPoint {
  return clampFocus({ x: size.width / 2, y: size.height / 2 }, size)
}

/** Where the centre of the point's pixel lies, in percent of the image (for CSS). */
export function focusToPercent(point: FocusPoint, size: ImageDimensions): FocusPoint {
  const { x, y } = clampFocus(point, size)
  return { x: ((x + 0.5) / size.width) * 100, y: ((y + 0.5) / size.height) * 100 }
}

/** The pixel under a position given in percent of the image (0–100, clamped). */
export function percentToFocus(percent: FocusPoint, size: ImageDimensions): FocusPoint {
  return clampFocus(
    {
      x: (clamp(percent.x, 0, 100) / 100) * size.width,
      y: (clamp(percent.y, 0, 100) / 100) * size.height,
    },
    size,
  )
}

/** One keyboard step: 1 % of the image's side (at least 1 px), or 10 % when `large`. */
export function focusStep(dimension: number, large: boolean): number {
  return Math.max(1, Math.round(dimension * (large ? 0.1 : 0.01)))
}

export function moveFocus(
  point: FocusPoint,
  direction: FocusDirection,
  { large = false }: { large?: boolean },
  size: ImageDimensions,
): FocusPoint {
  const dx = focusStep(size.width, large)
  const dy = focusStep(size.height, large)
  const moved = {
    left: { x: point.x - dx, y: point.y },
    right: { x: point.x + dx, y: point.y },
    up: { x: point.x, y: point.y - dy },
    down: { x: point.x, y: point.y + dy },
  }[direction]
  return clampFocus(moved, size)
}

// Where along one axis a crop of `crop` pixels out of `full` starts when it is centred on
// `focus` and kept inside the image, as the `object-position` percentage that shows it:
// CSS places the image at `(box - image) * p`, i.e. the crop starts at `p * (full - crop)`.
function axisPosition(focus: number, full: number, crop: number): number {
  const overflow = full - crop
  // Less than half a pixel to spare is rounding, not a crop.
  if (overflow < 0.5) return 50
  const start = clamp(focus - crop / 2, 0, overflow)
  return (start / overflow) * 100
}

function percentText(value: number): string {
  return `${Math.round(value * 100) / 100}%`
}

/**
 * CSS for a preview box of `aspect` (width / height) showing the image with
 * `object-fit: cover`: the `object-position` that crops the way the image service's focal
 * crop does, centred on the focus point and clamped to the image. Centred without a focus.
 */
export function cropStyle({
  focus,
  imageWidth,
  imageHeight,
  aspect,
}: {
  focus: FocusPoint | null
  imageWidth: number
  imageHeight: number
  aspect: number
}): { objectPosition: string } {
  const size = { width: imageWidth, height: imageHeight }
  if (!focus || !isSize(size) || !(aspect > 0)) return { objectPosition: '50% 50%' }
  const { x, y } = clampFocus(focus, size)
  const cropWidth = Math.min(imageWidth, imageHeight * aspect)
  const cropHeight = Math.min(imageHeight, imageWidth / aspect)
  const left = axisPosition(x + 0.5, imageWidth, cropWidth)
  const top = axisPosition(y + 0.5, imageHeight, cropHeight)
  return { objectPosition: `${percentText(left)} ${percentText(top)}` }
}
