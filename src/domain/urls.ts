// Which URLs the plugin may show, load, or give the token to, and the CDN form of an asset URL.

/**
 * `value` as a URL that may be shown, loaded or given the token: `https:`, or `http:` on the
 * loopback (the local emulator). Anything else would travel in clear text, or is no URL at all
 * (`javascript:`, `data:`, relative values).
 */
function safeUrl(value: string): URL | null {
  try {
    const url = new URL(value)
    const local =
      url.protocol === 'http:' && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname)
    return url.protocol === 'https:' || local ? url : null
  } catch {
    return null
  }
}

/** Whether a URL is secure enough to load (see `safeUrl`). */
export const isSafeUrl = (value: string): boolean => !!safeUrl(value)

/** A base the token may be sent to (see `safeUrl`); credentials in the URL are refused too. */
export function isSafeApiBase(value: string): boolean {
  const url = safeUrl(value)
  return !!url && !url.username && !url.password
}

/** The origin of a plain-`http:` URL on the loopback (the local Storyblok), or `null`. */
export function loopbackOrigin(value: string): string | null {
  const url = safeUrl(value)
  return url?.protocol === 'http:' ? url.origin : null
}

/** `value` without user name and password, for messages: a password must never be shown. */
export function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][\w+.-]*:\/\/)[^/?#@]*@/i, '$1')
}

/** Storyblok's asset CDN hosts, one per region (EU, US, CA, AP, CN). */
const CDN_HOSTS = /^(a|a-us|a-ca|a-ap)\.storyblok\.com$|^a\.storyblokchina\.cn$/

export interface SpaceAssetOptions {
  spaceId: number | undefined
  /**
   * The Management API base in use: when it is the local Storyblok on the loopback, its origin
   * serves the CDN under `/a.storyblok.com/f/…`.
   */
  apiBaseUrl?: string
}

/**
 * Whether `value` is a file of this space's asset library: on one of Storyblok's CDN hosts (or
 * the local Storyblok's) under `/f/<space id>/`, signed URLs included. Only such URLs are
 * previewed or linked; anything else in a field's value (a tracking pixel on another host) is not
 * loaded.
 */
export function isSpaceAssetUrl(
  value: string,
  { spaceId, apiBaseUrl }: SpaceAssetOptions,
): boolean {
  const url = safeUrl(value)
  if (!url || spaceId === undefined) return false
  const path = `/f/${spaceId}/`
  if (url.protocol === 'https:' && CDN_HOSTS.test(url.hostname))
    return url.pathname.startsWith(path)
  return (
    url.origin === loopbackOrigin(apiBaseUrl ?? '') &&
    url.pathname.startsWith(`/a.storyblok.com${path}`)
  )
}

/**
 * The CDN URL of an asset: the Management API answers with an S3 URL
 * (`https://s3.amazonaws.com/a.storyblok.com/f/…`), which the image service does not serve.
 * Removes the `s3.amazonaws.com/` segment, as the host (Storyblok) or as the first path
 * segment (the local emulator: `http://localhost:7070/s3.amazonaws.com/a.storyblok.com/f/…`).
 * Other values are returned unchanged.
 */
export const cdnUrl = (filename: string): string =>
  filename.replace(/^(https?:\/\/(?:[^/?#]+\/)?)s3\.amazonaws\.com\//, '$1')

/**
 * The S3 object URL of a public file of the library, the inverse of `cdnUrl`:
 * `https://a.storyblok.com/f/…` → `https://s3.amazonaws.com/a.storyblok.com/f/…` (and the local
 * Storyblok's `/a.storyblok.com/f/…` → `/s3.amazonaws.com/a.storyblok.com/f/…`). Storyblok's
 * CDN may answer a file without CORS headers (it keeps those of the file's first request, often
 * an `<img>`'s); the bucket answers by its own rule. `null` for a signed URL (a private asset),
 * another region's host (its bucket URL is not documented) or anything else.
 */
export function s3ObjectUrl(url: string): string | null {
  const parsed = safeUrl(url)
  if (!parsed || parsed.search || parsed.hash || !parsed.pathname.startsWith('/')) return null
  if (parsed.protocol === 'https:' && parsed.hostname === 'a.storyblok.com')
    return `https://s3.amazonaws.com/a.storyblok.com${parsed.pathname}`
  if (parsed.protocol === 'http:' && parsed.pathname.startsWith('/a.storyblok.com/'))
    return `${parsed.origin}/s3.amazonaws.com${parsed.pathname}`
  return null
}

/** The last path segment of a URL, decoded: the file's name. */
export function basename(url: string): string {
  const path = url.split(/[?#]/)[0] ?? ''
  const last = path.slice(path.lastIndexOf('/') + 1)
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}

/**
 * The image service's URL for an image of the library shown `width` device pixels wide:
 * `<url>/m/<width>x0`, the height following the image (Storyblok's image service, which also
 * sends WebP to browsers that take it), never wider than the original when its width is known.
 * The editor then downloads a preview, not an original of tens of megabytes. An SVG (the service
 * cannot resize it) and a signed URL (a private asset: `/m/` does not apply) stay as they are.
 */
export function previewUrl(
  url: string,
  { width, originalWidth }: { width: number; originalWidth?: number },
): string {
  if (/[?#]/.test(url) || /\.svg$/i.test(url)) return url
  const wanted = Math.max(1, Math.round(Math.min(width, originalWidth ?? Infinity)))
  return `${url}/m/${wanted}x0`
}
