// zlib streams (RFC 1950/1951) for PNG's compressed text chunks, where ImageMagick keeps XMP
// and EXIF ("Raw profile type …"). Inflate is the small textbook decoder (after Mark Adler's
// puff.c, https://github.com/madler/zlib/blob/master/contrib/puff/puff.c); writing back
// uses stored blocks only: larger, but exact and a few lines. Output is capped, so that a
// small chunk cannot expand into gigabytes.

/** A canonical Huffman code: how many codes of each length, the symbols in code order. */
interface Huffman {
  readonly counts: Uint16Array
  readonly symbols: Uint16Array
}

const at = (array: ArrayLike<number>, index: number) => array[index] ?? 0

function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16)
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = at(lengths, symbol)
    counts[length] = at(counts, length) + 1
  }
  counts[0] = 0
  const offsets = new Uint16Array(16)
  for (let length = 1; length < 16; length++)
    offsets[length] = at(offsets, length - 1) + at(counts, length - 1)
  const symbols = new Uint16Array(lengths.length)
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = at(lengths, symbol)
    if (!length) continue
    symbols[at(offsets, length)] = symbol
    offsets[length] = at(offsets, length) + 1
  }
  return { counts, symbols }
}

// prettier-ignore
const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
// prettier-ignore
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
// prettier-ignore
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
// prettier-ignore
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
const CODE_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

/** Thrown inside `inflate` only, for any stream it cannot decode; `inflate` returns null. */
class Corrupt extends Error {}

class Bits {
  private count = 0
  private buffer = 0
  constructor(
    private readonly input: Uint8Array,
    public offset: number,
  ) {}

  read(count: number): number {
    while (this.count < count) {
      if (this.offset >= this.input.length) throw new Corrupt()
      this.buffer |= at(this.input, this.offset++) << this.count
      this.count += 8
    }
    const value = this.buffer & ((1 << count) - 1)
    this.buffer >>>= count
    this.count -= count
    return value
  }

  /** Drops the bits left in the current byte (a stored block starts on a byte). */
  align(): void {
    this.count = 0
    this.buffer = 0
  }

  decode({ counts, symbols }: Huffman): number {
    let code = 0
    let first = 0
    let index = 0
    for (let length = 1; length < 16; length++) {
      code |= this.read(1)
      const count = at(counts, length)
      if (code - count < first) return at(symbols, index + (code - first))
      index += count
      first = (first + count) << 1
      code <<= 1
    }
    throw new Corrupt()
  }
}

interface Codes {
  literals: Huffman
  distances: Huffman
}

let fixed: Codes | undefined

/**
 * The fixed codes of RFC 1951, 3.2.6, built on first use: only a PNG text chunk that a location
 * scan inflates needs them, and every field on a story page loads this module before its first
 * render (a few ms each at a slowed CPU, for nothing).
 */
function fixedCodes(): Codes {
  if (fixed) return fixed
  const lengths = Array.from({ length: 288 }, (_, s) =>
    s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8,
  )
  fixed = { literals: huffman(lengths), distances: huffman(new Array<number>(30).fill(5)) }
  return fixed
}

/** The code lengths of a dynamic block, read with the code-length code. */
function dynamicCodes(bits: Bits) {
  const literalCount = bits.read(5) + 257
  const distanceCount = bits.read(5) + 1
  const codeCount = bits.read(4) + 4
  const codeLengths = new Uint8Array(19)
  for (let index = 0; index < codeCount; index++) codeLengths[at(CODE_ORDER, index)] = bits.read(3)
  const code = huffman(codeLengths)
  const lengths = new Uint8Array(literalCount + distanceCount)
  for (let index = 0; index < lengths.length;) {
    const symbol = bits.decode(code)
    if (symbol < 16) {
      lengths[index++] = symbol
      continue
    }
    if (symbol === 16 && index === 0) throw new Corrupt()
    const repeat =
      symbol === 16 ? 3 + bits.read(2) : symbol === 17 ? 3 + bits.read(3) : 11 + bits.read(7)
    const value = symbol === 16 ? at(lengths, index - 1) : 0
    if (index + repeat > lengths.length) throw new Corrupt()
    lengths.fill(value, index, index + repeat)
    index += repeat
  }
  return {
    literals: huffman(lengths.subarray(0, literalCount)),
    distances: huffman(lengths.subarray(literalCount)),
  }
}

/** Output that grows by doubling, up to a limit. */
class Output {
  bytes = new Uint8Array(1024)
  length = 0
  constructor(private readonly limit: number) {}

  push(byte: number): void {
    if (this.length >= this.limit) throw new Corrupt()
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(Math.min(this.limit, this.length * 2))
      grown.set(this.bytes)
      this.bytes = grown
    }
    this.bytes[this.length++] = byte
  }
}

function codes(bits: Bits, out: Output, { literals, distances }: Codes): void {
  for (let symbol = bits.decode(literals); symbol !== 256; symbol = bits.decode(literals)) {
    if (symbol < 256) {
      out.push(symbol)
      continue
    }
    const lengthIndex = symbol - 257
    if (lengthIndex >= 29) throw new Corrupt()
    const length = at(LENGTH_BASE, lengthIndex) + bits.read(at(LENGTH_EXTRA, lengthIndex))
    const distanceIndex = bits.decode(distances)
    if (distanceIndex >= 30) throw new Corrupt()
    const distance = at(DISTANCE_BASE, distanceIndex) + bits.read(at(DISTANCE_EXTRA, distanceIndex))
    if (distance > out.length) throw new Corrupt()
    for (let copied = 0; copied < length; copied++) out.push(at(out.bytes, out.length - distance))
  }
}

/** The data of a zlib stream, or null when it is not one or would exceed `limit` bytes. */
export function inflate(stream: Uint8Array, limit: number): Uint8Array | null {
  if (stream.length < 2 || (at(stream, 0) & 15) !== 8 || (at(stream, 0) * 256 + at(stream, 1)) % 31)
    return null
  const bits = new Bits(stream, 2)
  const out = new Output(limit)
  try {
    for (let last = 0; !last;) {
      last = bits.read(1)
      const type = bits.read(2)
      if (type === 0) {
        bits.align()
        const start = bits.offset
        const length = at(stream, start) | (at(stream, start + 1) << 8)
        if (start + 4 + length > stream.length) throw new Corrupt()
        for (let index = 0; index < length; index++) out.push(at(stream, start + 4 + index))
        bits.offset = start + 4 + length
      } else if (type === 1) codes(bits, out, fixedCodes())
      else if (type === 2) codes(bits, out, dynamicCodes(bits))
      else throw new Corrupt()
    }
  } catch (error) {
    if (error instanceof Corrupt) return null
    throw error
  }
  return out.bytes.slice(0, out.length)
}

/** A zlib stream of stored blocks that inflates to `data`. */
export function deflateStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 0xffff))
  const stream = new Uint8Array(2 + blocks * 5 + data.length + 4)
  stream.set([0x78, 0x01])
  let offset = 2
  for (let block = 0; block < blocks; block++) {
    const part = data.subarray(block * 0xffff, (block + 1) * 0xffff)
    stream.set(
      [
        block === blocks - 1 ? 1 : 0,
        part.length & 255,
        part.length >> 8,
        ~part.length & 255,
        (~part.length >> 8) & 255,
      ],
      offset,
    )
    stream.set(part, offset + 5)
    offset += 5 + part.length
  }
  let a = 1
  let b = 0
  for (const byte of data) {
    a = (a + byte) % 65521
    b = (b + a) % 65521
  }
  stream.set([b >> 8, b & 255, a >> 8, a & 255], offset)
  return stream
}
