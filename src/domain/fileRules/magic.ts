// What a file's first bytes say it is, whatever its name claims.

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
