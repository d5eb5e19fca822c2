// Checks that run on a chosen file before anything is sent: the field's `accept` and
// `maxFileSize` options, empty files, bytes that contradict the extension, and the name
// Storyblok will store. Pure functions; `useFileCheck` reads the bytes and calls `checkFile`.
//
// Why the extension matters so much: Storyblok signs the S3 upload with a `Content-Type` it
// picks from the file name's extension, and S3 then serves the file with that type forever
// (see ../../../shared/reference/management-api-assets.md). A PNG named `.jpg` is served as
// `image/jpeg`; a file without an extension is served as `application/octet-stream`.

// ---------------------------------------------------------------------------------------------
// Option problems

/** An `accept` or `maxFileSize` option the plugin cannot use; `value` is the offending token. */
export interface ValidationProblem {
  readonly kind: 'problem'
  readonly option: 'accept' | 'maxFileSize'
  readonly code: 'invalid-accept-token' | 'invalid-file-size'
  readonly value: string
}

export function isValidationProblem(value: unknown): value is ValidationProblem {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'problem'
}

// ---------------------------------------------------------------------------------------------
// Content types

const OCTET_STREAM = 'application/octet-stream'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
const ODT = 'application/vnd.oasis.opendocument.text'
const ODS = 'application/vnd.oasis.opendocument.spreadsheet'
const ODP = 'application/vnd.oasis.opendocument.presentation'

// What S3 will serve, keyed by lower-case extension. It mirrors the common `mime-types`
// database that S3 tooling and Rails pick types from; where that database has two names for
// one format (`image/x-icon`, `audio/x-wav`), `normalizeType` maps both to the same one.
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  apng: 'image/apng',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  ico: 'image/vnd.microsoft.icon',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  heif: 'image/heif',
  jxl: 'image/jxl',
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  ogv: 'video/ogg',
  avi: 'video/x-msvideo',
  '3gp': 'video/3gpp',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/opus',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  flac: 'audio/flac',
  weba: 'audio/webm',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  vtt: 'text/vtt',
  srt: 'application/x-subrip',
  json: 'application/json',
  xml: 'application/xml',
  rtf: 'application/rtf',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  '7z': 'application/x-7z-compressed',
  rar: 'application/vnd.rar',
  doc: 'application/msword',
  docx: DOCX,
  xls: 'application/vnd.ms-excel',
  xlsx: XLSX,
  ppt: 'application/vnd.ms-powerpoint',
  pptx: PPTX,
  odt: ODT,
  ods: ODS,
  odp: ODP,
  epub: 'application/epub+zip',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  glb: 'model/gltf-binary',
  gltf: 'model/gltf+json',
}

// The extension to suggest when the bytes say what a file is.
const PREFERRED_EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/tiff': 'tiff',
  'video/x-m4v': 'm4v',
  'video/ogg': 'ogv',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
  'text/html': 'html',
  'text/javascript': 'js',
}

const TYPE_ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-icon': 'image/vnd.microsoft.icon',
  'image/x-ms-bmp': 'image/bmp',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/mp3': 'audio/mpeg',
  'audio/x-flac': 'audio/flac',
  'audio/x-m4a': 'audio/mp4',
  'audio/x-aac': 'audio/aac',
  'application/x-zip-compressed': 'application/zip',
  'application/x-pdf': 'application/pdf',
  'application/javascript': 'text/javascript',
  'text/xml': 'application/xml',
}

/** Lower case, without parameters, one name per format: `"Image/JPG; q=1"` → `"image/jpeg"`. */
export function normalizeType(type: string): string {
  const bare = (type.split(';')[0] ?? '').trim().toLowerCase()
  return TYPE_ALIASES[bare] ?? bare
}

const EXTENSION = /^[\p{L}\p{N}]{1,16}$/u

/**
 * The lower-case extension after the last dot, or `""`. Like Node's `path.extname`, a name
 * that only starts with a dot (`.env`) has none; neither has `notes.final version`, whose
 * "extension" is not one (letters and digits only, at most 16).
 */
