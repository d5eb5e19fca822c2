// The AWS Signature Version 4 parts that the upload policies (policy.ts) and the Delivery API's
// signed URLs (delivery.ts) share: the emulator's one key pair, the signing key and HMACs.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

export const ACCESS_KEY_ID = 'AKIALOCALSTORYBLOK00'
// A constant (not per-run) secret so that policies and signed URLs survive an emulator restart.
const SECRET_ACCESS_KEY = 'local-storyblok-emulator-secret'
export const REGION = 'us-east-1'
export const ALGORITHM = 'AWS4-HMAC-SHA256'

/** `20250102T030405Z` */
export function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function hmac(key: Buffer | string, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest()
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** SigV4 signing key: kDate → kRegion → kService → kSigning. */
export function signingKey(dateStamp: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${SECRET_ACCESS_KEY}`, dateStamp)
  const kRegion = hmac(kDate, region)
  const kService = hmac(kRegion, service)
  return hmac(kService, 'aws4_request')
}

export function signHex(
  dateStamp: string,
  region: string,
  service: string,
  stringToSign: string,
): string {
  return hmac(signingKey(dateStamp, region, service), stringToSign).toString('hex')
}

export function credentialFor(dateStamp: string): string {
  return `${ACCESS_KEY_ID}/${dateStamp}/${REGION}/s3/aws4_request`
}

/** Constant-time comparison of two hex signatures. */
export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase(), 'utf8')
  const right = Buffer.from(b.toLowerCase(), 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}
