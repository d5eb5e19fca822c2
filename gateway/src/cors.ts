// Who may call: CORS for the configured origins only (the plugin's iframe origin: Storyblok's
// plugin host, the local dev server in development), compared exactly. A request from any other
// origin, a preflight included, is refused before anything else happens.

/** The headers the plugin sends besides `Content-Type` (README, "The upload gateway"). */
export const TICKET_HEADER = 'X-Upload-Ticket'
export const SESSION_HEADER = 'X-Editor-Session'
export const USER_HEADER = 'X-Storyblok-User-Id'
/** The space's preview token, as the editor handed it to the plugin (./previewToken.ts). */
export const PREVIEW_TOKEN_HEADER = 'X-Storyblok-Preview-Token'

const ALLOWED_HEADERS = [
  'Content-Type',
  TICKET_HEADER,
  SESSION_HEADER,
  USER_HEADER,
  PREVIEW_TOKEN_HEADER,
].join(', ')
/** What the plugin's client reads of an answer: the wait after a 429, the list's paging. */
const EXPOSED_HEADERS = 'Retry-After, Total, Per-Page'
const ALLOWED_METHODS = 'GET, POST, PUT, DELETE'

export function isAllowedOrigin(origin: string | null, allowed: readonly string[]): boolean {
  return origin !== null && allowed.includes(origin)
}

/** The CORS headers of every answer to an allowed origin. */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    Vary: 'Origin',
  }
}

/** The answer to an allowed origin's preflight (the caller has checked the origin). */
export function preflightHeaders(origin: string): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': ALLOWED_HEADERS,
    'Access-Control-Max-Age': '600',
  }
}