export function extensionOf(name: string): string {
  const base = basename(name)
  const dot = base.lastIndexOf('.')
  if (dot <= 0) return ''
  const extension = base.slice(dot + 1)
  return EXTENSION.test(extension) ? extension.toLowerCase() : ''
}

/** The `Content-Type` S3 serves for a file with this extension (with or without the dot). */
export function contentTypeForExtension(extension: string): string {
  const key = extension.replace(/^\./, '').toLowerCase()
  return Object.hasOwn(CONTENT_TYPES, key) ? (CONTENT_TYPES[key] ?? OCTET_STREAM) : OCTET_STREAM
}

/** The usual extension for a content type, or `null` when the plugin knows none. */
export function extensionForType(type: string): string | null {
  const normalized = normalizeType(type)
  const preferred = PREFERRED_EXTENSIONS[normalized]
  if (preferred) return preferred
  for (const [extension, candidate] of Object.entries(CONTENT_TYPES)) {
    if (candidate === normalized) return extension
  }
  return null
}

function family(type: string): string {
  return type.split('/')[0] ?? ''
}

// Types that name the same bytes closely enough that serving one as the other works: ISO media
// files (MP4, MOV, M4A), ZIP-based documents, Ogg, Matroska and XML.
const COMPATIBLE_GROUPS: readonly (readonly string[])[] = [
  ['image/png', 'image/apng'],
  ['image/heic', 'image/heif'],
  ['video/mp4', 'video/quicktime', 'video/x-m4v', 'video/3gpp', 'audio/mp4'],
  ['application/zip', DOCX, XLSX, PPTX, ODT, ODS, ODP, 'application/epub+zip'],
  [
    'application/x-cfb',
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
  ],
  ['audio/ogg', 'video/ogg', 'audio/opus'],
  ['video/webm', 'audio/webm', 'video/x-matroska'],
  ['application/xml', 'image/svg+xml'],
]

/** Whether a file whose bytes are `detected` is served correctly as `declared`. */
export function typesCompatible(detected: string, declared: string): boolean {
  const a = normalizeType(detected)
  const b = normalizeType(declared)
  if (a === b) return true
  return COMPATIBLE_GROUPS.some((group) => group.includes(a) && group.includes(b))
}

// ---------------------------------------------------------------------------------------------
// Magic numbers

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false
  return signature.every((value, index) => bytes[offset + index] === value)
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let text = ''
  for (let index = start; index < Math.min(end, bytes.length); index++) {
    text += String.fromCharCode(bytes[index] ?? 0)
  }
  return text
}

function uint32BE(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset] ?? 0) * 0x1000000 +
    (bytes[offset + 1] ?? 0) * 0x10000 +
    (bytes[offset + 2] ?? 0) * 0x100 +
    (bytes[offset + 3] ?? 0)
  )
}

function uint16LE(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8)
}

