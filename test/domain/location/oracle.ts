// What independent readers see in a photo: exifr 7 (EXIF with its GPS IFD, XMP with extended
// XMP) and sharp/libvips (the EXIF, XMP and ICC blocks it extracts, the decoded pixels). The
// location module's tests judge its output with these, never with the module itself.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as exifr from 'exifr'
import sharp from 'sharp'

export const PHOTOS = join(process.cwd(), 'test/fixtures/photos')
export const photo = (name: string): Uint8Array => new Uint8Array(readFileSync(join(PHOTOS, name)))

/** Properties that hold a position: the GPS IFD's tags, XMP's exif:GPS…, DJI's drone-dji:…. */
// exifr names ImageMagick's PNG text chunks by their keyword, prefix and all (`exif:GPSLatitude`).
const GPS_NAME =
  /^([\w-]+:)?((GPS|Gps)(?!IFD$)|AbsoluteAltitude$|Latitude$|Longitude$|Longtitude$|latitude$|longitude$)/

type Segments = Record<string, Record<string, unknown>>

export interface Seen {
  /** Every tag and property exifr reads, by segment, less the ones that hold a position. */
  readonly tags: Segments
  /** `segment:name` of each tag or property that holds a position. */
  readonly gps: readonly string[]
  /** The decimal position exifr works out from the GPS IFD. */
  readonly position: { latitude: unknown; longitude: unknown } | undefined
  /** The ICC profile as libvips extracts it. */
  readonly icc: Buffer | undefined
  readonly format: string | undefined
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value)

// exifr reads the extended XMP parts only with `tiff` on; `translateValues: false` keeps
// numbers as they are stored.
const OPTIONS = {
  tiff: true,
  ifd1: true,
  interop: true,
  gps: true,
  xmp: true,
  multiSegment: true,
  mergeOutput: false,
  translateValues: false,
  reviveValues: false,
}

async function read(input: Buffer, how: 'parse' | 'sidecar'): Promise<Record<string, unknown>> {
  const output: unknown =
    how === 'parse' ? await exifr.parse(input, OPTIONS) : await exifr.sidecar(input, OPTIONS)
  return isRecord(output) ? output : {}
}

/** exifr's output for EXIF and XMP read apart, as one: XMP's `exif` namespace joins the Exif IFD's. */
function merge(tiff: Record<string, unknown>, xmp: Record<string, unknown>) {
  const merged = { ...tiff }
  for (const [segment, values] of Object.entries(xmp))
    merged[segment] =
      isRecord(merged[segment]) && isRecord(values) ? { ...merged[segment], ...values } : values
  return merged
}

/** The TIFF block inside what libvips gives as EXIF (with or without `Exif\0\0`). */
const tiffOf = (exif: Buffer) => exif.subarray(exif.toString('latin1', 0, 4) === 'Exif' ? 6 : 0)

/**
 * Reads a photo as exifr and libvips see it. exifr reads JPEG and PNG itself; of WebP and HEIF
 * (which exifr does not read, or not all of) it reads the EXIF and XMP that libvips extracts.
 */
export async function seen(bytes: Uint8Array): Promise<Seen> {
  const file = Buffer.from(bytes)
  const meta = await sharp(file).metadata()
  const direct = meta.format === 'jpeg' || meta.format === 'png'
  const output = direct
    ? await read(file, 'parse')
    : merge(
        meta.exif ? await read(tiffOf(meta.exif), 'parse') : {},
        meta.xmp ? await read(meta.xmp, 'sidecar') : {},
      )
  const tags: Segments = {}
  const gps: string[] = []
  for (const [segment, values] of Object.entries(output)) {
    if (!isRecord(values) || segment === 'errors') continue
    const kept: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(values)) {
      if (segment === 'gps' || GPS_NAME.test(name)) gps.push(`${segment}:${name}`)
      else kept[name] = value
    }
    // An emptied GPS IFD or XMP namespace reads as no segment at all.
    if (Object.keys(kept).length > 0) tags[segment] = kept
  }
  const place = output['gps']
  const position = isRecord(place)
    ? { latitude: place['latitude'], longitude: place['longitude'] }
    : undefined
  return { tags, gps, position, icc: meta.icc, format: meta.format }
}

/** Where libvips' EXIF and XMP blocks lie in the file, as [start, end). */
export async function blockSpans(file: Buffer): Promise<[number, number][]> {
  const meta = await sharp(file).metadata()
  return [meta.exif, meta.xmp].flatMap((block): [number, number][] => {
    const at = block ? file.indexOf(block) : -1
    return block && at >= 0 ? [[at, at + block.length]] : []
  })
}

/** The decoded pixels, as libvips decodes them (HEIC cannot be: the npm libvips has no HEVC). */
export async function pixels(bytes: Uint8Array): Promise<Buffer> {
  return sharp(Buffer.from(bytes)).raw().toBuffer()
}
