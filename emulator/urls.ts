// The emulator mimics Storyblok's URL layout on its own host:
//   S3 upload target  <origin>/s3.amazonaws.com/a.storyblok.com          (https://s3.amazonaws.com/a.storyblok.com)
//   S3 object URL     <origin>/s3.amazonaws.com/a.storyblok.com/<key>    (what the MAPI returns as `filename`)
//   Asset CDN         <origin>/a.storyblok.com/<key>                     (https://a.storyblok.com/<key>)
// so a plugin that rewrites `s3.amazonaws.com/` away gets a working CDN URL, as in production.

export const BUCKET = 'a.storyblok.com'
export const S3_HOST = 's3.amazonaws.com'

/** Percent-encodes each segment of a key (keys hold `/` between segments, never inside one). */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/')
}

/** A key segment may not be empty, a dot segment, or hold a path separator. */
export function isSafeKeySegment(segment: string): boolean {
  return (
    segment !== '' &&
    segment !== '.' &&
    segment !== '..' &&
    !segment.includes('/') &&
    !segment.includes('\\')
  )
}

/** Decodes an encoded key path; `undefined` when a segment is malformed or unsafe. */
export function decodeKeyPath(encoded: string): string[] | undefined {
  const segments: string[] = []
  for (const part of encoded.split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(part)
    } catch {
      return undefined
    }
    if (!isSafeKeySegment(segment)) return undefined
    segments.push(segment)
  }
  return segments
}

export class UrlLayout {
  readonly apiBaseUrl: string
  readonly s3PostUrl: string

  constructor(
    /** `http://localhost:<port>`, no trailing slash. */
    readonly origin: string,
  ) {
    this.apiBaseUrl = `${origin}/v1`
    this.s3PostUrl = `${origin}/${S3_HOST}/${BUCKET}`
  }

  /** The S3 URL of an object: the asset's `filename` as the Management API returns it. */
  s3ObjectUrl(key: string): string {
    return `${this.s3PostUrl}/${encodeKey(key)}`
  }

  /** The CDN URL (what a plugin stores and renders). */
  cdnUrl(key: string): string {
    return `${this.origin}/${BUCKET}/${encodeKey(key)}`
  }

  /** Protocol-relative CDN URL, as in the real signed response's `pretty_url`. */
  prettyUrl(key: string): string {
    return `${this.origin.replace(/^https?:/, '')}/${BUCKET}/${encodeKey(key)}`
  }

  /**
   * The key named by a CDN or S3 URL of this emulator (or a real `https://a.storyblok.com/...`
   * URL), ignoring any query string; `undefined` when the URL names no key.
   */
  keyFromUrl(value: string): string | undefined {
    let url: URL
    try {
      url = new URL(value, this.origin)
    } catch {
      return undefined
    }
    let encoded: string | undefined
    if (url.hostname === BUCKET) {
      encoded = url.pathname.slice(1)
    } else {
      const marker = `/${BUCKET}/`
      const at = url.pathname.indexOf(marker)
      if (at >= 0) encoded = url.pathname.slice(at + marker.length)
    }
    if (!encoded) return undefined
    const segments = decodeKeyPath(encoded)
    return segments ? segments.join('/') : undefined
  }
}
