import { describe, expect, it } from 'vitest'
import {
  PNG_1X1,
  assetsUrl,
  authHeaders,
  finishUpload,
  listNames,
  postForm,
  readAsset,
  record,
  s3Form,
  sign,
  toSigned,
  uploadAsset,
} from './helpers'
import { useEmulator } from '../support/emulator'

const local = useEmulator()

function update(id: number, body: unknown, method: 'PUT' | 'PATCH' = 'PUT'): Promise<Response> {
  return fetch(assetsUrl(local.emulator, `/${id}`), {
    method,
    headers: authHeaders(local.emulator, { 'Content-Type': 'application/json' }),
    body: JSON.stringify(body),
  })
}

describe('Management API auth', () => {
  const statusWith = async (authorization: string): Promise<number> =>
    (await fetch(assetsUrl(local.emulator), { headers: { Authorization: authorization } })).status

  it('accepts the personal access token bare, as `Authorization: <token>`', async () => {
    expect(await statusWith(local.emulator.token)).toBe(200)
  })

  it('refuses the personal access token written as `Bearer <token>`', async () => {
    expect(await statusWith(`Bearer ${local.emulator.token}`)).toBe(401)
  })

  it('accepts the OAuth token as `Authorization: Bearer <token>`', async () => {
    expect(await statusWith(`Bearer ${local.emulator.oauthToken}`)).toBe(200)
  })

  it('refuses the OAuth token bare', async () => {
    expect(await statusWith(local.emulator.oauthToken)).toBe(401)
  })

  it('refuses the OAuth token after `bearer` in another case or after two spaces', async () => {
    expect(await statusWith(`bearer ${local.emulator.oauthToken}`)).toBe(401)
    expect(await statusWith(`BEARER ${local.emulator.oauthToken}`)).toBe(401)
    expect(await statusWith(`Bearer  ${local.emulator.oauthToken}`)).toBe(401)
  })

  it('rate-limits each token on its own', async () => {
    await local.control.setConfig({ rateLimit: 1 })
    expect(await statusWith(local.emulator.token)).toBe(200)
    expect(await statusWith(`Bearer ${local.emulator.oauthToken}`)).toBe(200)
    expect(await statusWith(local.emulator.token)).toBe(429)
  })

  it('answers 401 JSON for a wrong or missing token', async () => {
    for (const headers of [{ Authorization: 'wrong' }, {}] as Record<string, string>[]) {
      const response = await fetch(assetsUrl(local.emulator), { headers })
      expect(response.status).toBe(401)
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(await response.json()).toEqual({ error: 'Unauthorized' })
    }
  })

  it('creates nothing when signing without a valid token', async () => {
    const response = await fetch(assetsUrl(local.emulator, '?filename=a.png'), { method: 'POST' })
    expect(response.status).toBe(401)
    const list = await fetch(assetsUrl(local.emulator), { headers: authHeaders(local.emulator) })
    expect(await list.json()).toEqual({ assets: [] })
  })
})