function uint32LE(bytes: Uint8Array, offset: number): number {
  return uint16LE(bytes, offset) + uint16LE(bytes, offset + 2) * 0x10000
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx'])
const AVIF_BRANDS = new Set(['avif', 'avis'])
const M4A_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A '])
const M4V_BRANDS = new Set(['M4V ', 'M4VH', 'M4VP'])
const MP4_BRANDS = /^(iso[m2-9]|mp4[12]|avc1|dash|mmp4|MSNV|NDAS|F4V |cmf.)$/

/** ISO base media files (`ftyp` box): the major brand, then the compatible brands. */
function sniffFtyp(bytes: Uint8Array): string | null {
  const boxSize = Math.min(uint32BE(bytes, 0), bytes.length)
  const major = ascii(bytes, 8, 12)
  const brands = [major]
  for (let offset = 16; offset + 4 <= boxSize; offset += 4)
    brands.push(ascii(bytes, offset, offset + 4))

  if (AVIF_BRANDS.has(major)) return 'image/avif'
  if (HEIC_BRANDS.has(major)) return 'image/heic'
  if (major === 'mif1' || major === 'msf1') {
    if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'image/avif'
    if (brands.some((brand) => HEIC_BRANDS.has(brand))) return 'image/heic'
    return 'image/heif'
  }
  if (major === 'qt  ') return 'video/quicktime'
  if (M4A_BRANDS.has(major)) return 'audio/mp4'
  if (M4V_BRANDS.has(major)) return 'video/x-m4v'
  if (major.startsWith('3gp') || major.startsWith('3g2')) return 'video/3gpp'
  if (brands.some((brand) => MP4_BRANDS.test(brand))) return 'video/mp4'
  return null
}

/** MPEG audio frame header: sync, a valid version, layer, bitrate and sample rate. */
function isMpegAudioFrame(bytes: Uint8Array): boolean {
  const [b0, b1, b2] = bytes
  if (b0 !== 0xff || b1 === undefined || b2 === undefined) return false
  if ((b1 & 0xe0) !== 0xe0) return false
  const version = (b1 >> 3) & 0x03
  const layer = (b1 >> 1) & 0x03
  const bitrate = b2 >> 4
  const sampleRate = (b2 >> 2) & 0x03
  return version !== 1 && layer !== 0 && bitrate !== 0x0f && sampleRate !== 0x03
}

/** SVG, other XML and HTML, recognised by how the text begins (after a BOM and whitespace). */
function sniffMarkup(bytes: Uint8Array): string | null {
  const start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0
  const text = ascii(bytes, start, bytes.length).trimStart().toLowerCase()
  if (text.startsWith('<svg')) return 'image/svg+xml'
  if (text.startsWith('<?xml') || text.startsWith('<!doctype svg') || text.startsWith('<!--')) {
    if (text.includes('<svg') || text.startsWith('<!doctype svg')) return 'image/svg+xml'
    return text.startsWith('<?xml') ? 'application/xml' : null
  }
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'text/html'
  return null
}

/**
 * The type a file's first bytes (64 are enough) say it is, or `null` when they say nothing
 * the plugin knows. Text formats without a signature (TXT, CSV, JSON) are `null`.
 */
export function sniffType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  const head = ascii(bytes, 0, 12)
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'image/gif'
  if (head.startsWith('RIFF')) {
    const form = head.slice(8, 12)
    if (form === 'WEBP') return 'image/webp'
    if (form === 'WAVE') return 'audio/wav'
    if (form === 'AVI ') return 'video/x-msvideo'
    return null
  }
  if (head.slice(4, 8) === 'ftyp') return sniffFtyp(bytes)
  // BMP: "BM", then a DIB header of one of the known sizes at offset 14.
  if (head.startsWith('BM') && [12, 40, 52, 56, 64, 108, 124].includes(uint32LE(bytes, 14))) {
    return 'image/bmp'
  }
  // ICO: reserved 0, type 1, then between 1 and 255 images.
  if (startsWith(bytes, [0, 0, 1, 0]) && bytes.length >= 6) {
    const count = uint16LE(bytes, 4)
    if (count > 0 && count < 256) return 'image/vnd.microsoft.icon'
  }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'image/tiff'
  }
  // JPEG XL: a bare codestream, or the ISO container's signature box.
  if (
    startsWith(bytes, [0xff, 0x0a]) ||
    startsWith(bytes, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])
  ) {
    return 'image/jxl'
  }
  if (head.startsWith('%PDF-')) return 'application/pdf'
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return 'application/zip'
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return 'application/x-cfb'
  if (startsWith(bytes, [0x1f, 0x8b, 0x08])) return 'application/gzip'
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'application/x-7z-compressed'
  if (head.startsWith('Rar!\x1a\x07')) return 'application/vnd.rar'
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: the DocType element says WebM or Matroska.
    return ascii(bytes, 4, bytes.length).includes('webm') ? 'video/webm' : 'video/x-matroska'
  }
  if (head.startsWith('OggS')) {
    return ascii(bytes, 28, bytes.length).includes('theora') ? 'video/ogg' : 'audio/ogg'
  }
  if (head.startsWith('fLaC')) return 'audio/flac'
  if (head.startsWith('ID3') || isMpegAudioFrame(bytes)) return 'audio/mpeg'
  // ADTS (raw AAC): the same sync as MPEG audio, but layer 0.
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xf6) === 0xf0) return 'audio/aac'
  if (head.startsWith('wOFF')) return 'font/woff'
  if (head.startsWith('wOF2')) return 'font/woff2'
  if (head.startsWith('OTTO')) return 'font/otf'
  if (startsWith(bytes, [0, 1, 0, 0]) && bytes.length >= 6) {
    const tables = (bytes[4] ?? 0) * 256 + (bytes[5] ?? 0)
    if (tables > 0 && tables < 64) return 'font/ttf'
  }
  if (head.startsWith('glTF')) return 'model/gltf-binary'
  return sniffMarkup(bytes)
}

