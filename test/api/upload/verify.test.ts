import { describe, expect, it } from 'vitest'
import { isIntegrityError } from '../../../src/api/errors'
import { verifyUpload } from '../../../src/api/upload/verify'
import { storedAsset } from '../fakeClient'

const sent = { size: 10, contentType: 'image/png' }

describe('verifyUpload', () => {
  it('accepts a matching length and type', () => {
    expect(() => verifyUpload(storedAsset(1), sent)).not.toThrow()
  })

  it('refuses a different content_length', () => {
    expect(() => verifyUpload(storedAsset(1, { content_length: 9 }), sent)).toThrow(
      expect.toSatisfy(isIntegrityError),
    )
  })

  it('refuses a type other than the one the signature fixed', () => {
    expect(() => verifyUpload(storedAsset(1, { content_type: 'text/html' }), sent)).toThrow(
      expect.toSatisfy(isIntegrityError),
    )
  })

  it('reads type parameters and case as the same type', () => {
    expect(() =>
      verifyUpload(storedAsset(1, { content_type: 'Image/PNG; charset=binary' }), sent),
    ).not.toThrow()
  })

  it.each([
    ['a CSV', 'text/csv'],
    ['a ZIP', 'application/zip'],
    ['an M4A', 'audio/mp4'],
    ['a WAV', 'audio/wav'],
  ])('never compares with the browser’s name for the file’s type (%s)', (_label, type) => {
    // Whatever the browser called it (application/vnd.ms-excel, audio/x-wav, nothing), the check
    // compares the stored type with the one the signature fixed.
    expect(() =>
      verifyUpload(storedAsset(1, { content_type: type }), { size: 10, contentType: type }),
    ).not.toThrow()
  })

  it('cannot check, and so accepts, a type the signature did not fix', () => {
    expect(() =>
      verifyUpload(storedAsset(1, { content_type: 'chemical/x-xyz' }), { size: 10 }),
    ).not.toThrow()
  })

  it('cannot check, and so accepts, an absent content_length or content_type', () => {
    expect(() =>
      verifyUpload(storedAsset(1, { content_length: null, content_type: null }), sent),
    ).not.toThrow()
  })

  it('says what is stored and what was sent', () => {
    expect(() => verifyUpload(storedAsset(5, { content_length: 3 }), sent)).toThrow(
      'Asset 5 holds 3 bytes of image/png, not 10 of image/png',
    )
  })
})