describe('sign', () => {
  it('signs from a flat JSON body and creates the asset entry', async () => {
    const signed = await sign(local.emulator, { filename: 'photo.png', size: '640x480' })
    expect(signed.id).toBeGreaterThan(100000000)
    expect(signed.post_url).toBe(`${local.emulator.url}/s3.amazonaws.com/a.storyblok.com`)
    const key = signed.fields['key'] ?? ''
    expect(key).toMatch(
      new RegExp(`^f/${local.emulator.spaceId}/640x480/[0-9a-f]{32}/photo\\.png$`),
    )
    expect(signed.public_url).toBe(`${local.emulator.url}/s3.amazonaws.com/a.storyblok.com/${key}`)
    expect(signed.pretty_url).toBe(`//localhost:${local.emulator.port}/a.storyblok.com/${key}`)
    expect(signed.fields).toMatchObject({
      acl: 'public-read',
      'Cache-Control': 'public; max-age=31536000',
      'Content-Type': 'image/png',
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    })
    expect(Object.keys(signed.fields)).toEqual([
      'key',
      'acl',
      'Expires',
      'Cache-Control',
      'Content-Type',
      'policy',
      'x-amz-credential',
      'x-amz-algorithm',
      'x-amz-date',
      'x-amz-signature',
    ])
    const asset = await readAsset(local.emulator, signed.id)
    expect(asset).toMatchObject({
      id: signed.id,
      filename: signed.public_url,
      short_filename: 'photo.png',
      content_type: null,
      content_length: null,
    })
  })

  it('signs from the query string, as the official client sends it', async () => {
    await local.control.seedFolder({ id: 7, name: 'Videos' })
    const response = await fetch(
      assetsUrl(local.emulator, '?filename=clip.mp4&asset_folder_id=7&validate_upload=1'),
      {
        method: 'POST',
        headers: authHeaders(local.emulator),
      },
    )
    expect(response.status).toBe(200)
    const signed = toSigned(await response.json())
    expect(signed.fields['key']).toMatch(
      new RegExp(`^f/${local.emulator.spaceId}/[0-9a-f]{32}/clip\\.mp4$`),
    )
    expect(signed.fields['Content-Type']).toBe('video/mp4')
    expect(await readAsset(local.emulator, signed.id)).toMatchObject({ asset_folder_id: 7 })
  })

  it('accepts a body wrapped in `asset`', async () => {
    const signed = await sign(local.emulator, { asset: { filename: 'doc.pdf' } })
    expect(signed.fields['key']).toMatch(/\/doc\.pdf$/)
    expect(signed.fields['Content-Type']).toBe('application/pdf')
  })

  it('normalises the name: every dot but the last becomes `_`', async () => {
    const signed = await sign(local.emulator, { filename: 'my.holiday.photo.jpeg' })
    expect(signed.fields['key']).toMatch(/\/my_holiday_photo\.jpeg$/)
    expect(await readAsset(local.emulator, signed.id)).toMatchObject({
      short_filename: 'my_holiday_photo.jpeg',
    })
  })

  it('percent-encodes the name in URLs', async () => {
    const signed = await sign(local.emulator, { filename: 'a b#1.png' })
    expect(signed.fields['key']).toMatch(/\/a b#1\.png$/)
    expect(signed.public_url).toMatch(/\/a%20b%231\.png$/)
  })

  it('answers 422 without a filename', async () => {
    const response = await fetch(assetsUrl(local.emulator), {
      method: 'POST',
      headers: authHeaders(local.emulator, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ size: '1x1' }),
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({ filename: ["can't be blank"] })
  })

  it('answers 422 for a malformed size', async () => {
    const response = await fetch(assetsUrl(local.emulator, '?filename=a.png&size=big'), {
      method: 'POST',
      headers: authHeaders(local.emulator),
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({ size: ['is invalid'] })
  })

  it('answers 400 for a body that is not JSON', async () => {
    const response = await fetch(assetsUrl(local.emulator), {
      method: 'POST',
      headers: authHeaders(local.emulator, { 'Content-Type': 'application/json' }),
      body: '{nope',
    })
    expect(response.status).toBe(400)
    expect(record(await response.json())['error']).toEqual(expect.any(String))
  })

  it('makes a second asset when the same file is signed again', async () => {
    const first = await sign(local.emulator, { filename: 'same.png' })
    const second = await sign(local.emulator, { filename: 'same.png' })
    expect(second.id).not.toBe(first.id)
    expect(second.fields['key']).not.toBe(first.fields['key'])
  })

  it('replaces with `id`: the same asset under the same key, so its URL stays', async () => {
    const original = await uploadAsset(local.emulator, 'old.png')
    const replaced = await sign(local.emulator, { filename: 'new.png', id: original.id })
    expect(replaced.id).toBe(original.id)
    expect(replaced.fields['key']).toBe(original.key)
  })

  it('keeps the asset’s filename and name on a replace, whatever the new file is called', async () => {
    const original = await uploadAsset(local.emulator, 'old.png')
    const before = await readAsset(local.emulator, original.id)
    await sign(local.emulator, { filename: 'new.jpg', id: original.id, size: '10x10' })
    const after = await readAsset(local.emulator, original.id)
    expect(after['filename']).toBe(before['filename'])
    expect(after['short_filename']).toBe('old.png')
  })

  it('signs a replacement with the type of the kept name', async () => {
    const original = await uploadAsset(local.emulator, 'old.png')
    const replaced = await sign(local.emulator, { filename: 'new.jpg', id: original.id })
    expect(replaced.fields['Content-Type']).toBe('image/png')
  })

  it('answers 404 when replacing an unknown asset', async () => {
    const response = await fetch(assetsUrl(local.emulator, '?filename=a.png&id=999'), {
      method: 'POST',
      headers: authHeaders(local.emulator),
    })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual(['This record could not be found'])
  })
})

describe('finish_upload', () => {
  it('answers 422 before the file was uploaded', async () => {
    const signed = await sign(local.emulator)
    const response = await finishUpload(local.emulator, signed.id)
    expect(response.status).toBe(422)
    expect(record(await response.json())['error']).toEqual(expect.any(String))
  })

  it('records type and size and returns the wrapped minimal asset', async () => {
    const signed = await sign(local.emulator, { filename: 'tiny.png' })
    expect((await postForm(signed, s3Form(signed, PNG_1X1))).status).toBe(204)
    const response = await finishUpload(local.emulator, signed.id)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      asset: {
        id: signed.id,
        filename: signed.public_url,
        alt: null,
        copyright: null,
        title: null,
        focus: null,
        is_private: false,
      },
    })
    expect(await readAsset(local.emulator, signed.id)).toMatchObject({
      content_type: 'image/png',
      content_length: PNG_1X1.length,
    })
  })

  it("answers 422 when the file exceeds the space's upload limit", async () => {
    const signed = await sign(local.emulator)
    expect((await postForm(signed, s3Form(signed, Buffer.alloc(50, 1)))).status).toBe(204)
    await local.control.setConfig({ uploadLimitBytes: 10 })
    const response = await finishUpload(local.emulator, signed.id)
    expect(response.status).toBe(422)
  })

  it('answers 404 for an unknown asset', async () => {
    const response = await fetch(assetsUrl(local.emulator, '/123/finish_upload'), {
      headers: authHeaders(local.emulator),
    })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual(['This record could not be found'])
  })
})

describe('retrieve', () => {
  it('returns the full asset, unwrapped, with Storyblok defaults', async () => {
    const { id, s3Url } = await uploadAsset(local.emulator, 'full.png')
    const asset = await readAsset(local.emulator, id)
    expect(Object.keys(asset).sort()).toEqual(
      [
        'id',
        'filename',
        'space_id',
        'created_at',
        'updated_at',
        'short_filename',
        'content_type',
        'content_length',
        'asset_folder_id',
        'alt',
        'title',
        'copyright',
        'source',
        'focus',
        'is_private',
        'locked',
        'expire_at',
        'publish_at',
        'internal_tag_ids',
        'internal_tags_list',
        'meta_data',
      ].sort(),
    )
    expect(asset).toMatchObject({
      id,
      filename: s3Url,
      space_id: local.emulator.spaceId,
      alt: null,
      title: null,
      copyright: null,
      source: null,
      focus: null,
      is_private: false,
      locked: false,
      meta_data: {},
      internal_tag_ids: [],
      internal_tags_list: [],
    })
    expect(asset['created_at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  })

  it('answers 404 with Storyblok’s body for an unknown asset and for an unknown space', async () => {
    for (const url of [
      assetsUrl(local.emulator, '/424242'),
      `${local.emulator.apiBaseUrl}/spaces/1/assets`,
    ]) {
      const response = await fetch(url, { headers: authHeaders(local.emulator) })
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual(['This record could not be found'])
    }
  })
})

describe('update', () => {
  it('answers 204 with no body and bumps updated_at (PUT)', async () => {
    const { id } = await uploadAsset(local.emulator)
    const before = await readAsset(local.emulator, id)
    const response = await update(id, {
      asset: {
        alt: 'A cat',
        title: 'Cat',
        copyright: '© me',
        source: 'camera',
        focus: '10x20:11x21',
      },
    })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    const after = await readAsset(local.emulator, id)
    expect(after).toMatchObject({
      alt: 'A cat',
      title: 'Cat',
      copyright: '© me',
      source: 'camera',
      focus: '10x20:11x21',
    })
    expect(Date.parse(String(after['updated_at']))).toBeGreaterThan(
      Date.parse(String(before['updated_at'])),
    )
  })

  it('accepts PATCH like PUT', async () => {
    const { id } = await uploadAsset(local.emulator)
    expect((await update(id, { asset: { is_private: true } }, 'PATCH')).status).toBe(204)
    expect(await readAsset(local.emulator, id)).toMatchObject({ is_private: true })
  })

  it('mirrors alt/title/copyright/source into meta_data; meta_data replaces as a whole', async () => {
    const { id } = await uploadAsset(local.emulator)
    await update(id, { asset: { meta_data: { alt__i18n__de: 'Eine Katze', custom: 1 } } })
    expect(await readAsset(local.emulator, id)).toMatchObject({
      meta_data: { alt__i18n__de: 'Eine Katze', custom: 1 },
    })
    await update(id, { asset: { alt: 'A cat', meta_data: { alt__i18n__de: 'Katze' } } })
    const asset = await readAsset(local.emulator, id)
    expect(asset['meta_data']).toEqual({ alt__i18n__de: 'Katze', alt: 'A cat' })
  })

  it('mirrors the default texts of meta_data to the top level; the top level wins where both differ', async () => {
    const { id } = await uploadAsset(local.emulator)
    await update(id, { asset: { meta_data: { alt: 'From meta_data', title: 'T' } } })
    expect(await readAsset(local.emulator, id)).toMatchObject({
      alt: 'From meta_data',
      title: 'T',
      meta_data: { alt: 'From meta_data', title: 'T' },
    })
    await update(id, { asset: { alt: 'Top', meta_data: { alt: 'Inside' } } })
    expect(await readAsset(local.emulator, id)).toMatchObject({
      alt: 'Top',
      meta_data: { alt: 'Top' },
    })
  })

  it('ignores unknown keys', async () => {
    const { id } = await uploadAsset(local.emulator, 'keep.png')
    expect((await update(id, { asset: { filename: 'x.png', bogus: 1 } })).status).toBe(204)
    expect(await readAsset(local.emulator, id)).toMatchObject({ short_filename: 'keep.png' })
  })

  it('answers 422 Rails-style for wrong types and a malformed focus, changing nothing', async () => {
    const { id } = await uploadAsset(local.emulator)
    const response = await update(id, {
      asset: { alt: 5, is_private: 'yes', focus: '10,20', meta_data: [], title: 'ok' },
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      alt: ['must be a string'],
      is_private: ['must be a boolean'],
      focus: ['is invalid'],
      meta_data: ['must be an object'],
    })
    expect(await readAsset(local.emulator, id)).toMatchObject({ title: null })
  })

  it('accepts an empty focus', async () => {
    const { id } = await uploadAsset(local.emulator)
    expect((await update(id, { asset: { focus: '' } })).status).toBe(204)
    expect(await readAsset(local.emulator, id)).toMatchObject({ focus: '' })
  })

  it('answers 400 when the body is not wrapped in `asset`', async () => {
    const { id } = await uploadAsset(local.emulator)
    expect((await update(id, { alt: 'flat' })).status).toBe(400)
  })

  it('answers 404 for an unknown asset', async () => {
    expect((await update(31337, { asset: { alt: 'x' } })).status).toBe(404)
  })
})

describe('delete', () => {
  it('answers 200 with the deleted asset and removes the file', async () => {
    const { id, cdnUrl } = await uploadAsset(local.emulator)
    const response = await fetch(assetsUrl(local.emulator, `/${id}`), {
      method: 'DELETE',
      headers: authHeaders(local.emulator),
    })
    expect(response.status).toBe(200)
    expect(record(await response.json())).toMatchObject({ id, short_filename: 'photo.png' })
    expect(
      (await fetch(assetsUrl(local.emulator, `/${id}`), { headers: authHeaders(local.emulator) }))
        .status,
    ).toBe(404)
    expect((await fetch(cdnUrl)).status).toBe(404)
  })
})

describe('list', () => {
  it('pages newest first with Total and Per-Page headers', async () => {
    for (let i = 0; i < 3; i++) await sign(local.emulator, { filename: `file${i}.png` })
    const response = await fetch(assetsUrl(local.emulator, '?per_page=2&page=1'), {
      headers: authHeaders(local.emulator),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('total')).toBe('3')
    expect(response.headers.get('per-page')).toBe('2')
    expect(listNames(await response.json())).toEqual(['file2.png', 'file1.png'])
    const page2 = await fetch(assetsUrl(local.emulator, '?per_page=2&page=2'), {
      headers: authHeaders(local.emulator),
    })
    expect(listNames(await page2.json())).toEqual(['file0.png'])
  })

  it('defaults to 25 per page and caps per_page at 100', async () => {
    const defaults = await fetch(assetsUrl(local.emulator), {
      headers: authHeaders(local.emulator),
    })
    expect(defaults.headers.get('per-page')).toBe('25')
    const capped = await fetch(assetsUrl(local.emulator, '?per_page=500'), {
      headers: authHeaders(local.emulator),
    })
    expect(capped.headers.get('per-page')).toBe('100')
  })

  it('filters by search (file name substring) and in_folder', async () => {
    await local.control.seedFolder({ id: 5, name: 'Cats' })
    await sign(local.emulator, { filename: 'cat.png', asset_folder_id: 5 })
    await sign(local.emulator, { filename: 'dog.png' })
    const search = await fetch(assetsUrl(local.emulator, '?search=CA'), {
      headers: authHeaders(local.emulator),
    })
    expect(listNames(await search.json())).toEqual(['cat.png'])
    const folder = await fetch(assetsUrl(local.emulator, '?in_folder=5'), {
      headers: authHeaders(local.emulator),
    })
    expect(listNames(await folder.json())).toEqual(['cat.png'])
  })
})
