// Checks that run on a chosen file before anything is sent: the field's `accept` and
// `maxFileSize` options, empty files, bytes that contradict the extension, and the name
// Storyblok will store. Pure functions; `useFileCheck` reads the bytes and calls `checkFile`.
//
// Why the extension matters so much: Storyblok signs the S3 upload with a `Content-Type` it
// picks from the file name's extension, and S3 then serves the file with that type forever
// (see ../../../shared/reference/management-api-assets.md). A PNG named `.jpg` is served as
// `image/jpeg`; a file without an extension is served as `application/octet-stream`.

/** An `accept` or `maxFileSize` option the plugin cannot use; `value` is the offending token. */
export interface ValidationProblem {
  readonly kind: 'problem'
  readonly option: 'accept' | 'maxFileSize'
  readonly value: string
}

/** Whether a parsed option is a problem: of the parsers' results, only problems have a `kind`. */
export function isValidationProblem(value: unknown): value is ValidationProblem {
  return value instanceof Object && 'kind' in value
}

// ---------------------------------------------------------------------------------------------
// Content types

// What S3 will serve, by extension, as in the `mime-types` database that S3 tooling and Rails
// pick types from. Kept to what editors upload most and `texts` names: for `accept`, a file
// with an extension missing here is judged by the type the browser gives it; in the type
// check, a mismatch under such an extension warns instead of blocking.
const TYPES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp',
    avif: 'image/avif',
    svg: 'image/svg+xml',
    heic: 'image/heic',
    mp4: 'video/mp4',
    mov: 'video/quicktime',
    webm: 'video/webm',
    mp3: 'audio/mpeg',
    wav: 'audio/wav',
    m4a: 'audio/mp4',
    ogg: 'audio/ogg',
    txt: 'text/plain',
    csv: 'text/csv',
    md: 'text/markdown',
    pdf: 'application/pdf',
    zip: 'application/zip',
    json: 'application/json',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  }),
)

/** Lower case, without parameters, one name for JPEG: `"Image/JPG; q=1"` → `"image/jpeg"`. */
export function normalizeType(type: string): string {
  return type
    .replace(/;.*/s, '')
    .trim()
    .toLowerCase()
    .replace(/^image\/p?jpe?g$/, 'image/jpeg')
}

/**
 * The lower-case extension after the last dot, or `""`. Like Node's `path.extname`, a name
 * that only starts with a dot (`.env`) has none; neither has `notes.final version`, whose
 * "extension" is not one (letters and digits only, at most 16).
 */
export function extensionOf(name: string): string {
  return /[^/\\]\.([\p{L}\p{N}]{1,16})$/u.exec(name)?.[1]?.toLowerCase() ?? ''
}

/** The `Content-Type` S3 serves for a file with this (lower-case, dotless) extension. */
export function contentTypeForExtension(extension: string): string {
  return TYPES.get(extension) ?? 'application/octet-stream'
}

// ---------------------------------------------------------------------------------------------
// Magic numbers