// ---------------------------------------------------------------------------------------------
// accept

/** Storyblok's own asset-field file types. */
export type AcceptGroup = 'images' | 'videos' | 'audios' | 'texts'

export interface AcceptRule {
  readonly kind: 'accept'
  /** No restriction (empty option, `*` or `*∕*`). */
  readonly anything: boolean
  /** The groups named in the option, for messages. */
  readonly groups: readonly AcceptGroup[]
  /** Exact types, normalised (`image/png`). */
  readonly types: readonly string[]
  /** Type families from wildcards (`image` for `image/*`). */
  readonly families: readonly string[]
  /** Lower-case extensions without the dot. */
  readonly extensions: readonly string[]
}

// `texts` is documents: every `text/*` type, plus PDF, Word, OpenDocument text, RTF and JSON
// (and their extensions, for files the browser gives no type). Spreadsheets and slides are not
// text; a field that wants them names them (`texts,.xlsx,.pptx`).
const GROUPS: Readonly<
  Record<AcceptGroup, { families: string[]; types: string[]; extensions: string[] }>
> = {
  images: { families: ['image'], types: [], extensions: [] },
  videos: { families: ['video'], types: [], extensions: [] },
  audios: { families: ['audio'], types: [], extensions: [] },
  texts: {
    families: ['text'],
    types: [
      'application/pdf',
      'application/msword',
      DOCX,
      ODT,
      'application/rtf',
      'application/json',
    ],
    extensions: ['pdf', 'doc', 'docx', 'odt', 'rtf', 'txt', 'csv', 'md', 'json'],
  },
}

function isAcceptGroup(token: string): token is AcceptGroup {
  return Object.hasOwn(GROUPS, token)
}

const TOP_LEVEL_TYPES = new Set(['application', 'audio', 'font', 'image', 'model', 'text', 'video'])
const MIME_TOKEN = /^([a-z]+)\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,126})$/

/**
 * Parses the `accept` option: comma-separated MIME types (`image/png`), wildcards (`image/*`),
 * extensions (`.pdf`, or a bare known extension such as `pdf`) and Storyblok's groups
 * `images`, `videos`, `audios`, `texts`. Empty means anything. The first token the plugin
 * cannot read is returned as a problem, so the editor sees exactly which one to fix.
 */
