// Metadata given with the sign call (the OpenAPI's sign parameters), in each form the sign
// route accepts. The basic sign behaviour is in mapi.test.ts.
import { beforeEach, describe, expect, it } from 'vitest'
import {
  PNG_1X1,
  assetsUrl,
  authHeaders,
  postForm,
  record,
  s3Form,
  sign,
  toSigned,
  uploadAsset,
} from './helpers'
import { useEmulator } from '../support/emulator'

const local = useEmulator()

async function getAsset(id: number): Promise<Record<string, unknown>> {
  const response = await fetch(assetsUrl(local.emulator, `/${id}`), {
    headers: authHeaders(local.emulator),
  })
  expect(response.status).toBe(200)
  return record(await response.json())
}

/** A sign call with `query` (no leading `?`) and an optional body. */
function signRequest(
  query: string,
  init: { type?: string; body?: string } = {},
): Promise<Response> {
  return fetch(assetsUrl(local.emulator, query ? `?${query}` : ''), {
    method: 'POST',
    headers: authHeaders(local.emulator, init.type ? { 'Content-Type': init.type } : {}),
    body: init.body,
  })
}

async function assetCount(): Promise<number> {
  return (await local.control.assets()).length
}

const METADATA = {
  alt: 'A cat',
  title: 'Cat',
  copyright: '© me',
  source: 'camera',
  focus: '10x20:11x21',
  is_private: false,
  asset_folder_id: 7,
  meta_data: { alt__i18n__de: 'Eine Katze' },
  expire_at: '2030-01-02T03:04:05.000Z',
  publish_at: '2029-01-01',
  internal_tag_ids: [3, '4'],
}

const STORED = {
  alt: 'A cat',
  title: 'Cat',
  copyright: '© me',
  source: 'camera',
  focus: '10x20:11x21',
  is_private: false,
  asset_folder_id: 7,
  // The texts are mirrored into meta_data, as an update does.
  meta_data: {
    alt__i18n__de: 'Eine Katze',
    alt: 'A cat',
    title: 'Cat',
    copyright: '© me',
    source: 'camera',
  },
  expire_at: '2030-01-02T03:04:05.000Z',
  publish_at: '2029-01-01T00:00:00.000Z',
  internal_tag_ids: ['3', '4'],
}

describe('sign with metadata', () => {
  beforeEach(async () => {
    // The folder and the tags METADATA names exist (unknown ones are a 422).
    await local.control.seedFolder({ id: 7, name: 'Cats' })
    await local.control.seedTag({ id: 3, name: 'pets' })
    await local.control.seedTag({ id: 4, name: 'animals' })
  })

  it('stores every sign parameter from a flat JSON body', async () => {
    const signed = await sign(local.emulator, { filename: 'cat.png', ...METADATA })
    expect(await getAsset(signed.id)).toMatchObject(STORED)
  })

  it('stores them from a body wrapped in `asset`', async () => {
    const signed = await sign(local.emulator, { asset: { filename: 'cat.png', ...METADATA } })
    expect(await getAsset(signed.id)).toMatchObject(STORED)
  })

  it('stores them from the query string, with `asset[…]`, arrays and nested meta_data', async () => {
    const query = [
      'filename=cat.png',
      'asset[alt]=A%20cat',
      'title=Cat',
      'asset[copyright]=%C2%A9%20me',
      'source=camera',
      'focus=10x20:11x21',
      'is_private=false',
      'asset_folder_id=7',
      'asset[meta_data][alt__i18n__de]=Eine%20Katze',
      'expire_at=2030-01-02T03:04:05.000Z',
      'publish_at=2029-01-01',
      'internal_tag_ids[]=3',
      'internal_tag_ids[]=4',
    ].join('&')
    const response = await signRequest(query)
    expect(response.status).toBe(200)
    const { id } = toSigned(await response.json())
    expect(await getAsset(id)).toMatchObject(STORED)
  })

  it('stores them from a form-urlencoded body', async () => {
    const form = new URLSearchParams([
      ['asset[filename]', 'cat.png'],
      ['asset[alt]', 'A cat'],
      ['asset[is_private]', '1'],
      ['asset[internal_tag_ids][]', ''],
      ['asset[internal_tag_ids][]', '3'],
      ['asset[meta_data][alt__i18n__de]', 'Eine Katze'],
    ])
    const response = await signRequest('', {
      type: 'application/x-www-form-urlencoded',
      body: form.toString(),
    })
    expect(response.status).toBe(200)
    const { id } = toSigned(await response.json())
    expect(await getAsset(id)).toMatchObject({
      short_filename: 'cat.png',
      alt: 'A cat',
      is_private: true,
      internal_tag_ids: ['3'],
      meta_data: { alt__i18n__de: 'Eine Katze', alt: 'A cat' },
    })
  })

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads is_private=%s in the query string as %s', async (text, expected) => {
    const response = await signRequest(`filename=a.png&is_private=${text}`)
    expect(response.status).toBe(200)
    const { id } = toSigned(await response.json())
    expect(await getAsset(id)).toMatchObject({ is_private: expected })
  })

  it('answers 422 for any other is_private text in the query string', async () => {
    const response = await signRequest('filename=a.png&is_private=yes')
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({ is_private: ['must be a boolean'] })
  })

  it('answers 422 for a JSON is_private that is not a real boolean, creating nothing', async () => {
    const response = await signRequest('', {
      type: 'application/json',
      body: JSON.stringify({ filename: 'a.png', is_private: 'true' }),
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({ is_private: ['must be a boolean'] })
    expect(await assetCount()).toBe(0)
  })

  it('answers every error together, with the update’s messages, and creates nothing', async () => {
    const response = await signRequest('', {
      type: 'application/json',
      body: JSON.stringify({
        size: 'big',
        alt: 5,
        focus: '10,20',
        meta_data: [],
        asset_folder_id: '7',
        expire_at: 'soon',
        internal_tag_ids: ['x'],
      }),
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      filename: ["can't be blank"],
      size: ['is invalid'],
      alt: ['must be a string'],
      focus: ['is invalid'],
      meta_data: ['must be an object'],
      asset_folder_id: ['must be an integer'],
      expire_at: ['is not a valid date'],
      internal_tag_ids: ['must be an array of integers'],
    })
    expect(await assetCount()).toBe(0)
    // The failed call took no id either.
    expect((await sign(local.emulator)).id).toBe(100000001)
  })

  it('treats `__proto__` in a parameter name as an ordinary (unknown) name', async () => {
    const response = await signRequest('filename=a.png&__proto__[is_private]=true')
    expect(response.status).toBe(200)
    const { id } = toSigned(await response.json())
    expect(await getAsset(id)).toMatchObject({ is_private: false })
  })
})