// Patterns over a file's first bytes read as Latin-1, each keyed by the extensions such bytes
// are served correctly under, the one to suggest first: a ZIP is a fine DOCX, a QuickTime file
// a fine MP4. Only the families whose mix-ups matter for the type check; other files are not
// checked. The first match wins, so the catch-all `ftyp` comes after its special brands.
const MAGIC: Readonly<Record<string, RegExp>> = {
  png: /^\x89PNG/,
  'jpg jpeg jpe': /^\xff\xd8\xff/,
  gif: /^GIF8/,
  webp: /^.{8}WEBP/s,
  wav: /^.{8}WAVE/s,
  pdf: /^%PDF/,
  // ZIP, and so every Office and OpenDocument file.
  // eslint-disable-next-line no-control-regex -- magic numbers are bytes, control codes too
  'zip docx xlsx pptx odt ods odp epub': /^PK\x03\x04/,
  // EBML, WebM's container (and Matroska's).
  // eslint-disable-next-line no-control-regex -- magic numbers are bytes, control codes too
  'webm weba mkv': /^\x1aE\xdf\xa3/,
  'ogg oga ogv opus': /^OggS/,
  // An ID3 tag, or an MPEG audio frame: 11 sync bits and a layer (ADTS, layer 0, is AAC).
  mp3: /^(ID3|\xff[\xe2-\xe7\xea-\xef\xf2-\xf7\xfa-\xff])/,
  // ISO base media (an `ftyp` box): its brands say AVIF, HEIC or else MP4
  // (QuickTime and M4A included: their bytes are served fine as one another).
  avif: /^.{4}ftyp.*avi[fs]/s,
  'heic heif': /^.{4}ftyp(he[iv].|mif1|msf1)/s,
  'mp4 m4v mov m4a 3gp': /^.{4}ftyp/s,
  // SVG, after an optional BOM, whitespace, XML declaration or comment.
  'svg xml': /^(\xef\xbb\xbf)?\s*<(svg|(\?xml|!--).*<svg)/is,
}

/**
 * The extensions a file's first bytes (64 are enough) fit, the usual one first, or `null` when
 * they say nothing the plugin knows. Text formats without a signature (TXT, CSV) are `null`.
 */
export function sniffType(bytes: Uint8Array): string[] | null {
  const head = String.fromCharCode(...bytes.subarray(0, 64))
  for (const extensions in MAGIC) if (MAGIC[extensions]?.test(head)) return extensions.split(' ')
  return null
}

// ---------------------------------------------------------------------------------------------
// accept

/** Storyblok's own asset-field file types. */
export type AcceptGroup = 'images' | 'videos' | 'audios' | 'texts'

export interface AcceptRule {
  /** No restriction (empty option, `*` or `*∕*`). */
  readonly anything: boolean
  /** Normalised, as `<input accept>` takes them: `image/*`, `application/pdf`, `.pdf`. */
  readonly patterns: readonly string[]
  /** For messages: the groups named or implied (`image/*` is `images`) ... */
  readonly groups: readonly AcceptGroup[]
  /** ... and short labels for the rest, such as `PDF` or `font/*`. */
  readonly others: readonly string[]
}

// `texts` is documents: every `text/*` type, plus PDF, Word, OpenDocument text, RTF, JSON and
// Markdown (by extension, so that files the browser gives no type count too). Spreadsheets
// and slides are not text; a field that wants them names them (`texts,.xlsx,.pptx`).
const TEXTS = 'text/*,.pdf,.doc,.docx,.odt,.rtf,.json,.md'
const GROUPS: ReadonlyMap<string, AcceptGroup> = new Map([
  ['image/*', 'images'],
  ['video/*', 'videos'],
  ['audio/*', 'audios'],
  [TEXTS, 'texts'],
])

/**
 * Parses the `accept` option: comma-separated MIME types (`image/png`), wildcards (`image/*`),
 * extensions (`.pdf`, or a bare known extension such as `pdf`) and Storyblok's groups
 * `images`, `videos`, `audios`, `texts`. Empty means anything. The first token the plugin
 * cannot read is returned as a problem, so the editor sees exactly which one to fix.
 */
export function parseAccept(option = ''): AcceptRule | ValidationProblem {
  const patterns: string[] = []
  const groups: AcceptGroup[] = []
  const others: string[] = []
  let anything = !option.trim()

  for (const raw of option.split(',')) {
    // A group is its patterns: `images` is `image/*`.
    const token = normalizeType(raw)
      .replace(/^(image|video|audio)s$/, '$1/*')
      .replace(/^texts$/, TEXTS)
    const group = GROUPS.get(token)
    const extension = /^\.?([\p{L}\p{N}]{1,16})$/u.exec(token)?.[1]
    if (/^(\*(\/\*)?)?$/.test(token)) {
      anything ||= !!token
    } else if (
      group ||
      /^(application|audio|font|image|model|text|video)\/[\w.+*-]+$/.test(token)
    ) {
      patterns.push(...token.split(','))
      if (group) groups.push(group)
      else others.push(token.endsWith('*') ? token : labelOf(token))
    } else if (extension && (token[0] === '.' || TYPES.has(extension))) {
      patterns.push(`.${extension}`)
      others.push(extension.toUpperCase())
    } else {
      return { kind: 'problem', option: 'accept', value: raw.trim() }
    }
  }
  return { anything, patterns, groups, others }
}