export function parseAccept(option: string | undefined): AcceptRule | ValidationProblem {
  const groups: AcceptGroup[] = []
  const types = new Set<string>()
  const families = new Set<string>()
  const extensions = new Set<string>()
  let anything = false

  const tokens = (option ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '')
  for (const raw of tokens) {
    const token = raw.toLowerCase()
    const mime = MIME_TOKEN.exec(token)
    if (token === '*' || token === '*/*') {
      anything = true
    } else if (isAcceptGroup(token)) {
      if (!groups.includes(token)) groups.push(token)
      GROUPS[token].families.forEach((name) => families.add(name))
      GROUPS[token].types.forEach((type) => types.add(type))
      GROUPS[token].extensions.forEach((extension) => extensions.add(extension))
    } else if (mime?.[1] && mime[2] && TOP_LEVEL_TYPES.has(mime[1])) {
      if (mime[2] === '*') families.add(mime[1])
      else types.add(normalizeType(token))
    } else if (token.startsWith('.') && EXTENSION.test(token.slice(1))) {
      extensions.add(token.slice(1))
    } else if (Object.hasOwn(CONTENT_TYPES, token)) {
      extensions.add(token)
    } else {
      return { kind: 'problem', option: 'accept', code: 'invalid-accept-token', value: raw }
    }
  }

  return {
    kind: 'accept',
    anything: anything || tokens.length === 0,
    groups,
    types: [...types],
    families: [...families],
    extensions: [...extensions],
  }
}

/** The value for `<input type="file" accept>`, or `undefined` when anything goes. */
export function acceptAttribute(rule: AcceptRule): string | undefined {
  if (rule.anything) return undefined
  return [
    ...rule.families.map((name) => `${name}/*`),
    ...rule.types,
    ...rule.extensions.map((extension) => `.${extension}`),
  ].join(',')
}

/**
 * Whether a file may be uploaded under `name`. The type that counts is the one S3 will serve,
 * which the extension decides; the browser's `type` is only used when the extension is unknown
 * to the plugin (the browser may know more, e.g. for `.jfif`).
 */
export function matchesAccept(rule: AcceptRule, file: { name: string; type: string }): boolean {
  if (rule.anything) return true
  const extension = extensionOf(file.name)
  if (extension !== '' && rule.extensions.includes(extension)) return true
  const fromExtension = contentTypeForExtension(extension)
  const type = fromExtension === OCTET_STREAM ? normalizeType(file.type) : fromExtension
  if (type === '') return false
  return rule.types.includes(type) || rule.families.includes(family(type))
}

/** What a rule accepts, for messages: the groups, then short labels such as `PDF` or `font/*`. */
export function acceptLabels(rule: AcceptRule): { groups: AcceptGroup[]; others: string[] } {
  const groups = [...rule.groups]
  const covered = new Set<string>()
  for (const group of groups) {
    GROUPS[group].families.forEach((name) => covered.add(`${name}/*`))
    GROUPS[group].types.forEach((type) => covered.add(type))
    GROUPS[group].extensions.forEach((extension) => covered.add(`.${extension}`))
  }
  const labels: string[] = []
  const add = (label: string) => {
    if (!labels.includes(label)) labels.push(label)
  }
  const wildcardGroups: Record<string, AcceptGroup> = {
    image: 'images',
    video: 'videos',
    audio: 'audios',
  }
  for (const name of rule.families) {
    if (covered.has(`${name}/*`)) continue
    const group = wildcardGroups[name]
    if (group && !groups.includes(group)) groups.push(group)
    else if (!group) add(`${name}/*`)
  }
  for (const type of rule.types) {
    if (covered.has(type)) continue
    add((extensionForType(type) ?? type).toUpperCase())
  }
  for (const extension of rule.extensions) {
    if (covered.has(`.${extension}`)) continue
    add(extension.toUpperCase())
  }
  return { groups, others: labels }
}

// ---------------------------------------------------------------------------------------------
// Sizes

/** S3's policy for Storyblok uploads allows `content-length-range` 1..5242879999. */
export const STORYBLOK_MAX_UPLOAD_BYTES = 5_242_879_999

// Binary multiples for every spelling: Storyblok's UI and most editors say "MB" for 1024²
// bytes, and a limit that is a little more generous than written surprises nobody.
const SIZE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
}

/**
 * Parses `maxFileSize`: a byte count (`1048576`) or a number with a unit (`20MB`, `20 MB`,
 * `1.5GB`, `500kb`, `20MiB`); every unit is 1024-based. `null` when the option is empty (no
 * limit beyond Storyblok's own); a problem for anything else, including 0 and fractional bytes.
 */
