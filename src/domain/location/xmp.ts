// XMP is RDF/XML. A position lives in properties of two namespaces: Adobe's EXIF schema
// (`exif:GPSLatitude`, `exif:GPSLongitude`, … also inside IPTC's LocationCreated/LocationShown
// structures) and DJI's drone schema (`drone-dji:GpsLatitude`, `GpsLongitude`, its misspelt
// `GpsLongtitude`, `Latitude`, `Longitude`, `AbsoluteAltitude`). Prefixes are whatever the packet binds to those
// namespaces. Removal cuts the properties out of the text and pads the packet with spaces to
// its old length, so that the container around it keeps its sizes; all else stays byte-equal.
// Spec: XMP Specification Part 1 (ISO 16684-1) and Part 2 (the exif: GPS properties).
import { fromLatin1, latin1, putU16, u16 } from './bytes'
import { fromXmpCoordinate, toPosition } from './position'
import type { Scan } from './scan'

/** GPS properties by namespace; the prefix is the usual one, for packets that forget it. */
const GPS_NAMESPACES = [
  { uri: 'http://ns.adobe.com/exif/1.0/', prefix: 'exif', name: /^GPS/ },
  {
    uri: 'http://www.dji.com/drone-dji/1.0/',
    prefix: 'drone-dji',
    name: /^(GPS|Gps|Latitude$|Longitude$|AbsoluteAltitude$)/,
  },
]
const LATITUDE = /^(GPSLatitude|GpsLatitude|Latitude)$/
const LONGITUDE = /^(GPSLongitude|GpsLongitude|GpsLongtitude|Longitude)$/

/** The prefixes bound to GPS namespaces, each with the name pattern of its properties. */
function gpsPrefixes(text: string): Map<string, RegExp> {
  const prefixes = new Map<string, RegExp>()
  const bound = new Set<string>()
  for (const [, prefix = '', uri] of text.matchAll(/xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)) {
    bound.add(prefix)
    const namespace = GPS_NAMESPACES.find((candidate) => candidate.uri === uri)
    if (namespace) prefixes.set(prefix, namespace.name)
  }
  for (const namespace of GPS_NAMESPACES)
    if (!bound.has(namespace.prefix)) prefixes.set(namespace.prefix, namespace.name)
  return prefixes
}

interface Cut {
  readonly start: number
  readonly end: number
  readonly name: string
  readonly value: string
}

/**
 * Every GPS property as an element (`<exif:GPSLatitude>…</exif:GPSLatitude>`, or empty with
 * `/>`) or as an attribute (` exif:GPSLatitude="…"`). Linear: each match moves on past its
 * end, and a property left open stops the search (reported as damage).
 */
function gpsCuts(text: string, damage: string[]): Cut[] {
  const prefixes = gpsPrefixes(text)
  const names = [...prefixes.keys()].map((prefix) => prefix.replace(/[.-]/g, '\\$&')).join('|')
  const property = new RegExp(`(<|\\s)(${names}):([A-Za-z][\\w-]*)`, 'g')
  const cuts: Cut[] = []
  for (let match = property.exec(text); match; match = property.exec(text)) {
    const [found, opener = '', prefix = '', local = ''] = match
    if (!prefixes.get(prefix)?.test(local)) continue
    const after = match.index + found.length
    const cut =
      opener === '<'
        ? element(text, match.index, after, `${prefix}:${local}`)
        : attribute(text, match.index, after)
    if (cut === 'open') {
      damage.push(`XMP property ${prefix}:${local} is never closed; the packet is left as is`)
      return []
    }
    if (!cut) continue
    cuts.push({ ...cut, name: local })
    property.lastIndex = cut.end
  }
  return cuts
}

type Span = { start: number; end: number; value: string } | null | 'open'

