// The Management API's `Authorization` header: which of the space's two tokens it presents.
// The reference (docs/reference/management-api-assets.md, "Authentication"): a personal access
// token is sent bare, `Authorization: <token>`; an OAuth token as `Authorization: Bearer <token>`.
// Each is accepted only in its own form, so a personal token written as `Bearer <token>` fails
// here as it does against Storyblok. The details: emulator/README.md, reading 25.

/** The tokens the emulator's one space accepts. */
export interface ManagementTokens {
  /** A personal access token: only `Authorization: <token>`. */
  token: string
  /** An OAuth access token: only `Authorization: Bearer <token>`. */
  oauthToken: string
}

/**
 * Whitespace around a field value is not part of it (RFC 9110, section 5.5: spaces and tabs).
 * Node's parser already strips it; this keeps the rule when the function is called directly.
 */
const trimOws = (value: string): string => value.replace(/^[ \t]+|[ \t]+$/g, '')

/**
 * The token an `Authorization` header presents, when it is one of `tokens` in that token's own
 * form; `undefined` for anything else. `Bearer` is matched in exactly this case and followed by
 * exactly one space: RFC 9110 lets a server compare the scheme case-insensitively and allow more
 * spaces, but whether Storyblok does is unverified, and a client that writes `Bearer <token>`
 * exactly works under either reading.
 */
export function authorizedToken(
  header: string | undefined,
  tokens: ManagementTokens,
): string | undefined {
  if (header === undefined) return undefined
  const value = trimOws(header)
  if (value === '') return undefined
  if (value === tokens.token) return tokens.token
  if (value === `Bearer ${tokens.oauthToken}`) return tokens.oauthToken
  return undefined
}
