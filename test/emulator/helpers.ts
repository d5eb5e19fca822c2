// Shared helpers for the emulator's tests: sign, upload, read errors. (Starting one and its
// `/__emulator` controls: test/support/emulator.ts.)
import { request, type ClientRequest, type IncomingMessage } from 'node:http'
import { expect } from 'vitest'
import type { Emulator } from '../../emulator/server'
import { isRecord } from '../../src/domain/record'

/** A valid 1×1 PNG. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

export interface Signed {
  id: number
  post_url: string
  pretty_url: string
  public_url: string
  fields: Record<string, string>
}

/** Narrows a JSON body to a record, failing the test otherwise. */
export function record(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`)
  return value
}

export function toSigned(value: unknown): Signed {
  const body = record(value)
  const fields = record(body['fields'])
  if (
    typeof body['id'] !== 'number' ||
    typeof body['post_url'] !== 'string' ||
    typeof body['pretty_url'] !== 'string' ||
    typeof body['public_url'] !== 'string' ||
    !Object.values(fields).every((v) => typeof v === 'string')
  ) {
    throw new Error(`not a signed response: ${JSON.stringify(value)}`)
  }
  return {
    id: body['id'],
    post_url: body['post_url'],
    pretty_url: body['pretty_url'],
    public_url: body['public_url'],
    fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
  }
}

export function assetsUrl(emulator: Emulator, suffix = ''): string {
  return `${emulator.apiBaseUrl}/spaces/${emulator.spaceId}/assets${suffix}`
}

export function authHeaders(
  emulator: Emulator,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { Authorization: emulator.token, ...extra }
}

/** Signs through a JSON body and returns the signed response. */
export async function sign(
  emulator: Emulator,
  params: Record<string, unknown> = { filename: 'photo.png' },
): Promise<Signed> {
  const response = await fetch(assetsUrl(emulator), {
    method: 'POST',
    headers: authHeaders(emulator, { 'Content-Type': 'application/json' }),
    body: JSON.stringify(params),
  })
  expect(response.status).toBe(200)
  return toSigned(await response.json())
}

export interface FormOptions {
  /** Replaces (or, with `undefined`, removes) signed fields. */
  override?: Record<string, string | undefined>
  /** Extra fields appended before the file. */
  extra?: Record<string, string>
  /** Fields appended after the file. */
  after?: Record<string, string>
  /** Leave the file out. */
  noFile?: boolean
  fileName?: string
}

/** The S3 form: signed fields in order, then `file` last (unless told otherwise). */
export function s3Form(signed: Signed, bytes: Uint8Array, options: FormOptions = {}): FormData {
  const form = new FormData()
  const fields: Record<string, string | undefined> = { ...signed.fields, ...options.override }
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined) form.append(name, value)
  for (const [name, value] of Object.entries(options.extra ?? {})) form.append(name, value)
  if (!options.noFile)
    form.append('file', new Blob([new Uint8Array(bytes)]), options.fileName ?? 'upload.bin')
  for (const [name, value] of Object.entries(options.after ?? {})) form.append(name, value)
  return form
}

export function postForm(
  signed: Signed,
  form: FormData,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(signed.post_url, { method: 'POST', body: form, headers })
}

/** `finish_upload` for asset `id`, whatever it answers. */
export function finishUpload(emulator: Emulator, id: number): Promise<Response> {
  return fetch(assetsUrl(emulator, `/${id}/finish_upload`), { headers: authHeaders(emulator) })
}

/** The asset as `GET /v1/spaces/:space_id/assets/:id` answers it (failing the test unless 200). */
export async function readAsset(emulator: Emulator, id: number): Promise<Record<string, unknown>> {
  const response = await fetch(assetsUrl(emulator, `/${id}`), { headers: authHeaders(emulator) })
  expect(response.status).toBe(200)
  return record(await response.json())
}

/**
 * A multipart POST to the upload target written by hand, for uploads no `fetch` can make: the
 * caller writes `head` (the fields and the file part's header), the file's `fileBytes`, and
 * `tail`, as slowly as it likes, or stops half-way.
 */
export function multipartRequest(
  postUrl: string,
  fields: Record<string, string>,
  fileBytes: number,
  onResponse?: (response: IncomingMessage) => void,
): { req: ClientRequest; head: Buffer; tail: Buffer } {
  const boundary = `----emulator-test-${Date.now()}`
  const part = (disposition: string): string =>
    `--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\n`
  const head = Buffer.from(
    Object.entries(fields)
      .map(([name, value]) => `${part(`name="${name}"`)}\r\n${value}\r\n`)
      .join('') +
      part('name="file"; filename="upload.bin"') +
      'Content-Type: application/octet-stream\r\n\r\n',
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const url = new URL(postUrl)
  const req = request(
    {
      host: '127.0.0.1',
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + fileBytes + tail.length),
      },
    },
    onResponse,
  )
  return { req, head, tail }
}

/** Sign → S3 POST → finish; returns the asset id and its CDN URL. */
export async function uploadAsset(
  emulator: Emulator,
  filename = 'photo.png',
  bytes: Uint8Array = PNG_1X1,
): Promise<{ id: number; key: string; cdnUrl: string; s3Url: string }> {
  const signed = await sign(emulator, { filename })
  const s3 = await postForm(signed, s3Form(signed, bytes))
  expect(s3.status).toBe(204)
  expect((await finishUpload(emulator, signed.id)).status).toBe(200)
  const key = signed.fields['key'] ?? ''
  return {
    id: signed.id,
    key,
    cdnUrl: `${emulator.url}/a.storyblok.com/${key}`,
    s3Url: signed.public_url,
  }
}

/** Code and message of an S3 XML error body. */
export async function s3Error(
  response: Response,
): Promise<{ code: string; message: string; xml: string }> {
  const xml = await response.text()
  expect(response.headers.get('content-type')).toBe('application/xml')
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
  const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1] ?? ''
  const message = (/<Message>([^<]*)<\/Message>/.exec(xml)?.[1] ?? '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
  return { code, message, xml }
}

/** The `short_filename`s of a list response, in order. */
export function listNames(value: unknown): unknown[] {
  const assets = record(value)['assets']
  if (!Array.isArray(assets)) throw new Error(`not a list response: ${JSON.stringify(value)}`)
  return assets.map((asset) => record(asset)['short_filename'])
}
