// Hand-built metadata for the unit and hostile-input tests: TIFF blocks in either byte order,
// and the containers around them. Offsets are returned, so a test can break one on purpose.

export type Order = 'II' | 'MM'

/** A tag: `ifd` points to another IFD of the block (by index); text is ASCII with its NUL. */
export type Tag =
  | { tag: number; type: 1 | 3 | 4 | 5 | 7; values: number[] }
  | { tag: number; text: string }
  | { tag: number; ifd: number }

export interface Built {
  readonly bytes: Uint8Array
  /** Where each IFD starts, by index. */
  readonly ifdAt: readonly number[]
  /** Where each out-of-line value starts, by `ifd:tag`. */
  readonly valueAt: ReadonlyMap<string, number>
}

const SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1 }

/** A TIFF block: header, then each IFD followed by its values. IFD0 is index 0. */
export function buildTiff(order: Order, ifds: Tag[][], next: number[] = []): Built {
  const little = order === 'II'
  const ifdAt: number[] = []
  let at = 8
  for (const tags of ifds) {
    ifdAt.push(at)
    at += 6 + tags.length * 12
    for (const tag of tags) at += outOfLine(tag)
  }
  const bytes = new Uint8Array(at)
  const view = new DataView(bytes.buffer)
  const u16 = (offset: number, value: number) => view.setUint16(offset, value, little)
  const u32 = (offset: number, value: number) => view.setUint32(offset, value, little)
  bytes.set(order === 'II' ? [0x49, 0x49] : [0x4d, 0x4d])
  u16(2, 42)
  u32(4, 8)
  const valueAt = new Map<string, number>()
  ifds.forEach((tags, index) => {
    const start = ifdAt[index] ?? 0
    let value = start + 6 + tags.length * 12
    u16(start, tags.length)
    tags.forEach((tag, entryIndex) => {
      const entry = start + 2 + entryIndex * 12
      const [type, items] =
        'ifd' in tag
          ? [4, [ifdAt[tag.ifd] ?? 0]]
          : 'text' in tag
            ? [2, [...tag.text, '\0'].map((char) => char.charCodeAt(0))]
            : [tag.type, tag.values]
      u16(entry, tag.tag)
      u16(entry + 2, type)
      const count = type === 5 ? items.length / 2 : items.length
      u32(entry + 4, count)
      const size = (SIZE[type] ?? 1) * count
      const target = size > 4 ? value : entry + 8
      if (size > 4) {
        u32(entry + 8, value)
        valueAt.set(`${index}:${tag.tag}`, value)
        value += size
      }
      items.forEach((item, itemIndex) => {
        const width = type === 5 ? 4 : (SIZE[type] ?? 1)
        const offset = target + itemIndex * width
        if (width === 1) bytes[offset] = item
        else if (width === 2) u16(offset, item)
        else u32(offset, item)
      })
    })
    u32(start + 2 + tags.length * 12, next[index] === undefined ? 0 : (ifdAt[next[index]] ?? 0))
  })
  return { bytes, ifdAt, valueAt }
}

function outOfLine(tag: Tag): number {
  if ('ifd' in tag) return 0
  const size =
    'text' in tag
      ? tag.text.length + 1
      : (SIZE[tag.type] ?? 1) * (tag.type === 5 ? tag.values.length / 2 : tag.values.length)
  return size > 4 ? size : 0
}

/** 51° 30' 26.4" N, 0° 7' 39.6" W: London, as rationals. */
export const LONDON: Tag[] = [
  { tag: 1, text: 'N' },
  { tag: 2, type: 5, values: [51, 1, 30, 1, 264, 10] },
  { tag: 3, text: 'W' },
  { tag: 4, type: 5, values: [0, 1, 7, 1, 396, 10] },
  { tag: 6, type: 5, values: [35, 1] },
]

/** IFD0 with orientation 6, a make and a copyright, pointing to a GPS IFD at London. */
export const PHONE = (order: Order): Built =>
  buildTiff(order, [
    [
      { tag: 0x010f, text: 'Apple' },
      { tag: 0x0112, type: 3, values: [6] },
      { tag: 0x8298, text: '© Example' },
      { tag: 0x8825, ifd: 1 },
    ],
    LONDON,
  ])

/** A JPEG around APP1 segments: SOI, the segments, a tiny SOS with entropy-coded bytes, EOI. */
export function jpegWith(...segments: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(0xff, 0xd8)]
  for (const segment of segments) {
    const length = segment.length + 2
    parts.push(Uint8Array.of(0xff, 0xe1, length >> 8, length & 0xff), segment)
  }
  parts.push(Uint8Array.of(0xff, 0xda, 0, 2, 0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9))
  return concat(parts)
}

export const exifSegment = (tiff: Uint8Array) => concat([ascii('Exif\0\0'), tiff])
export const xmpSegment = (packet: string) =>
  concat([ascii('http://ns.adobe.com/xap/1.0/\0'), ascii(packet)])

export const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff)

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** A packet as Adobe writes it, with `body` inside one rdf:Description. */
export const packet = (body: string, attributes = '') =>
  `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">` +
  `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""` +
  ` xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"${attributes}>` +
  `${body}</rdf:Description></rdf:RDF></x:xmpmeta>${' '.repeat(100)}<?xpacket end="w"?>`
