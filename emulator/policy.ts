// S3 browser-based upload policies (POST Object with Signature Version 4):
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
// `createUploadFields` is what the sign endpoint hands out; `verifyUploadFields` is what the
// upload target checks before it accepts a single byte of the file (the policy's conditions in
// policyConditions.ts; the signing itself in sigv4.ts).
import { isRecord } from '../src/domain/record.ts'
import { checkConditions } from './policyConditions.ts'
import { S3Error, invalidPolicy, policyFailed } from './s3Error.ts'
import {
  ACCESS_KEY_ID,
  ALGORITHM,
  REGION,
  amzDate,
  credentialFor,
  sameSignature,
  signHex,
} from './sigv4.ts'
import { isSafeKeySegment } from './urls.ts'

/** The content-length-range Storyblok's policies allow (1 byte to 5242879999 bytes). */
export const STORYBLOK_MAX_UPLOAD_BYTES = 5242879999

export interface UploadPolicyInput {
  bucket: string
  key: string
  acl: 'public-read' | 'private'
  contentType: string
  cacheControl: string
  /** The `Expires` header value S3 stores with the object. */
  expires: string
  ttlSeconds: number
  maxBytes: number
  now: number
}

/** The `fields` of a signed response, in the order Storyblok lists them. */
export function createUploadFields(input: UploadPolicyInput): Record<string, string> {
  const date = amzDate(input.now)
  const credential = credentialFor(date.slice(0, 8))
  const policy = {
    expiration: new Date(input.now + input.ttlSeconds * 1000).toISOString(),
    conditions: [
      { bucket: input.bucket },
      { key: input.key },
      { acl: input.acl },
      { Expires: input.expires },
      { 'Cache-Control': input.cacheControl },
      { 'Content-Type': input.contentType },
      ['content-length-range', 1, input.maxBytes],
      { 'x-amz-credential': credential },
      { 'x-amz-algorithm': ALGORITHM },
      { 'x-amz-date': date },
    ],
  }
  const encoded = Buffer.from(JSON.stringify(policy), 'utf8').toString('base64')
  return {
    key: input.key,
    acl: input.acl,
    Expires: input.expires,
    'Cache-Control': input.cacheControl,
    'Content-Type': input.contentType,
    policy: encoded,
    'x-amz-credential': credential,
    'x-amz-algorithm': ALGORITHM,
    'x-amz-date': date,
    'x-amz-signature': signHex(date.slice(0, 8), REGION, 's3', encoded),
  }
}

export interface FormField {
  name: string
  value: string
}

/** What an accepted form allows the file to be. */
export interface VerifiedUpload {
  key: string
  acl: string
  contentType: string
  cacheControl: string | undefined
  expires: string | undefined
  minBytes: number
  maxBytes: number
}

/** Form fields S3 never requires a policy condition for. */
function isExempt(name: string): boolean {
  return (
    name === 'policy' ||
    name === 'x-amz-signature' ||
    name === 'file' ||
    name.startsWith('x-ignore-')
  )
}

const missingField = (name: string): S3Error =>
  new S3Error(
    400,
    'InvalidArgument',
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    { ArgumentName: name },
  )

function decodePolicy(encoded: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return undefined
  try {
    const parsed: unknown = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))
    return isRecord(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

/** The form's fields by lower-case name; a field given twice is an error. */
function formValues(fields: readonly FormField[]): Map<string, string> | S3Error {
  const values = new Map<string, string>()
  for (const field of fields) {
    const name = field.name.toLowerCase()
    if (values.has(name)) {
      return new S3Error(
        400,
        'InvalidArgument',
        `Form field ${field.name} was given more than once.`,
        {
          ArgumentName: field.name,
        },
      )
    }
    values.set(name, field.value)
  }
  return values
}

/** The credential's scope, its access key and the policy's signature, in the order S3 checks them. */
function checkSignature(
  credential: string,
  encodedPolicy: string,
  signature: string,
): S3Error | undefined {
  const scope = credential.split('/')
  const [accessKeyId, dateStamp, region, service, terminator] = scope
  if (
    scope.length !== 5 ||
    !dateStamp ||
    !/^\d{8}$/.test(dateStamp) ||
    !region ||
    service !== 's3' ||
    terminator !== 'aws4_request'
  ) {
    return new S3Error(400, 'InvalidArgument', `Invalid credential: ${credential}`, {
      ArgumentName: 'x-amz-credential',
    })
  }
  if (accessKeyId !== ACCESS_KEY_ID) {
    return new S3Error(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      {
        AWSAccessKeyId: accessKeyId ?? '',
      },
    )
  }
  if (!sameSignature(signHex(dateStamp, region, service, encodedPolicy), signature)) {
    return new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    )
  }
  return undefined
}

function checkExpiration(expiration: unknown, now: number): S3Error | undefined {
  if (typeof expiration !== 'string') return invalidPolicy('Policy missing expiration.')
  const expiresAt = Date.parse(expiration)
  if (Number.isNaN(expiresAt)) return invalidPolicy(`Invalid 'expiration' value: '${expiration}'`)
  if (expiresAt <= now) return policyFailed('Policy expired.')
  return undefined
}

/**
 * Checks the fields that precede `file` the way S3 does: policy decodes, signature matches,
 * policy not expired, every condition holds, no field outside the policy. Returns the
 * accepted upload or the S3 error to answer.
 */
export function verifyUploadFields(
  fields: readonly FormField[],
  bucket: string,
  now: number,
): VerifiedUpload | S3Error {
  const values = formValues(fields)
  if (values instanceof S3Error) return values

  const encodedPolicy = values.get('policy')
  if (encodedPolicy === undefined) return new S3Error(403, 'AccessDenied', 'Access Denied')
  const policy = decodePolicy(encodedPolicy)
  if (!policy) return invalidPolicy('Invalid JSON.')

  const signature = values.get('x-amz-signature')
  if (signature === undefined) return missingField('x-amz-signature')
  const credential = values.get('x-amz-credential')
  if (credential === undefined) return missingField('x-amz-credential')
  const key = values.get('key')
  if (key === undefined) return missingField('key')

  const refused =
    checkSignature(credential, encodedPolicy, signature) ??
    checkExpiration(policy['expiration'], now)
  if (refused) return refused
  const covered = checkConditions(policy['conditions'], (lower) =>
    lower === 'bucket' ? bucket : values.get(lower),
  )
  if (covered instanceof S3Error) return covered

  const extra = fields
    .map((field) => field.name)
    .filter((name) => !isExempt(name.toLowerCase()) && !covered.names.has(name.toLowerCase()))
  if (extra.length > 0) return policyFailed(`Extra input fields: ${extra.join(', ')}`)

  if (!key.split('/').every(isSafeKeySegment))
    return new S3Error(400, 'InvalidArgument', `Invalid key: ${key}`, { ArgumentName: 'key' })

  return {
    key,
    acl: values.get('acl') ?? 'private',
    contentType: values.get('content-type') ?? 'binary/octet-stream',
    cacheControl: values.get('cache-control'),
    expires: values.get('expires'),
    minBytes: covered.minBytes,
    maxBytes: covered.maxBytes,
  }
}