/** A short label for a type: its usual extension (`PDF`), or the type itself. */
function labelOf(type: string): string {
  for (const [extension, candidate] of TYPES) if (candidate === type) return extension.toUpperCase()
  return type
}

/** The value for `<input type="file" accept>`, or `undefined` when anything goes. */
export function acceptAttribute(rule: AcceptRule): string | undefined {
  return rule.anything ? undefined : rule.patterns.join(',')
}

/**
 * Whether a file may be uploaded under `name`. The type that counts is the one S3 will serve,
 * which the extension decides; the browser's `type` is only used when the extension is unknown
 * to the plugin (the browser may know more, e.g. for `.jfif`).
 */
export function matchesAccept(rule: AcceptRule, file: { name: string; type: string }): boolean {
  const extension = extensionOf(file.name)
  const type = TYPES.get(extension) ?? normalizeType(file.type)
  return (
    rule.anything ||
    [`.${extension}`, type, type.replace(/\/.*/, '/*')].some((pattern) =>
      rule.patterns.includes(pattern),
    )
  )
}

// ---------------------------------------------------------------------------------------------
// Sizes

/** S3's policy for Storyblok uploads allows `content-length-range` 1..5242879999. */
export const STORYBLOK_MAX_UPLOAD_BYTES = 5_242_879_999

/**
 * Parses `maxFileSize`: a byte count (`1048576`) or a number with a unit (`20MB`, `20 MB`,
 * `1.5GB`, `500kb`, `20MiB`). Every unit is 1024-based: Storyblok's UI and most editors say
 * "MB" for 1024² bytes, and a limit a little more generous than written surprises nobody.
 * `null` when the option is empty (no limit beyond Storyblok's own); a problem for anything
 * else, including 0 and fractional bytes.
 */
export function parseFileSize(option: string | number = ''): number | null | ValidationProblem {
  const value = String(option).trim()
  const [, number, unit] = /^(\d+(?:\.\d+)?)\s*(?:([kmg])i?)?b?$/i.exec(value) ?? []
  const bytes = Number(number) * 1024 ** ' kmg'.indexOf(unit?.toLowerCase() ?? ' ')
  const whole = unit ? Math.floor(bytes) : bytes
  if (!value) return null
  return Number.isSafeInteger(whole) && whole > 0
    ? whole
    : { kind: 'problem', option: 'maxFileSize', value }
}

/** `33554432` → `"32 MB"` (1024-based, like `parseFileSize`), with the locale's decimal mark. */
export function formatBytes(bytes: number, locale = 'en'): string {
  const unit = Math.min(4, (Math.log2(bytes) / 10) | 0)
  const value = (bytes / 1024 ** unit).toLocaleString(locale, { maximumFractionDigits: 1 })
  return `${value} ${['', 'K', 'M', 'G', 'T'][unit]}B`
}

// ---------------------------------------------------------------------------------------------
// File names

/**
 * Why a name was changed; each maps to a message `fileChecks.change.<code>`. `characters` is
 * everything that makes a name safe for URLs: folders, hidden characters, spaces, symbols,
 * the edges, the extension's case and the `file` fallback.
 */
export type FilenameChange = 'characters' | 'length' | 'dots'

/** Longest name the plugin sends, in UTF-16 code units, as JavaScript counts. */
export const MAX_FILENAME_LENGTH = 120

