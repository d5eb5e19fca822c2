// How the emulator turns an uploaded file's name into the last segment of its asset key, and
// which Content-Type it pins in the upload policy. Both are pure so the plugin (and its tests)
// can predict the final URL. Storyblok documents only the dot rule; see README.md
// ("Readings chosen where the facts are unverified") for the rest.

/**
 * The file name Storyblok stores for `name`: every dot but the last becomes `_`
 * (`my.photo.final.png` → `my_photo_final.png`). The emulator additionally drops any
 * directory part (`C:\\tmp\\a.png` → `a.png`) and replaces control characters with `_`,
 * because a key segment must not contain `/`. Nothing else changes: case, spaces and
 * non-ASCII letters are kept (URLs percent-encode them).
 */
export function storyblokFilename(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '_')
  const lastDot = clean.lastIndexOf('.')
  if (lastDot < 0) return clean
  return clean.slice(0, lastDot).replace(/\./g, '_') + clean.slice(lastDot)
}

// As the `mime-types` package (3.0, mime-db 1.54) looks them up: Storyblok signs the upload with
// a type picked from the extension, and S3 tooling and Rails take theirs from that database.
// A Map, so that a name like `x.constructor` does not find an inherited object key.
const contentTypes: ReadonlyMap<string, string> = new Map(
  Object.entries({
    apng: 'image/apng',
    avif: 'image/avif',
    bmp: 'image/bmp',
    gif: 'image/gif',
    heic: 'image/heic',
    heif: 'image/heif',
    ico: 'image/vnd.microsoft.icon',
    jpeg: 'image/jpeg',
    jpg: 'image/jpeg',
    png: 'image/png',
    svg: 'image/svg+xml',
    tif: 'image/tiff',
    tiff: 'image/tiff',
    webp: 'image/webp',
    mp4: 'video/mp4',
    m4v: 'video/x-m4v',
    mov: 'video/quicktime',
    webm: 'video/webm',
    ogv: 'video/ogg',
    mp3: 'audio/mpeg',
    m4a: 'audio/mp4',
    wav: 'audio/wav',
    ogg: 'audio/ogg',
    flac: 'audio/x-flac',
    pdf: 'application/pdf',
    json: 'application/json',
    txt: 'text/plain',
    csv: 'text/csv',
    md: 'text/markdown',
    xml: 'application/xml',
    zip: 'application/zip',
    gz: 'application/gzip',
    doc: 'application/msword',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xls: 'application/vnd.ms-excel',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ppt: 'application/vnd.ms-powerpoint',
    pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    woff: 'font/woff',
    woff2: 'font/woff2',
    ttf: 'font/ttf',
    otf: 'font/otf',
  }),
)

/** The Content-Type the upload policy pins for `name`, from its extension (case-insensitive). */
export function contentTypeFor(name: string): string {
  const lastDot = name.lastIndexOf('.')
  if (lastDot < 0) return 'application/octet-stream'
  return contentTypes.get(name.slice(lastDot + 1).toLowerCase()) ?? 'application/octet-stream'
}
