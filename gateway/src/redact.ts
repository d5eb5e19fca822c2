// The token never leaves the gateway: not in an answer, an error or a log line. Should
// Storyblok echo it, every form it could take is replaced, as the plugin's client does
// (src/api/client.ts, `secretForms`).

/**
 * Every form in which text could hold the token: as configured, without `Bearer `, URL-encoded
 * and JSON-escaped; longest first, so a longer form is never left half redacted.
 */
export function secretForms(token: string): string[] {
  const bare = token.replace(/^Bearer\s+/i, '')
  const forms = [token, bare, encodeURIComponent(bare), JSON.stringify(bare).slice(1, -1)]
  return [...new Set(forms)].filter(Boolean).sort((a, b) => b.length - a.length)
}

export type Redact = (text: string) => string

export function createRedact(secrets: readonly string[]): Redact {
  const forms = secrets.flatMap(secretForms)
  return (text) => forms.reduce((result, secret) => result.replaceAll(secret, '[redacted]'), text)
}
