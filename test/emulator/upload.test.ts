import { mkdtempSync } from 'node:fs'
import { readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  PNG_1X1,
  finishUpload,
  multipartRequest,
  postForm,
  readAsset,
  record,
  s3Error,
  s3Form,
  sign,
} from './helpers'
import { useEmulator } from '../support/emulator'
import type { StateAsset } from '../../emulator/controlClient'

// A real data directory, so the tests can check that no partial file is left in tmp/ or files/.
const dataDir = mkdtempSync(join(tmpdir(), 'emulator-upload-test-'))
// Registered before the emulator's hooks, so that it runs after the emulator closed.
afterAll(() => rm(dataDir, { recursive: true, force: true }))
const local = useEmulator({ dataDir })

async function filesOnDisk(): Promise<string[]> {
  const tmp = await readdir(join(dataDir, 'tmp'))
  const files = await readdir(join(dataDir, 'files'), { recursive: true, withFileTypes: true })
  return [
    ...tmp.map((name) => `tmp/${name}`),
    ...files.filter((entry) => entry.isFile()).map((entry) => entry.name),
  ]
}

const storedAssets = (): Promise<StateAsset[]> => local.control.assets()

describe('upload flow', () => {
  it('sign → S3 POST → finish → get → CDN serves the bytes with the signed Content-Type', async () => {
    const signed = await sign(local.emulator, { filename: 'pixel.png', size: '1x1' })
    const s3 = await postForm(signed, s3Form(signed, PNG_1X1))
    expect(s3.status).toBe(204)
    expect(await s3.text()).toBe('')
    expect(s3.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    expect(s3.headers.get('location')).toBe(signed.public_url)

    const finish = await finishUpload(local.emulator, signed.id)
    expect(finish.status).toBe(200)
    const asset = await readAsset(local.emulator, signed.id)
    expect(asset).toMatchObject({ content_type: 'image/png', content_length: PNG_1X1.length })

    // The plugin's rewrite: drop `s3.amazonaws.com/` to get the CDN URL.
    const cdnUrl = String(asset['filename']).replace('s3.amazonaws.com/', '')
    expect(cdnUrl).toBe(`${local.emulator.url}/a.storyblok.com/${signed.fields['key']}`)
    const cdn = await fetch(cdnUrl)
    expect(cdn.status).toBe(200)
    expect(cdn.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await cdn.arrayBuffer()).equals(PNG_1X1)).toBe(true)

    expect(await storedAssets()).toMatchObject([
      { id: signed.id, uploaded: true, finished: true, key: signed.fields['key'] },
    ])
  })

  it('marks the asset uploaded but not finished between the S3 POST and finish_upload', async () => {
    const signed = await sign(local.emulator)
    expect(await storedAssets()).toMatchObject([{ uploaded: false, finished: false }])
    await postForm(signed, s3Form(signed, PNG_1X1))
    expect(await storedAssets()).toMatchObject([{ uploaded: true, finished: false }])
  })

  it('stores a replacement over the old file, at the same URL', async () => {
    const first = await sign(local.emulator, { filename: 'a.png' })
    await postForm(first, s3Form(first, PNG_1X1))
    await finishUpload(local.emulator, first.id)
    const second = await sign(local.emulator, { filename: 'b.png', id: first.id })
    expect((await postForm(second, s3Form(second, Buffer.from('new bytes')))).status).toBe(204)
    await finishUpload(local.emulator, first.id)
    expect(await (await fetch(first.public_url)).text()).toBe('new bytes')
  })

  it('serves the old file at the URL until the replacement is posted', async () => {
    const first = await sign(local.emulator, { filename: 'a.png' })
    await postForm(first, s3Form(first, Buffer.from('old bytes')))
    await finishUpload(local.emulator, first.id)
    await sign(local.emulator, { filename: 'b.png', id: first.id })
    expect(await (await fetch(first.public_url)).text()).toBe('old bytes')
  })

  it('finishes a replacement with the new file’s size', async () => {
    const first = await sign(local.emulator, { filename: 'a.png' })
    await postForm(first, s3Form(first, PNG_1X1))
    await finishUpload(local.emulator, first.id)
    const second = await sign(local.emulator, { filename: 'a.png', id: first.id })
    await postForm(second, s3Form(second, Buffer.from('new bytes')))
    await finishUpload(local.emulator, first.id)
    expect((await readAsset(local.emulator, first.id))['content_length']).toBe(9)
  })
})

