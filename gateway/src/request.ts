// Reading the browser's request: who calls (IP + the plugin's session), the path as sent, and
// a JSON body within the size limit. Nothing here trusts the request: a malformed session is
// no session, a user id is only ever logged, and a body past the limit is not read on.
import { SESSION_HEADER, USER_HEADER } from './cors'
import { refuse, type CallerInfo, type Reply } from './routes/context'

const SESSION = /^[A-Za-z0-9_-]{8,64}$/
const USER_ID = /^[\w@.+-]{1,64}$/

export function callerOf(request: Request, ip: string): CallerInfo {
  const session = request.headers.get(SESSION_HEADER)
  const userId = request.headers.get(USER_HEADER)?.trim() ?? ''
  const valid = session !== null && SESSION.test(session) ? session : null
  return {
    ip,
    session: valid,
    userId: USER_ID.test(userId) ? userId : null,
    origin: request.headers.get('origin'),
    // Every request without a (valid) session from one address shares one place in the queue.
    key: { ip, session: valid ?? '-' },
  }
}

/**
 * Whether a path as sent holds a `.` or `..` segment, also percent-encoded (`%2e%2e`) or with
 * a backslash: URL parsing resolves those before the router sees the path, so `1/../2` would
 * otherwise arrive as a plain `2`.
 */
export function hasDotSegment(rawPath: string): boolean {
  const path = rawPath.split('?')[0] ?? ''
  return path.split(/\/|\\|%2f|%5c/i).some((segment) => /^(\.|%2e){1,2}$/i.test(segment))
}

/** The body as JSON, read up to `maxBytes`; a refusal when it is larger or not JSON. */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
): Promise<{ json: unknown } | Reply> {
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > maxBytes) return tooLarge(maxBytes)
  const reader = request.body?.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined }
    if (chunk.done) break
    size += chunk.value.byteLength
    if (size > maxBytes) {
      await reader?.cancel()
      return tooLarge(maxBytes)
    }
    chunks.push(chunk.value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  try {
    return { json: JSON.parse(new TextDecoder().decode(bytes)) }
  } catch {
    return refuse(400, 'body', 'The body must be JSON')
  }
}

function tooLarge(maxBytes: number): Reply {
  return refuse(413, 'body-size', `The body is larger than ${maxBytes} bytes`)
}
