// Reading the browser's request: who calls (address + the plugin's session), the path as sent, and
// a JSON body within the size limit. Nothing here trusts the request: a malformed session is
// no session, a user id is only ever logged, and a body past the limit is not read on.
import { SESSION_HEADER, USER_HEADER } from './cors'
import { refuse, type CallerInfo, type Reply } from './routes/context'

const SESSION = /^[A-Za-z0-9_-]{8,64}$/
const USER_ID = /^[\w@.+-]{1,64}$/

const HEXTET = /^[0-9a-f]{1,4}$/i

/** An IPv6 address's 8 groups (an embedded IPv4 address counts as the last two), or `null`. */
function ipv6Groups(address: string): string[] | null {
  const halves = address.split('::')
  if (halves.length > 2) return null
  const part = (text: string | undefined) => (text ? text.split(':') : [])
  const head = part(halves[0])
  const tail = part(halves[1])
  if (tail.at(-1)?.includes('.') || (halves.length === 1 && head.at(-1)?.includes('.')))
    (halves.length === 2 ? tail : head).splice(-1, 1, '0', '0')
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]
  return groups.every((group) => HEXTET.test(group)) ? groups : null
}

/**
 * The address the limits and the fair queue count a caller by: an IPv4 address as it is, an
 * IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, a dual-stack socket's) as its IPv4 address, and
 * any other IPv6 address as its /64 network, the usual allocation of one subscriber, who holds
 * all of its 2^64 addresses: counted one by one, they would be 2^64 callers. Anything else
 * (`unknown`) as it is.
 */
export function addressKey(address: string): string {
  const plain = address.replace(/%.*$/, '')
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(plain)
  if (mapped?.[1]) return mapped[1]
  if (!plain.includes(':')) return address
  const groups = ipv6Groups(plain)
  if (!groups) return address
  const network = groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16))
  return `${network.join(':')}::/64`
}

export function callerOf(request: Request, address: string): CallerInfo {
  const ip = addressKey(address)
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
