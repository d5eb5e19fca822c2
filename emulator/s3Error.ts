// S3's XML error documents (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html),
// used by the upload target and the CDN.
import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'

export class S3Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    /** Extra elements S3 adds for some codes (e.g. `MaxSizeAllowed`). */
    readonly extra: Readonly<Record<string, string>> = {},
  ) {}
}

// Element text only needs `&`, `<` (and, by habit, `>`) escaped; quotes stay readable.
function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function s3ErrorXml(error: S3Error): string {
  const extra = Object.entries(error.extra)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('')
  const requestId = randomBytes(8).toString('hex').toUpperCase()
  const hostId = randomBytes(48).toString('base64')
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${extra}` +
    `<RequestId>${requestId}</RequestId><HostId>${hostId}</HostId></Error>`
  )
}

export function sendS3Error(res: ServerResponse, error: S3Error, method = 'GET'): void {
  const xml = s3ErrorXml(error)
  res.writeHead(error.status, {
    'Content-Type': 'application/xml',
    'Content-Length': String(Buffer.byteLength(xml)),
  })
  res.end(method === 'HEAD' ? undefined : xml)
}

export const policyFailed = (message: string): S3Error =>
  new S3Error(403, 'AccessDenied', `Invalid according to Policy: ${message}`)

export const invalidPolicy = (message: string): S3Error =>
  new S3Error(400, 'InvalidPolicyDocument', `Invalid Policy: ${message}`)
