// Coordinates as the metadata writes them, turned into degrees for the report.
import type { Position } from './scan'

/** Degrees, minutes and seconds (EXIF's three rationals), signed by the reference letter. */
export function fromDms(dms: readonly number[], ref: string): number | null {
  const [degrees = NaN, minutes = 0, seconds = 0] = dms
  const value = degrees + minutes / 60 + seconds / 3600
  if (!Number.isFinite(value)) return null
  return /^[SW]/i.test(ref) ? -value : value
}

/**
 * An XMP coordinate: `DDD,MM,SSk` or `DDD,MM.mmk` (the XMP spec's GPSCoordinate, k one of
 * N, S, E, W), or a signed decimal as DJI writes it (`+51.507351`).
 */
export function fromXmpCoordinate(text: string): number | null {
  const trimmed = text.trim()
  const decimal = /^[+-]?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : NaN
  if (Number.isFinite(decimal)) return decimal
  const parts = /^(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?(?:,(\d+(?:\.\d+)?))?\s*([NSEW])$/i.exec(
    trimmed,
  )
  if (!parts) return null
  return fromDms([Number(parts[1]), Number(parts[2] ?? 0), Number(parts[3] ?? 0)], parts[4] ?? '')
}

/** A position when both numbers are real coordinates, rounded to 3 decimals (about 100 m). */
export function toPosition(latitude: number | null, longitude: number | null): Position | null {
  if (latitude === null || longitude === null) return null
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null
  const round = (value: number) => Math.round(value * 1000) / 1000 || 0
  return { latitude: round(latitude), longitude: round(longitude) }
}

/** `51.507° N, 0.128° W`: the same in every language, for the UI's sentence. */
export function formatPosition({ latitude, longitude }: Position): string {
  const part = (value: number, positive: string, negative: string) =>
    `${Math.abs(value).toFixed(3)}° ${value < 0 ? negative : positive}`
  return `${part(latitude, 'N', 'S')}, ${part(longitude, 'E', 'W')}`
}
