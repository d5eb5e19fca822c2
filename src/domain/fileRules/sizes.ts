// File sizes: Storyblok's own limit, the field's `maxFileSize` option, and sizes in words.

/** S3's policy for Storyblok uploads allows `content-length-range` 1..5242879999. */
export const STORYBLOK_MAX_UPLOAD_BYTES = 5_242_879_999

/**
 * Parses `maxFileSize`: a byte count (`1048576`) or a number with a unit (`20MB`, `20 MB`,
 * `1.5GB`, `500kb`, `20MiB`). Every unit is 1024-based: Storyblok's UI and most editors say
 * "MB" for 1024² bytes, and a limit a little more generous than written surprises nobody.
 * `undefined` for anything else, including 0 and fractional bytes.
 */
export function parseFileSize(option: string): number | undefined {
  const [, number, unit] = /^(\d+(?:\.\d+)?)\s*(?:([kmg])i?)?b?$/i.exec(option.trim()) ?? []
  const bytes = Number(number) * 1024 ** ' kmg'.indexOf(unit?.toLowerCase() ?? ' ')
  const whole = unit ? Math.floor(bytes) : bytes
  return Number.isSafeInteger(whole) && whole > 0 ? whole : undefined
}

/** `33554432` → `"32 MB"` (1024-based, like `parseFileSize`), with the locale's decimal mark. */
export function formatBytes(bytes: number, locale = 'en'): string {
  const unit = Math.min(4, (Math.log2(bytes) / 10) | 0)
  const value = (bytes / 1024 ** unit).toLocaleString(locale, { maximumFractionDigits: 1 })
  return `${value} ${['', 'K', 'M', 'G', 'T'][unit]}B`
}
