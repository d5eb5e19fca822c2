import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createUploadFields, verifyUploadFields, type FormField } from '../../emulator/policy'
import { S3Error } from '../../emulator/s3Error'

const NOW = Date.UTC(2025, 0, 2, 3, 4, 5)

function fields(
  overrides: Partial<Parameters<typeof createUploadFields>[0]> = {},
): Record<string, string> {
  return createUploadFields({
    bucket: 'a.storyblok.com',
    key: 'f/1/abc/photo.png',
    acl: 'public-read',
    contentType: 'image/png',
    cacheControl: 'public; max-age=31536000',
    expires: 'Fri, 02 Jan 2026 03:04:05 GMT',
    ttlSeconds: 600,
    maxBytes: 100,
    now: NOW,
    ...overrides,
  })
}

const asForm = (record: Record<string, string>): FormField[] =>
  Object.entries(record).map(([name, value]) => ({ name, value }))

describe('upload policy', () => {
  it('signs with a SigV4 key derived from the credential date and region', () => {
    const signed = fields()
    expect(signed['x-amz-credential']).toBe(
      'AKIALOCALSTORYBLOK00/20250102/us-east-1/s3/aws4_request',
    )
    expect(signed['x-amz-date']).toBe('20250102T030405Z')
    expect(signed['x-amz-algorithm']).toBe('AWS4-HMAC-SHA256')
    const hmac = (key: Buffer | string, text: string): Buffer =>
      createHmac('sha256', key).update(text).digest()
    const kSigning = hmac(
      hmac(hmac(hmac('AWS4local-storyblok-emulator-secret', '20250102'), 'us-east-1'), 's3'),
      'aws4_request',
    )
    expect(signed['x-amz-signature']).toBe(hmac(kSigning, signed['policy'] ?? '').toString('hex'))
  })

  it('pins key, acl, headers, credentials and the size range, expiring after the TTL', () => {
    const policy: unknown = JSON.parse(
      Buffer.from(fields()['policy'] ?? '', 'base64').toString('utf8'),
    )
    expect(policy).toEqual({
      expiration: '2025-01-02T03:14:05.000Z',
      conditions: [
        { bucket: 'a.storyblok.com' },
        { key: 'f/1/abc/photo.png' },
        { acl: 'public-read' },
        { Expires: 'Fri, 02 Jan 2026 03:04:05 GMT' },
        { 'Cache-Control': 'public; max-age=31536000' },
        { 'Content-Type': 'image/png' },
        ['content-length-range', 1, 100],
        { 'x-amz-credential': 'AKIALOCALSTORYBLOK00/20250102/us-east-1/s3/aws4_request' },
        { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
        { 'x-amz-date': '20250102T030405Z' },
      ],
    })
  })

  it('accepts its own fields and reports what the file may be', () => {
    const verdict = verifyUploadFields(asForm(fields()), 'a.storyblok.com', NOW + 1000)
    expect(verdict).toEqual({
      key: 'f/1/abc/photo.png',
      acl: 'public-read',
      contentType: 'image/png',
      cacheControl: 'public; max-age=31536000',
      expires: 'Fri, 02 Jan 2026 03:04:05 GMT',
      minBytes: 1,
      maxBytes: 100,
    })
  })

  it('compares field names case-insensitively, as S3 does', () => {
    const form = asForm(fields()).map((field) => ({ ...field, name: field.name.toLowerCase() }))
    expect(verifyUploadFields(form, 'a.storyblok.com', NOW)).not.toBeInstanceOf(S3Error)
  })

  it('rejects another bucket', () => {
    const verdict = verifyUploadFields(asForm(fields()), 'other-bucket', NOW)
    expect(verdict).toBeInstanceOf(S3Error)
    expect(verdict).toMatchObject({ status: 403, code: 'AccessDenied' })
  })

  it('rejects a policy whose expiration has passed', () => {
    const verdict = verifyUploadFields(asForm(fields()), 'a.storyblok.com', NOW + 600_000)
    expect(verdict).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    })
  })

  it('rejects a field given twice', () => {
    const form = [...asForm(fields()), { name: 'acl', value: 'public-read' }]
    expect(verifyUploadFields(form, 'a.storyblok.com', NOW)).toMatchObject({
      status: 400,
      code: 'InvalidArgument',
    })
  })

  it('rejects a policy that is not base64 JSON', () => {
    const form = asForm({ ...fields(), policy: 'not*base64' })
    expect(verifyUploadFields(form, 'a.storyblok.com', NOW)).toMatchObject({
      status: 400,
      code: 'InvalidPolicyDocument',
    })
  })

  it('rejects an unknown access key', () => {
    const signed = fields()
    const form = asForm({
      ...signed,
      'x-amz-credential': (signed['x-amz-credential'] ?? '').replace(
        'AKIALOCALSTORYBLOK00',
        'AKIAOTHER',
      ),
    })
    expect(verifyUploadFields(form, 'a.storyblok.com', NOW)).toMatchObject({
      status: 403,
      code: 'InvalidAccessKeyId',
    })
  })
})