export function parseFileSize(
  option: string | number | undefined,
): number | null | ValidationProblem {
  const text = String(option ?? '').trim()
  if (text === '') return null
  const problem: ValidationProblem = {
    kind: 'problem',
    option: 'maxFileSize',
    code: 'invalid-file-size',
    value: text,
  }
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text)
  const unit = SIZE_UNITS[match?.[2]?.toLowerCase() ?? '']
  if (!match?.[1] || unit === undefined) return problem
  const bytes = Number(match[1]) * unit
  if (!Number.isSafeInteger(Math.round(bytes)) || bytes < 1) return problem
  if (unit === 1 && !Number.isInteger(bytes)) return problem
  return Math.floor(bytes)
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const

/** `33554432` → `"32 MB"` (1024-based, like `parseFileSize`), with the locale's decimal mark. */
export function formatBytes(bytes: number, locale = 'en', maximumFractionDigits = 1): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 ? 0 : maximumFractionDigits
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)
  return `${number} ${BYTE_UNITS[unit] ?? 'B'}`
}

// ---------------------------------------------------------------------------------------------
// File names

/** Why a name was changed; each maps to a message `fileChecks.change.<code>`. */
export type FilenameChange =
  | 'path'
  | 'hidden-characters'
  | 'edges'
  | 'spaces'
  | 'characters'
  | 'extension-case'
  | 'length'
  | 'empty'
  | 'dots'

/** Longest name the plugin sends, in characters (code points) and in UTF-8 bytes. */
export const MAX_FILENAME_CHARACTERS = 120
export const MAX_FILENAME_BYTES = 240
export const FALLBACK_STEM = 'file'

// Invisible characters: C0/C1 controls, soft hyphen, zero-width space, word joiner, BOM, line
// and paragraph separators, and every bidi mark, embedding, override and isolate (U+061C,
// U+200E/F, U+202A–U+202E, U+2066–U+2069), which can make `gnp.exe` read as `exe.png`.
// ZWNJ and ZWJ (U+200C/D) stay: scripts and emoji sequences need them.
const HIDDEN =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/gu

// What a name may hold: letters, marks and digits of any script, emoji (with their joiners,
// variation selectors, skin tones, flags and tags), `-`, `_` and `.`. Everything else (URL
// delimiters such as `#?%&+`, quotes, brackets, slashes) breaks URLs, CSS `url()` or HTML
// attributes somewhere downstream, and becomes `-`. Variation selectors and the keycap are
// marks (`\p{M}`); the joiners (U+200C/D) are listed. The classes match one code point at a
// time on purpose, so lint's "misleading character class" does not apply.
const ALLOWED =
  '\\p{L}\\p{M}\\p{N}\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}' +
  '\\u200c\\u200d\\u{e0020}-\\u{e007f}_.'
// eslint-disable-next-line no-misleading-character-class
const HAS_DISALLOWED = new RegExp(`[^${ALLOWED}\\s-]`, 'u')
// A run of replaced characters with the dashes around it becomes a single `-`.
// eslint-disable-next-line no-misleading-character-class
const REPLACED_RUN = new RegExp(`-*[^${ALLOWED}-][^${ALLOWED}]*`, 'gu')

function basename(name: string): string {
  return name.replace(/^.*[/\\]/su, '')
}

/** The name without folders and invisible characters: safe to show in a message. */
export function displayFilename(name: string): string {
  return basename(name).replace(HIDDEN, '').normalize('NFC')
}

const segmenter =
  typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter('en', { granularity: 'grapheme' })
    : null

function graphemes(text: string): string[] {
  return segmenter ? Array.from(segmenter.segment(text), (part) => part.segment) : Array.from(text)
}

const utf8 = new TextEncoder()

function fits(name: string): boolean {
  return (
    Array.from(name).length <= MAX_FILENAME_CHARACTERS &&
    utf8.encode(name).length <= MAX_FILENAME_BYTES
  )
}

