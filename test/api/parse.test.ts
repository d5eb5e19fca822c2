import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/api/errors'
import {
  parseAltText,
  parseAsset,
  parseAssetList,
  parseFolders,
  parseSignedUpload,
  parseTags,
} from '../../src/api/parse'

const signed = {
  id: 42,
  post_url: 'https://s3.amazonaws.com/a.storyblok.com',
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

const full = {
  id: 42,
  filename: 'https://s3.amazonaws.com/a.storyblok.com/f/1/x.png',
  alt: 'A',
  title: null,
  copyright: null,
  source: '',
  focus: null,
  is_private: false,
  meta_data: { alt__i18n__de: 'B' },
  content_type: 'image/png',
  content_length: 1234,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:01.000Z',
  expire_at: '2025-02-01T00:00:00.000Z',
  internal_tag_ids: [3, 7],
  asset_folder_id: 7,
}

/** The message of what `run` threw: an `ApiError` naming the field, or what else it was. */
function refusal(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error instanceof ApiError ? error.message : error
  }
  return 'accepted'
}

describe('parseSignedUpload', () => {
  it('reads a signed response object, dropping what it does not use', () => {
    expect(parseSignedUpload({ ...signed, pretty_url: '//a.storyblok.com/f/1/x.png' })).toEqual(
      signed,
    )
  })

  it('keeps the fields in the server order', () => {
    expect(Object.keys(parseSignedUpload(signed).fields)).toEqual(Object.keys(signed.fields))
  })

  it('refuses fields that are not strings', () => {
    expect(
      refusal(() => parseSignedUpload({ ...signed, fields: { ...signed.fields, acl: { x: 1 } } })),
    ).toBe('Unexpected response: acl')
  })

  it('refuses a missing post_url', () => {
    expect(refusal(() => parseSignedUpload({ ...signed, post_url: undefined }))).toBe(
      'Unexpected response: post_url',
    )
  })

  it('refuses a post_url that is not http(s)', () => {
    expect(refusal(() => parseSignedUpload({ ...signed, post_url: 'javascript:alert(1)' }))).toBe(
      'Unexpected response: post_url',
    )
  })

  it('refuses a body that is not an object', () => {
    expect(refusal(() => parseSignedUpload('<html>'))).toBe('Unexpected response: asset')
  })
})

describe('parseAsset', () => {
  it('reads the full asset, wrapped (the docs)', () => {
    expect(parseAsset({ asset: full })).toEqual(full)
  })

  it('reads the full asset, unwrapped (the OpenAPI types)', () => {
    expect(parseAsset(full)).toEqual(full)
  })

  it('reads absent or mistyped optional fields as null, and meta_data as {}', () => {
    expect(parseAsset({ id: 42, filename: 'https://a/x.png', content_length: '1234' })).toEqual({
      id: 42,
      filename: 'https://a/x.png',
      alt: null,
      title: null,
      copyright: null,
      source: null,
      focus: null,
      is_private: false,
      meta_data: {},
      content_type: null,
      content_length: null,
      created_at: null,
      updated_at: null,
      expire_at: null,
      internal_tag_ids: [],
      asset_folder_id: null,
    })
  })

  it('reads tag ids given as strings, as Storyblok answers them, as a set of numbers', () => {
    expect(parseAsset({ ...full, internal_tag_ids: ['7', '3', '7'] }).internal_tag_ids).toEqual([
      3, 7,
    ])
  })

  it('leaves out tag ids that are not ids', () => {
    expect(parseAsset({ ...full, internal_tag_ids: ['x', -1, 4, null] }).internal_tag_ids).toEqual([
      4,
    ])
  })

  it('reads an expiry that is not a date as none', () => {
    expect(parseAsset({ ...full, expire_at: 'soon' }).expire_at).toBeNull()
  })

  it('reads a folder id that is not a whole number as the root (null)', () => {
    for (const folder of ['7', 1.5, -0.5, {}])
      expect(parseAsset({ ...full, asset_folder_id: folder }).asset_folder_id).toBeNull()
  })

  it('refuses an asset without id', () => {
    expect(refusal(() => parseAsset({ asset: { filename: 'x' } }))).toBe('Unexpected response: id')
  })

  it('refuses an asset without filename', () => {
    expect(refusal(() => parseAsset({ id: 1 }))).toBe('Unexpected response: filename')
  })

  it('drops fields it does not know', () => {
    expect(parseAsset({ ...full, internal_tags_list: [] })).not.toHaveProperty('internal_tags_list')
  })
})

