// Hand-built PNG, WebP and HEIF files around metadata blocks, for the container tests.
import { crc32 } from 'node:zlib'
import { ascii, concat } from './build'

const be32 = (value: number) =>
  Uint8Array.of(value >>> 24, (value >> 16) & 255, (value >> 8) & 255, value & 255)
const be16 = (value: number) => Uint8Array.of(value >> 8, value & 255)
const le32 = (value: number) =>
  Uint8Array.of(value & 255, (value >> 8) & 255, (value >> 16) & 255, value >>> 24)

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat([ascii(type), data])
  return concat([be32(data.length), body, be32(crc32(body))])
}

/** A 1 × 1 PNG with `chunks` between IHDR and IDAT. */
export function pngWith(...chunks: Uint8Array[]): Uint8Array {
  const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)
  const ihdr = pngChunk('IHDR', concat([be32(1), be32(1), Uint8Array.of(8, 0, 0, 0, 0)]))
  const idat = pngChunk('IDAT', Uint8Array.of(0x78, 0x9c, 0x63, 0x60, 0, 0, 0, 2, 0, 1))
  return concat([signature, ihdr, ...chunks, idat, pngChunk('IEND', new Uint8Array(0))])
}

export function webpChunk(type: string, data: Uint8Array): Uint8Array {
  return concat([ascii(type), le32(data.length), data, new Uint8Array(data.length % 2)])
}

/** A WebP: VP8X, a stand-in VP8 chunk, then `chunks`. */
export function webpWith(...chunks: Uint8Array[]): Uint8Array {
  const body = concat([
    ascii('WEBP'),
    webpChunk('VP8X', Uint8Array.of(0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
    webpChunk('VP8 ', Uint8Array.of(1, 2, 3, 4, 5)),
    ...chunks,
  ])
  return concat([ascii('RIFF'), le32(body.length), body])
}

const box = (type: string, ...payload: Uint8Array[]) => {
  const body = concat(payload)
  return concat([be32(body.length + 8), ascii(type), body])
}
const fullBox = (type: string, version: number, ...payload: Uint8Array[]) =>
  box(type, Uint8Array.of(version, 0, 0, 0), ...payload)

export interface HeifItem {
  readonly type: 'Exif' | 'mime'
  readonly data: Uint8Array
  /** `idat`: construction method 1; else in `mdat`, cut into extents at these offsets. */
  readonly idat?: boolean
  readonly cuts?: readonly number[]
}

/** A HEIF file whose `meta` lists `items` (ids 1, 2, …) in iinf and iloc (version 1). */
export function heifWith(items: readonly HeifItem[], mdatAt = 0): Uint8Array {
  const ftyp = box('ftyp', ascii('heic'), be32(0), ascii('mif1heic'))
  const infe = items.map((item, index) =>
    fullBox(
      'infe',
      2,
      be16(index + 1),
      be16(0),
      ascii(item.type),
      ascii('\0'),
      item.type === 'mime' ? ascii('application/rdf+xml\0') : new Uint8Array(0),
    ),
  )
  let idat: Uint8Array = new Uint8Array(0)
  let mdat: Uint8Array = new Uint8Array(0)
  const locations = items.map((item, index) => {
    const bounds = [0, ...(item.cuts ?? []), item.data.length]
    const extents = bounds.slice(1).map((end, at) => [bounds[at] ?? 0, end] as const)
    const base = item.idat ? idat.length : mdat.length
    if (item.idat) idat = concat([idat, item.data])
    else mdat = concat([mdat, item.data])
    return { id: index + 1, method: item.idat ? 1 : 0, base, extents }
  })
  const meta = (mdatStart: number) => {
    const entries = locations.map(({ id, method, base, extents }) =>
      concat([
        be16(id),
        be16(method),
        be16(0),
        be16(extents.length),
        ...extents.flatMap(([start, end]) => [
          be32((method === 1 ? 0 : mdatStart) + base + start),
          be32(end - start),
        ]),
      ]),
    )
    const iloc = fullBox('iloc', 1, Uint8Array.of(0x44, 0x00), be16(items.length), ...entries)
    const hdlr = fullBox('hdlr', 0, be32(0), ascii('pict'), new Uint8Array(13))
    return fullBox(
      'meta',
      0,
      hdlr,
      fullBox('iinf', 0, be16(items.length), ...infe),
      iloc,
      box('idat', idat),
    )
  }
  const size = ftyp.length + meta(0).length + 8
  return concat([ftyp, meta(mdatAt || size), box('mdat', mdat)])
}

/** An Exif item's payload: the offset to the TIFF header (6), `Exif\0\0`, the TIFF block. */
export const exifItem = (tiff: Uint8Array) => concat([be32(6), ascii('Exif\0\0'), tiff])