describe('S3 rejections', () => {
  it('403 SignatureDoesNotMatch for a wrong signature', async () => {
    const signed = await sign(local.emulator)
    const response = await postForm(
      signed,
      s3Form(signed, PNG_1X1, { override: { 'x-amz-signature': '0'.repeat(64) } }),
    )
    expect(response.status).toBe(403)
    expect((await s3Error(response)).code).toBe('SignatureDoesNotMatch')
  })

  it('403 SignatureDoesNotMatch for a policy changed after signing', async () => {
    const signed = await sign(local.emulator)
    const policy: unknown = JSON.parse(
      Buffer.from(signed.fields['policy'] ?? '', 'base64').toString('utf8'),
    )
    const tampered = Buffer.from(
      JSON.stringify({ ...record(policy), expiration: '2999-01-01T00:00:00.000Z' }),
    ).toString('base64')
    const response = await postForm(
      signed,
      s3Form(signed, PNG_1X1, { override: { policy: tampered } }),
    )
    expect(response.status).toBe(403)
    expect((await s3Error(response)).code).toBe('SignatureDoesNotMatch')
  })

  it('403 AccessDenied for an expired policy', async () => {
    await local.control.setConfig({ policyTtlSeconds: 0 })
    const signed = await sign(local.emulator)
    const response = await postForm(signed, s3Form(signed, PNG_1X1))
    expect(response.status).toBe(403)
    expect(await s3Error(response)).toMatchObject({
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    })
  })

  it.each([
    'key',
    'acl',
    'Cache-Control',
    'Content-Type',
    'Expires',
    'x-amz-date',
    'x-amz-algorithm',
  ])('403 AccessDenied when %s differs from the policy', async (field) => {
    const signed = await sign(local.emulator)
    const response = await postForm(
      signed,
      s3Form(signed, PNG_1X1, { override: { [field]: 'changed' } }),
    )
    expect(response.status).toBe(403)
    expect(await s3Error(response)).toEqual({
      code: 'AccessDenied',
      message: `Invalid according to Policy: Policy Condition failed: ["eq", "$${field}", ${JSON.stringify(signed.fields[field])}]`,
      xml: expect.any(String),
    })
  })

  it.each(['acl', 'Content-Type', 'Expires'])(
    '403 AccessDenied when %s is missing',
    async (field) => {
      const signed = await sign(local.emulator)
      const response = await postForm(
        signed,
        s3Form(signed, PNG_1X1, { override: { [field]: undefined } }),
      )
      expect(response.status).toBe(403)
      expect((await s3Error(response)).message).toContain(
        `Policy Condition failed: ["eq", "$${field}"`,
      )
    },
  )

  it('403 AccessDenied for a field the policy does not cover', async () => {
    const signed = await sign(local.emulator)
    const response = await postForm(
      signed,
      s3Form(signed, PNG_1X1, { extra: { 'x-amz-meta-owner': 'me' } }),
    )
    expect(response.status).toBe(403)
    expect(await s3Error(response)).toMatchObject({
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Extra input fields: x-amz-meta-owner',
    })
  })

  it('400 InvalidArgument when a field follows the file', async () => {
    const signed = await sign(local.emulator)
    const response = await postForm(
      signed,
      s3Form(signed, PNG_1X1, { after: { 'x-ignore-note': 'late' } }),
    )
    expect(response.status).toBe(400)
    expect(await s3Error(response)).toMatchObject({
      code: 'InvalidArgument',
      message: 'POST requires exactly one file upload per request.',
    })
  })

  it('403 AccessDenied when the signed fields come after the file', async () => {
    const signed = await sign(local.emulator)
    const form = new FormData()
    form.append('file', new Blob([PNG_1X1]), 'a.png')
    for (const [name, value] of Object.entries(signed.fields)) form.append(name, value)
    const response = await postForm(signed, form)
    expect(response.status).toBe(403)
    // Nothing but `file` preceded the file: the policy itself is missing at that point.
    expect((await s3Error(response)).code).toBe('AccessDenied')
  })

  it('400 InvalidArgument without a file', async () => {
    const signed = await sign(local.emulator)
    const response = await postForm(signed, s3Form(signed, PNG_1X1, { noFile: true }))
    expect(response.status).toBe(400)
    expect(await s3Error(response)).toMatchObject({
      code: 'InvalidArgument',
      message: 'POST requires exactly one file upload per request.',
    })
  })

  it('400 EntityTooSmall for an empty file', async () => {
    const signed = await sign(local.emulator)
    const response = await postForm(signed, s3Form(signed, new Uint8Array(0)))
    expect(response.status).toBe(400)
    expect((await s3Error(response)).code).toBe('EntityTooSmall')
    expect(await filesOnDisk()).toEqual([])
  })

  it('400 EntityTooLarge above the policy maximum, leaving no file behind', async () => {
    await local.control.setConfig({ maxUploadBytes: 1000 })
    const signed = await sign(local.emulator)
    const response = await postForm(signed, s3Form(signed, Buffer.alloc(5000, 7)))
    expect(response.status).toBe(400)
    const error = await s3Error(response)
    expect(error.code).toBe('EntityTooLarge')
    expect(error.xml).toContain('<MaxSizeAllowed>1000</MaxSizeAllowed>')
    expect(await filesOnDisk()).toEqual([])
    expect(await storedAssets()).toMatchObject([{ uploaded: false }])
  })

  it('accepts exactly the policy maximum', async () => {
    await local.control.setConfig({ maxUploadBytes: 1000 })
    const signed = await sign(local.emulator)
    expect((await postForm(signed, s3Form(signed, Buffer.alloc(1000, 7)))).status).toBe(204)
  })

  it('412 for a body that is not multipart/form-data', async () => {
    const signed = await sign(local.emulator)
    const response = await fetch(signed.post_url, {
      method: 'POST',
      body: 'key=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(response.status).toBe(412)
    expect((await s3Error(response)).code).toBe('PreconditionFailed')
  })

  it('400 MalformedPOSTRequest for a multipart body cut before its end, leaving no file behind', async () => {
    const signed = await sign(local.emulator)
    const boundary = 'cut-boundary'
    const parts = Object.entries(signed.fields).map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    )
    const body = `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\npartial bytes`
    const response = await fetch(signed.post_url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    })
    expect(response.status).toBe(400)
    expect((await s3Error(response)).code).toBe('MalformedPOSTRequest')
    expect(await filesOnDisk()).toEqual([])
  })

  it('leaves no partial file when the client drops the connection mid-upload', async () => {
    const signed = await sign(local.emulator)
    const closed = new Promise<void>((resolve) => {
      // Declares 10 MB, sends 1 MB.
      const { req, head } = multipartRequest(signed.post_url, signed.fields, 10_000_000, () =>
        resolve(),
      )
      req.on('error', () => resolve())
      req.write(head)
      req.write(Buffer.alloc(1_000_000, 1), () => {
        // Give the server a moment to write part of the file, then cut the connection.
        setTimeout(() => req.destroy(), 100)
      })
    })
    await closed
    // The server notices the close asynchronously; wait until its request log shows the drop.
    await expect
      .poll(() => local.control.requestLog(), {
        timeout: 5000,
        interval: 50,
      })
      .toEqual(expect.arrayContaining([expect.objectContaining({ route: 's3', status: 0 })]))
    await expect.poll(filesOnDisk, { timeout: 5000, interval: 50 }).toEqual([])
    expect(await storedAssets()).toMatchObject([{ uploaded: false }])
  })

  it('404 NoSuchBucket for another bucket', async () => {
    const response = await fetch(`${local.emulator.url}/s3.amazonaws.com/other-bucket`, {
      method: 'POST',
      body: new FormData(),
    })
    expect(response.status).toBe(404)
    expect((await s3Error(response)).code).toBe('NoSuchBucket')
  })
})
