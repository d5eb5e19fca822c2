// Storyblok's focus point: `"<x1>x<y1>:<x2>x<y2>"`, a box in pixels of the original image.
// The editor writes a 1-pixel box around the chosen pixel (`"1964x892:1965x893"`); `""` means
// none. The image service's `filters:focal(<box>)` centres its crop on that box. Here a point is
// the chosen pixel: integer column `x` and row `y`, 0-based.
import type { PixelSize } from './imageSize'

export interface FocusPoint {
  x: number
  y: number
}

/** The crops previewed around the focus point, as [width, height]. */
export const CROP_ASPECTS = [
  [1, 1],
  [4, 3],
  [16, 9],
  [9, 16],
] as const

function clamp(value: number, max: number): number {
  return Math.min(Math.max(value, 0), max)
}

/**
 * The pixel at the centre of a stored focus box, or `null` for none: `null`, `undefined`, `""`
 * and anything malformed (negative numbers, missing parts, other types) all mean none.
 */
export function parseFocus(value: unknown): FocusPoint | null {
  const match =
    typeof value === 'string' &&
    /^\s*(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)\s*$/.exec(value)
  return match
    ? {
        x: Math.floor((Number(match[1]) + Number(match[3])) / 2),
        y: Math.floor((Number(match[2]) + Number(match[4])) / 2),
      }
    : null
}

/** The point moved inside the image: whole pixels, `0 ≤ x < width`, `0 ≤ y < height`. */
export function clampFocus({ x, y }: FocusPoint, { width, height }: PixelSize): FocusPoint {
  return { x: clamp(Math.floor(x), width - 1), y: clamp(Math.floor(y), height - 1) }
}

/**
 * The 1-pixel box Storyblok's editor writes for a point, e.g. `"1964x892:1965x893"`, never
 * outside the image. `""` when the point or the size is not a usable number.
 */
export function formatFocus(point: FocusPoint, size: PixelSize): string {
  const { x, y } = clampFocus({ x: Math.round(point.x), y: Math.round(point.y) }, size)
  return x >= 0 && y >= 0 ? `${x}x${y}:${x + 1}x${y + 1}` : ''
}

/** The middle pixel of the image. */
export function centreFocus(size: PixelSize): FocusPoint {
  return clampFocus({ x: size.width / 2, y: size.height / 2 }, size)
}

/** Where the centre of the point's pixel lies, in percent of the image (for CSS). */
export function focusToPercent({ x, y }: FocusPoint, { width, height }: PixelSize) {
  return { x: ((x + 0.5) / width) * 100, y: ((y + 0.5) / height) * 100 }
}

/**
 * The `object-position` for a preview box of `aspect` (width / height) showing the image with
 * `object-fit: cover`, so that it crops the way the image service's focal crop does: centred
 * on the focus point and kept inside the image. Centred without a focus.
 */
export function cropPosition(
  focus: FocusPoint | null,
  { width, height }: PixelSize,
  aspect: number,
): string {
  // Where along one axis a crop of `crop` pixels out of `full` starts, as the percentage that
  // shows it: CSS places the image at `(box - image) * p`, i.e. the crop starts at
  // `p * (full - crop)`. Less than half a pixel to spare is rounding, not a crop.
  const axis = (at: number, full: number, crop: number) => {
    const spare = full - crop
    const start = clamp(at + 0.5 - crop / 2, spare)
    return `${spare < 0.5 ? 50 : Math.round((start / spare) * 1e4) / 100}%`
  }
  return focus
    ? `${axis(focus.x, width, Math.min(width, height * aspect))} ${axis(focus.y, height, Math.min(height, width / aspect))}`
    : '50% 50%'
}