/** ` name="value"` from the space before it; `null` for a name that is not an attribute. */
function attribute(text: string, start: number, after: number): Span {
  const equals = /\s*=\s*(["'])/y
  equals.lastIndex = after
  const quote = equals.exec(text)
  if (!quote) return null
  const close = text.indexOf(quote[1] ?? '"', equals.lastIndex)
  if (close < 0) return 'open'
  return { start, end: close + 1, value: text.slice(equals.lastIndex, close) }
}

/** `<name …>value</name>` or `<name …/>`. */
function element(text: string, start: number, after: number, qname: string): Span {
  const tagEnd = text.indexOf('>', after)
  if (tagEnd < 0) return 'open'
  if (text[tagEnd - 1] === '/') return { start, end: tagEnd + 1, value: '' }
  const close = text.indexOf(`</${qname}`, tagEnd)
  const closeEnd = close < 0 ? -1 : text.indexOf('>', close)
  if (closeEnd < 0) return 'open'
  return { start, end: closeEnd + 1, value: text.slice(tagEnd + 1, close) }
}

/** The text with the cuts taken out and spaces added where the packet keeps its padding. */
function withoutCuts(text: string, cuts: readonly Cut[]): string {
  let kept = ''
  let at = 0
  for (const cut of cuts) {
    kept += text.slice(at, cut.start)
    at = cut.end
  }
  kept += text.slice(at)
  const padding = ' '.repeat(text.length - kept.length)
  const trailer = kept.lastIndexOf('<?xpacket end')
  return trailer < 0 ? kept + padding : kept.slice(0, trailer) + padding + kept.slice(trailer)
}

/**
 * Finds the GPS properties of an XMP packet and, when `scan.edit`, rewrites `packet` in place
 * without them, at the same length.
 */
export function scanXmp(packet: Uint8Array, label: string, scan: Scan): void {
  const unit = utf16(packet)
  if (unit === 'utf-32') {
    scan.damage.push(`${label}: XMP in UTF-32, not read`)
    return
  }
  const text = unit ? fromUtf16(packet, unit === 'le') : latin1(packet)
  const damage: string[] = []
  const cuts = gpsCuts(text, damage)
  scan.damage.push(...damage.map((problem) => `${label}: ${problem}`))
  if (cuts.length === 0) return
  const value = (pattern: RegExp) => cuts.find((cut) => pattern.test(cut.name))?.value ?? ''
  const names = [...new Set(cuts.map((cut) => cut.name))]
  const where = `${label}: ${names.join(', ')}`
  const position = toPosition(
    fromXmpCoordinate(value(LATITUDE)),
    fromXmpCoordinate(value(LONGITUDE)),
  )
  scan.places.push({ kind: 'xmp', where, position })
  if (!scan.edit) return
  const kept = withoutCuts(text, cuts)
  packet.set(unit ? toUtf16(kept, unit === 'le') : fromLatin1(kept))
  scan.removed.push(where)
}

/**
 * The packet's encoding when it is not UTF-8. XMP allows UTF-16 and UTF-32 (ExifTool's own
 * test photo has UTF-16); the packet starts with `<` or a byte-order mark, so the position
 * of the first zero byte tells.
 */
function utf16(packet: Uint8Array): 'be' | 'le' | 'utf-32' | null {
  const [a = 1, b = 1, c = 1] = packet
  if ((a === 0 && b === 0) || (a !== 0 && b === 0 && c === 0)) return 'utf-32'
  if (a === 0 || (a === 0xfe && b === 0xff)) return 'be'
  return b === 0 || (a === 0xff && b === 0xfe) ? 'le' : null
}

/** UTF-16 as one char per code unit: the text's length in units, so padding keeps bytes. */
function fromUtf16(packet: Uint8Array, little: boolean): string {
  let text = ''
  for (let at = 0; at + 1 < packet.length; at += 2)
    text += String.fromCharCode(u16(packet, at, little))
  return text
}

function toUtf16(text: string, little: boolean): Uint8Array {
  const bytes = new Uint8Array(text.length * 2)
  for (let index = 0; index < text.length; index++)
    putU16(bytes, index * 2, text.charCodeAt(index), little)
  return bytes
}