// Invisible characters: controls (C0, C1), format characters (soft hyphen, zero-width space,
// word joiner, BOM, and every bidi mark, embedding, override and isolate, which can make
// `gnp.exe` read as `exe.png`), and line and paragraph separators. ZWNJ and ZWJ (U+200C/D)
// and the tag characters stay: scripts and emoji sequences (flags, families) need them.
// eslint-disable-next-line no-misleading-character-class -- single code points, ZWJ itself
const HIDDEN = /(?![\u200c\u200d\u{e0020}-\u{e007f}])[\p{Cc}\p{Cf}\u2028\u2029]/gu

// What a name may hold: letters, marks and digits of any script, emoji (with their joiners,
// variation selectors, skin tones, flags and tags), `-`, `_` and `.`. Everything else (URL
// delimiters such as `#?%&+`, quotes, brackets, slashes, spaces) breaks URLs, CSS `url()` or
// HTML attributes somewhere downstream, and becomes `-`. Variation selectors and the keycap
// are marks (`\p{M}`); the joiners (U+200C/D) are listed. The classes match one code point at
// a time on purpose, so lint's "misleading character class" does not apply.
const ALLOWED =
  '\\p{L}\\p{M}\\p{N}\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}' +
  '\\u200c\\u200d\\u{e0020}-\\u{e007f}_.'
// A run of replaced characters with the dashes around it becomes a single `-`.
// eslint-disable-next-line no-misleading-character-class
const REPLACED_RUN = new RegExp(`-*[^${ALLOWED}-][^${ALLOWED}]*`, 'gu')

/** The name without folders and invisible characters: safe to show in a message. */
export function displayFilename(name: string): string {
  return name
    .replace(/^.*[/\\]/s, '')
    .replace(HIDDEN, '')
    .normalize('NFC')
}