/** Stem and extension, the extension in its original case. */
function splitName(name: string): { stem: string; extension: string } {
  const length = extensionOf(name).length
  return length === 0
    ? { stem: name, extension: '' }
    : { stem: name.slice(0, name.length - length - 1), extension: name.slice(name.length - length) }
}

function join(stem: string, extension: string): string {
  return extension === '' ? stem : `${stem}.${extension}`
}

function sanitize(name: string): { name: string; changes: FilenameChange[] } {
  const changes: FilenameChange[] = []
  const note = (change: FilenameChange, changed: boolean) => {
    if (changed && !changes.includes(change)) changes.push(change)
  }

  let current = basename(name)
  note('path', current !== name)
  const visible = current.replace(HIDDEN, '')
  note('hidden-characters', visible !== current)
  // NFC is not reported: it changes code points, not what anyone sees.
  current = visible.normalize('NFC')

  const trimmed = current
    .trim()
    .replace(/^\.+|\.+$/gu, '')
    .trim()
  const parts = splitName(trimmed)
  const cleanStem = parts.stem.replace(/^[-.\s]+|[-.\s]+$/gu, '')
  note('edges', trimmed !== current || cleanStem !== parts.stem)

  note('spaces', /\s/u.test(cleanStem))
  note('characters', HAS_DISALLOWED.test(cleanStem))
  // Dashes that only replaced characters at an edge go silently: those changes are noted.
  let stem = cleanStem.replace(REPLACED_RUN, '-').replace(/^-+|-+$/gu, '')
  let extension = parts.extension

  const lowerExtension = extension.toLowerCase()
  note('extension-case', lowerExtension !== extension)
  extension = lowerExtension

  if (!fits(join(stem, extension))) {
    const characters = graphemes(stem)
    while (characters.length > 0 && !fits(join(characters.join(''), extension))) characters.pop()
    stem = characters.join('').replace(/[-.]+$/u, '')
    note('length', true)
  }

  if (stem === '') {
    stem = FALLBACK_STEM
    note('empty', true)
  }
  return { name: join(stem, extension), changes }
}

/**
 * The plugin's own clean-up, applied before signing so the stored name is safe and
 * predictable: only the last path segment; no invisible or bidi control characters; NFC; no
 * leading or trailing dots, dashes or spaces; each run of spaces or characters outside
 * letters, digits, emoji, `-`, `_` and `.` becomes one `-` (spaces too: `%20` in every URL is
 * legal but unreadable); a lower-case extension; at most 120 characters and 240 UTF-8 bytes
 * (cut at a whole character, the extension kept); `file` when nothing is left. Dots stay: what
 * Storyblok does with them is `predictStoryblokFilename`.
 */
export function sanitizeFilename(name: string): string {
  return sanitize(name).name
}

/** Storyblok's own rule, applied to whatever name it is given: every dot but the last becomes `_`. */
export function predictStoryblokFilename(name: string): string {
  const last = name.lastIndexOf('.')
  return last < 0 ? name : name.slice(0, last).replaceAll('.', '_') + name.slice(last)
}

/** The name the asset will have in Storyblok when the plugin uploads a file called `name`. */
export function finalFilename(name: string): string {
  return predictStoryblokFilename(sanitizeFilename(name))
}

/** Which rules change `original` on its way to `finalFilename`, in the order they apply. */
export function filenameChanges(original: string): FilenameChange[] {
  const { name, changes } = sanitize(original)
  return predictStoryblokFilename(name) === name ? changes : [...changes, 'dots']
}

// ---------------------------------------------------------------------------------------------
// checkFile

export type FileProblemSeverity = 'error' | 'warning' | 'info'