describe('parseAssetList', () => {
  it('reads { assets: [...] }', () => {
    expect(parseAssetList({ assets: [full, { ...full, id: 7 }] }).map((a) => a.id)).toEqual([42, 7])
  })

  it('refuses a list without assets', () => {
    expect(refusal(() => parseAssetList({ stories: [] }))).toBe('Unexpected response: assets')
  })

  it('refuses a list with a bad entry', () => {
    expect(refusal(() => parseAssetList({ assets: [{ id: 'x' }] }))).toBe('Unexpected response: id')
  })
})

describe('parseAltText', () => {
  it('reads { response } trimmed', () => {
    expect(parseAltText({ response: ' A red square. ' })).toBe('A red square.')
  })

  it.each([{}, { response: '' }, { response: 3 }, null, 'text', ['x']])('refuses %j', (value) => {
    expect(() => parseAltText(value)).toThrow(/Unexpected response/)
  })
})

describe('parseTags', () => {
  it('reads { internal_tags: [...] } as ids and names', () => {
    expect(parseTags({ internal_tags: [{ id: 3, name: 'hero', object_type: 'asset' }] })).toEqual([
      { id: 3, name: 'hero' },
    ])
  })

  it('leaves out a tag without a readable id or name', () => {
    const tags = parseTags({
      internal_tags: [{ id: 'x', name: 'a' }, { id: 4 }, { id: 5, name: 'b' }],
    })
    expect(tags.map((tag) => tag.id)).toEqual([5])
  })

  it('refuses an answer without the list', () => {
    expect(refusal(() => parseTags({ tags: [] }))).toBe('Unexpected response: internal_tags')
  })
})

describe('parseFolders', () => {
  const folder = { id: 3, name: 'Blog', parent_id: null, uuid: 'u-3', parent_uuid: null }

  it('reads Storyblok’s list: ids, names and parents; the root is allowed', () => {
    expect(
      parseFolders({ asset_folders: [folder, { ...folder, id: 4, name: '2024', parent_id: 3 }] }),
    ).toEqual({
      folders: [
        { id: 3, name: 'Blog', parentId: null },
        { id: 4, name: '2024', parentId: 3 },
      ],
      rootAllowed: true,
    })
  })

  it('reads the upload gateway’s list: the path of each folder, and whether the root is allowed', () => {
    expect(
      parseFolders({
        asset_folders: [{ ...folder, id: 4, name: '2024', parent_id: 3, path: 'Blog / 2024' }],
        root_allowed: false,
      }),
    ).toEqual({
      folders: [{ id: 4, name: '2024', parentId: 3, path: 'Blog / 2024' }],
      rootAllowed: false,
    })
  })

  it('leaves out entries without a usable id or name, and reads a strange parent as none', () => {
    const list = parseFolders({
      asset_folders: [
        null,
        { ...folder, id: '3' },
        { ...folder, id: 0 },
        { ...folder, name: 5 },
        { ...folder, id: 9, parent_id: 'x' },
      ],
    })
    expect(list.folders).toEqual([{ id: 9, name: 'Blog', parentId: null }])
  })

  it('refuses an answer without the list', () => {
    expect(refusal(() => parseFolders({ folders: [] }))).toBe('Unexpected response: asset_folders')
    expect(refusal(() => parseFolders(null))).toBe('Unexpected response: asset_folders')
  })
})