function sanitize(name: string): { name: string; changes: FilenameChange[] } {
  const trimmed = displayFilename(name).replace(/^[\s.]+|[\s.]+$/g, '')
  const extension = extensionOf(trimmed)
  const join = (stem: string) => (extension ? `${stem}.${extension}` : stem)
  // Dashes that only replaced characters at an edge go too.
  const stem =
    (extension ? trimmed.slice(0, -extension.length - 1) : trimmed)
      .replace(REPLACED_RUN, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'file'
  const clean = join(stem)
  // Cut at whole characters as people see them (an emoji family is one), the extension kept.
  const parts = Array.from(new Intl.Segmenter().segment(stem), (part) => part.segment)
  while (join(parts.join('')).length > MAX_FILENAME_LENGTH) parts.pop()
  const result = join(parts.join('').replace(/[-.]+$/, '') || 'file')

  const changes: FilenameChange[] = []
  // NFC is not reported: it changes code points, not what anyone sees.
  if (clean !== name.normalize('NFC')) changes.push('characters')
  if (result !== clean) changes.push('length')
  if (predictStoryblokFilename(result) !== result) changes.push('dots')
  return { name: result, changes }
}

/**
 * The plugin's own clean-up, applied before signing so the stored name is safe and
 * predictable: only the last path segment; no invisible or bidi control characters; NFC; no
 * leading or trailing dots, dashes or spaces; each run of spaces or characters outside
 * letters, digits, emoji, `-`, `_` and `.` becomes one `-` (spaces too: `%20` in every URL is
 * legal but unreadable); a lower-case extension; at most 120 UTF-16 code units (cut at a
 * whole character, the extension kept); `file` when nothing is left. Dots stay: what Storyblok
 * does with them is `predictStoryblokFilename`.
 */
export function sanitizeFilename(name: string): string {
  return sanitize(name).name
}

/** Storyblok's own rule, applied to whatever name it is given: every dot but the last becomes `_`. */
export function predictStoryblokFilename(name: string): string {
  return name.replace(/\.(?=.*\.)/g, '_')
}

/** The name the asset will have in Storyblok when the plugin uploads a file called `name`. */
export function finalFilename(name: string): string {
  return predictStoryblokFilename(sanitizeFilename(name))
}

/** Which rules change `name` on its way to `finalFilename`, in the order they apply. */
export function filenameChanges(name: string): FilenameChange[] {
  return sanitize(name).changes
}

// ---------------------------------------------------------------------------------------------
// checkFile

/** What can be wrong, each with its message `fileChecks.<code>`. */
export type FileProblemCode =
  | 'empty'
  | 'too-large'
  | 'not-accepted'
  | 'no-extension'
  | 'type-mismatch'
  | 'unreadable'
  | 'renamed'

export interface FileProblem {
  readonly code: FileProblemCode
  /**
   * `error` blocks the upload; `renamed` is `info`. A type mismatch under an extension the
   * plugin does not know is a `warning`: the file would only be offered as a download, which
   * may be what the editor wants.
   */
  readonly severity: 'error' | 'warning' | 'info'
  /** The file's name, safe to show; for `renamed`, the name Storyblok will store. */
  readonly name: string
  /** `too-large`: the field's limit, or Storyblok's. */
  readonly maxBytes?: number
  /** `not-accepted`: what the field accepts. */
  readonly accepted?: Pick<AcceptRule, 'groups' | 'others'>
  /** Type problems: the extension the bytes call for, and the name with it. */
  readonly detected?: string
  readonly extension?: string
  readonly suggested?: string
  /** `renamed`: why. */
  readonly changes?: readonly FilenameChange[]
}

export interface CheckFileInput {
  file: { readonly name: string; readonly size: number; readonly type: string }
  /** The name to upload under, when the editor has edited it. @default file.name */
  name?: string
  /** `null` or absent: anything. */
  rule?: AcceptRule | null
  /** The field's limit; Storyblok's own limit always applies. @default null */
  maxBytes?: number | null
  /** The file's first bytes (64 are enough); `null`: they could not be read. @default none: no type check */
  bytes?: Uint8Array | null
}

/** Every problem with uploading `file` under `name`: errors first, the rename notice last. */
export function checkFile({
  file,
  name = file.name,
  rule,
  maxBytes,
  bytes,
}: CheckFileInput): FileProblem[] {
  const problems: FileProblem[] = []
  const add = (code: FileProblemCode, details?: Partial<FileProblem>) =>
    problems.push({ code, severity: 'error', name: displayFilename(name), ...details })
  const { name: clean, changes } = sanitize(name)
  const finalName = predictStoryblokFilename(clean)
  const extension = extensionOf(finalName)
  const stem = extension ? finalName.slice(0, -extension.length - 1) : finalName
  const limit = Math.min(maxBytes ?? Infinity, STORYBLOK_MAX_UPLOAD_BYTES)
  const fitting = bytes && file.size ? sniffType(bytes) : null
  const suggested = fitting ? `${stem}.${fitting[0]}` : undefined

  // A file deleted or moved after it was chosen cannot be read (`NotReadableError`).
  if (bytes === null) add('unreadable')
  if (!file.size) add('empty')
  if (file.size > limit) add('too-large', { maxBytes: limit })
  // The browser's type describes the original name; after a new extension it says nothing.
  const type = extension === extensionOf(file.name) ? file.type : ''
  if (rule && !matchesAccept(rule, { name: finalName, type })) {
    add('not-accepted', { accepted: rule })
  }
  if (!extension) add('no-extension', { suggested })
  else if (fitting && !fitting.includes(extension)) {
    add('type-mismatch', {
      severity: TYPES.has(extension) ? 'error' : 'warning',
      detected: fitting[0],
      extension,
      suggested,
    })
  }
  if (changes[0]) add('renamed', { severity: 'info', name: finalName, changes })
  return problems
}

/** Whether any problem stops the upload (errors do; warnings and notices do not). */
export function blocksUpload(problems: readonly FileProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error')
}