export type FileProblem =
  | { readonly code: 'empty'; readonly severity: 'error'; readonly name: string }
  | {
      readonly code: 'too-large'
      readonly severity: 'error'
      readonly name: string
      readonly size: number
      readonly maxBytes: number
    }
  | {
      readonly code: 'not-accepted'
      readonly severity: 'error'
      readonly name: string
      /** The type S3 would serve (or the browser's, for an unknown extension). */
      readonly type: string
      readonly accepted: {
        readonly groups: readonly AcceptGroup[]
        readonly others: readonly string[]
      }
    }
  | {
      readonly code: 'no-extension'
      readonly severity: 'error'
      readonly name: string
      readonly detected: string | null
      readonly suggestedName: string | null
    }
  | {
      readonly code: 'type-mismatch'
      /** `warning` when the extension is unknown (served as a download), else `error`. */
      readonly severity: 'error' | 'warning'
      readonly name: string
      readonly detected: string
      readonly declared: string
      readonly extension: string
      readonly suggestedName: string | null
    }
  | {
      readonly code: 'renamed'
      readonly severity: 'info'
      readonly name: string
      readonly finalName: string
      readonly changes: readonly FilenameChange[]
    }
  | { readonly code: 'unreadable'; readonly severity: 'error'; readonly name: string }

export type FileProblemCode = FileProblem['code']

export interface CheckFileInput {
  file: { readonly name: string; readonly size: number; readonly type: string }
  /** The name to upload under, when the editor has edited it. @default file.name */
  name?: string
  /** `null` or absent: anything. */
  rule?: AcceptRule | null
  /** The field's limit; Storyblok's own limit always applies. @default null */
  maxBytes?: number | null
  /** The file's first bytes (64 are enough). @default none: no type check */
  bytes?: Uint8Array
}

/** Every problem with uploading `file` under `name`: errors first, the rename notice last. */
export function checkFile({
  file,
  name = file.name,
  rule,
  maxBytes = null,
  bytes,
}: CheckFileInput): FileProblem[] {
  const problems: FileProblem[] = []
  const shown = displayFilename(name)
  const final = finalFilename(name)
  const extension = extensionOf(final)

  if (file.size === 0) problems.push({ code: 'empty', severity: 'error', name: shown })
  const limit = Math.min(maxBytes ?? STORYBLOK_MAX_UPLOAD_BYTES, STORYBLOK_MAX_UPLOAD_BYTES)
  if (file.size > limit) {
    problems.push({
      code: 'too-large',
      severity: 'error',
      name: shown,
      size: file.size,
      maxBytes: limit,
    })
  }

  // The browser's type describes the original name; after a new extension it says nothing.
  const browserType = extension === extensionOf(file.name) ? file.type : ''
  if (rule && !matchesAccept(rule, { name: final, type: browserType })) {
    const declared = contentTypeForExtension(extension)
    problems.push({
      code: 'not-accepted',
      severity: 'error',
      name: shown,
      type: declared === OCTET_STREAM && browserType !== '' ? normalizeType(browserType) : declared,
      accepted: acceptLabels(rule),
    })
  }

  const detected = bytes && file.size > 0 ? sniffType(bytes) : null
  const suggestion = detected ? extensionForType(detected) : null
  const stem = splitName(final).stem
  if (extension === '') {
    problems.push({
      code: 'no-extension',
      severity: 'error',
      name: shown,
      detected,
      suggestedName: suggestion ? `${final}.${suggestion}` : null,
    })
  } else if (detected) {
    const declared = contentTypeForExtension(extension)
    if (!typesCompatible(detected, declared)) {
      problems.push({
        code: 'type-mismatch',
        severity: declared === OCTET_STREAM ? 'warning' : 'error',
        name: shown,
        detected,
        declared,
        extension,
        suggestedName: suggestion ? `${stem}.${suggestion}` : null,
      })
    }
  }

  if (final !== name.normalize('NFC')) {
    problems.push({
      code: 'renamed',
      severity: 'info',
      name: shown,
      finalName: final,
      changes: filenameChanges(name),
    })
  }
  return problems
}

/** Whether any problem stops the upload (errors do; warnings and notices do not). */
export function blocksUpload(problems: readonly FileProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error')
}