describe('sign with is_private: true', () => {
  it('signs a private ACL, and the CDN refuses the object unsigned from the start', async () => {
    const signed = await sign(local.emulator, { filename: 'secret.png', is_private: true })
    expect(signed.fields['acl']).toBe('private')
    const policy = record(
      JSON.parse(Buffer.from(signed.fields['policy'] ?? '', 'base64').toString('utf8')),
    )
    expect(policy['conditions']).toContainEqual({ acl: 'private' })
    expect((await postForm(signed, s3Form(signed, PNG_1X1))).status).toBe(204)
    const finish = await fetch(assetsUrl(local.emulator, `/${signed.id}/finish_upload`), {
      headers: authHeaders(local.emulator),
    })
    expect(record(record(await finish.json())['asset'])['is_private']).toBe(true)
    const cdnUrl = `${local.emulator.url}/a.storyblok.com/${signed.fields['key'] ?? ''}`
    expect((await fetch(cdnUrl)).status).toBe(403)
    expect((await fetch(signed.public_url)).status).toBe(403)
    // The Delivery API's signed URL serves it.
    const params = new URLSearchParams({ token: local.emulator.assetToken, filename: cdnUrl })
    const me = await fetch(`${local.emulator.url}/v2/cdn/assets/me?${params.toString()}`)
    const signedUrl = String(record(record(await me.json())['asset'])['signed_url'])
    expect((await fetch(signedUrl)).status).toBe(200)
  })
})

describe('re-sign with `id` and metadata', () => {
  it('updates the asset it replaces, and signs its new file private', async () => {
    const original = await uploadAsset(local.emulator, 'old.png')
    const replaced = await sign(local.emulator, {
      filename: 'new.png',
      id: original.id,
      alt: 'New',
      is_private: true,
    })
    expect(replaced.id).toBe(original.id)
    expect(replaced.fields['acl']).toBe('private')
    expect(await getAsset(original.id)).toMatchObject({
      alt: 'New',
      is_private: true,
      meta_data: { alt: 'New' },
    })
  })

  it('leaves the asset unchanged when its metadata is invalid', async () => {
    const original = await uploadAsset(local.emulator, 'old.png')
    const before = await getAsset(original.id)
    const response = await signRequest(`filename=new.png&id=${original.id}&alt=ok&is_private=maybe`)
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({ is_private: ['must be a boolean'] })
    expect(await getAsset(original.id)).toEqual(before)
  })
})
