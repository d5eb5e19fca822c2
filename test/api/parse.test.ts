import { describe, expect, it } from 'vitest'
import { isResponseShapeError } from '../../src/api/errors'
import {
  parseAsset,
  parseAssetList,
  parseFinishedAsset,
  parseSignedUpload,
} from '../../src/api/parse'

const signed = {
  id: 42,
  post_url: 'https://s3.amazonaws.com/a.storyblok.com',
  pretty_url: '//a.storyblok.com/f/1/x.png',
  public_url: 'https://s3.amazonaws.com/a.storyblok.com/f/1/x.png',
  fields: {
    key: 'f/1/abc/x.png',
    acl: 'public-read',
    Expires: 'Sun, 19 Jan 2038 03:14:07 GMT',
    'Cache-Control': 'public; max-age=31536000',
    'Content-Type': 'image/png',
    policy: 'e30=',
    'x-amz-credential': 'AKIA/20250101/us-east-1/s3/aws4_request',
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-date': '20250101T000000Z',
    'x-amz-signature': 'abc',
  },
}

const finished = {
  id: 42,
  filename: 'https://s3.amazonaws.com/a.storyblok.com/f/1/x.png',
  alt: null,
  copyright: null,
  title: null,
  focus: null,
  is_private: false,
}

const full = {
  ...finished,
  space_id: 1,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:01.000Z',
  short_filename: 'x.png',
  content_type: 'image/png',
  content_length: 1234,
  asset_folder_id: null,
  source: '',
  meta_data: { alt: 'A', alt__i18n__de: 'B' },
  locked: false,
}

function shapeError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return null
}

describe('parseSignedUpload', () => {
  it('reads a signed response object', () => {
    expect(parseSignedUpload(signed)).toEqual(signed)
  })

  it('keeps the fields in the server order', () => {
    expect(Object.keys(parseSignedUpload(signed).fields)).toEqual(Object.keys(signed.fields))
  })

  it('refuses fields that are not strings', () => {
    const error = shapeError(() =>
      parseSignedUpload({ ...signed, fields: { ...signed.fields, acl: { x: 1 } } }),
    )
    expect(isResponseShapeError(error) && error.field).toBe('fields.acl')
  })

  it('refuses a missing post_url', () => {
    const error = shapeError(() => parseSignedUpload({ ...signed, post_url: undefined }))
    expect(isResponseShapeError(error) && error.field).toBe('post_url')
  })

  it('refuses a post_url that is not http(s)', () => {
    const error = shapeError(() =>
      parseSignedUpload({ ...signed, post_url: 'javascript:alert(1)' }),
    )
    expect(isResponseShapeError(error) && error.field).toBe('post_url')
  })

  it('refuses a body that is not an object', () => {
    expect(isResponseShapeError(shapeError(() => parseSignedUpload('<html>')))).toBe(true)
  })
})

describe('parseFinishedAsset', () => {
  it('reads the unwrapped answer (OpenAPI)', () => {
    expect(parseFinishedAsset(finished)).toEqual(finished)
  })

  it('reads the wrapped answer (docs)', () => {
    expect(parseFinishedAsset({ asset: finished })).toEqual(finished)
  })

  it('fills absent nullable fields with null', () => {
    expect(parseFinishedAsset({ id: 42, filename: 'https://a/x.png' })).toEqual({
      ...finished,
      filename: 'https://a/x.png',
    })
  })

  it('refuses an asset without id', () => {
    const error = shapeError(() => parseFinishedAsset({ asset: { filename: 'x' } }))
    expect(isResponseShapeError(error) && error.field).toBe('id')
  })
})

describe('parseAsset', () => {
  it('reads the full asset, wrapped', () => {
    expect(parseAsset({ asset: full })).toEqual(full)
  })

  it('reads the full asset, unwrapped', () => {
    expect(parseAsset(full)).toEqual(full)
  })

  it('gives an empty meta_data when absent', () => {
    expect(parseAsset(finished).meta_data).toEqual({})
  })

  it('refuses a content_length that is not a number', () => {
    const error = shapeError(() => parseAsset({ ...full, content_length: '1234' }))
    expect(isResponseShapeError(error) && error.field).toBe('content_length')
  })

  it('drops fields it does not know', () => {
    expect(parseAsset({ ...full, internal_tag_ids: [1] })).not.toHaveProperty('internal_tag_ids')
  })
})

describe('parseAssetList', () => {
  it('reads { assets: [...] }', () => {
    expect(parseAssetList({ assets: [full, finished] }).map((asset) => asset.id)).toEqual([42, 42])
  })

  it('refuses a list without assets', () => {
    expect(isResponseShapeError(shapeError(() => parseAssetList({ stories: [] })))).toBe(true)
  })

  it('refuses a list with a bad entry', () => {
    expect(isResponseShapeError(shapeError(() => parseAssetList({ assets: [{ id: 'x' }] })))).toBe(
      true,
    )
  })
})
