// Content types as Storyblok and S3 see them. Storyblok signs the S3 upload with a
// `Content-Type` it picks from the file name's extension, and S3 serves the file with that type
// forever: a PNG named `.jpg` is served as `image/jpeg`; a file without an extension as
// `application/octet-stream` (docs/reference/management-api-assets.md, "Uploading: three calls").

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
    heif: 'image/heif',
    bmp: 'image/bmp',
    ico: 'image/vnd.microsoft.icon',
    tif: 'image/tiff',
    tiff: 'image/tiff',
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

// Other names browsers and operating systems give the same types: Windows calls a CSV
// `application/vnd.ms-excel` only when Excel is installed, so that one is not an alias; these are.
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'image/jpg': 'image/jpeg',
    'image/pjpeg': 'image/jpeg',
    'image/x-png': 'image/png',
    'image/x-icon': 'image/vnd.microsoft.icon',
    'image/x-ms-bmp': 'image/bmp',
    'text/x-csv': 'text/csv',
    'application/csv': 'text/csv',
    'audio/x-wav': 'audio/wav',
    'audio/wave': 'audio/wav',
    'audio/vnd.wave': 'audio/wav',
    'audio/x-m4a': 'audio/mp4',
    'application/x-zip-compressed': 'application/zip',
    'application/x-zip': 'application/zip',
  }),
)

/**
 * One spelling per type: lower case, without parameters, and the registered name for a
 * browser's other name (`"Image/JPG; q=1"` → `"image/jpeg"`, `audio/x-wav` → `audio/wav`).
 */
export function normalizeType(type: string): string {
  const bare = type.replace(/;.*/s, '').trim().toLowerCase()
  return ALIASES.get(bare) ?? bare
}

/**
 * The lower-case extension after the last dot, or `""`. Like Node's `path.extname`, a name
 * that only starts with a dot (`.env`) has none; neither has `notes.final version`, whose
 * "extension" is not one (letters and digits only, at most 16).
 */
export function extensionOf(name: string): string {
  return /[^/\\]\.([\p{L}\p{N}]{1,16})$/u.exec(name)?.[1]?.toLowerCase() ?? ''
}

/** Every extension the plugin knows the type of, with that type. */
export const knownTypes = (): [extension: string, type: string][] => [...TYPES]

/** The type S3 serves for a file with this (lower-case, dotless) extension, if the plugin knows it. */
export const typeOfExtension = (extension: string): string | undefined => TYPES.get(extension)

/** A short label for a type: its usual extension (`PDF`), or the type itself. */
export function labelOfType(type: string): string {
  for (const [extension, candidate] of TYPES) if (candidate === type) return extension.toUpperCase()
  return type
}

/**
 * The type Storyblok will give a file called `name` (from its extension, the one table above),
 * or, for an extension the table does not know, the type the browser gave it. Browsers leave
 * `File.type` empty for types they cannot show (`.heic` outside Safari).
 */
export function storyblokTypeOf(name: string, browserType = ''): string {
  return typeOfExtension(extensionOf(name)) ?? normalizeType(browserType)
}

/** Whether a type is an image's. */
export const isImageType = (type: string): boolean => normalizeType(type).startsWith('image/')
