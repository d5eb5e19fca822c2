// The tests' own view of each container, written apart from src/ so that the module is judged
// by something it does not share code with: JPEG segments and the entropy-coded data after
// the first SOS, PNG and WebP chunks, HEIF's top-level boxes.

export interface Piece {
  /** JPEG marker (`FFE1`), PNG chunk type, RIFF FourCC or box type. */
  readonly name: string
  readonly bytes: Buffer
}

/** The JPEG's segments up to the first SOS, then one piece `image` with SOS … EOI and after. */
export function jpegPieces(file: Buffer): Piece[] {
  const pieces: Piece[] = []
  let at = 2
  while (file[at] === 0xff && file[at + 1] !== 0xda && at + 4 <= file.length) {
    const end = at + 2 + file.readUInt16BE(at + 2)
    pieces.push({
      name: file.toString('hex', at, at + 2).toUpperCase(),
      bytes: file.subarray(at, end),
    })
    at = end
  }
  pieces.push({ name: 'image', bytes: file.subarray(at) })
  return pieces
}

export function pngPieces(file: Buffer): Piece[] {
  const pieces: Piece[] = []
  for (let at = 8; at + 12 <= file.length;) {
    const end = at + 12 + file.readUInt32BE(at)
    pieces.push({ name: file.toString('latin1', at + 4, at + 8), bytes: file.subarray(at, end) })
    at = end
  }
  return pieces
}

export function webpPieces(file: Buffer): Piece[] {
  const pieces: Piece[] = []
  for (let at = 12; at + 8 <= file.length;) {
    const size = file.readUInt32LE(at + 4)
    const end = at + 8 + size + (size % 2)
    pieces.push({ name: file.toString('latin1', at, at + 4), bytes: file.subarray(at, end) })
    at = end
  }
  return pieces
}

export function boxPieces(file: Buffer): Piece[] {
  const pieces: Piece[] = []
  for (let at = 0; at + 8 <= file.length;) {
    const end = at + file.readUInt32BE(at)
    pieces.push({ name: file.toString('latin1', at + 4, at + 8), bytes: file.subarray(at, end) })
    at = end
  }
  return pieces
}

/** Each format's pieces, and the ones metadata removal may change. */
export const CONTAINERS = {
  jpeg: { pieces: jpegPieces, metadata: new Set(['FFE1']) },
  png: { pieces: pngPieces, metadata: new Set(['eXIf', 'iTXt', 'tEXt']) },
  webp: { pieces: webpPieces, metadata: new Set(['EXIF', 'XMP ']) },
  // HEIF items live in `mdat` (or `meta`'s `idat`) next to the image's own: the test checks
  // the changed bytes against the EXIF and XMP blocks libvips extracts instead.
  heif: { pieces: boxPieces, metadata: new Set(['mdat', 'meta']) },
} as const

/** The [start, end) runs of bytes in which `a` and `b` (of one length) differ. */
export function changedRuns(a: Uint8Array, b: Uint8Array): [number, number][] {
  const runs: [number, number][] = []
  for (let at = 0; at < a.length; at++) {
    if (a[at] === b[at]) continue
    const last = runs[runs.length - 1]
    if (last && last[1] === at) last[1] = at + 1
    else runs.push([at, at + 1])
  }
  return runs
}
