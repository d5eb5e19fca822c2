// A browser's side of the upload gateway, from Node: what the plugin's client sends (its
// origin, its session, the ticket, `content_length`) and the S3 POST of the signed form. The
// gateway tests and `npm run bench:gateway` share it.
import { isRecord } from '../../src/domain/record.ts'

export interface GatewayAnswer {
  status: number
  headers: Headers
  /** The JSON body, or the text when it is not JSON, or `null` when empty. */
  body: unknown
  text: string
}

export interface GatewayClientOptions {
  /** The gateway's API base: `<gateway url>/v1`. */
  baseUrl: string
  spaceId: number
  /** Sent as `Origin`, as a browser would. */
  origin: string
  /** `X-Editor-Session`. */
  session?: string
  /** `X-Storyblok-User-Id`. */
  userId?: string
  /** `X-Storyblok-Preview-Token`: the space's preview token, as the editor hands it to the plugin. */
  previewToken?: string | null
  fetch?: typeof fetch
}

export interface RequestExtras {
  json?: unknown
  ticket?: string
  headers?: Record<string, string>
  signal?: AbortSignal
}

/** Who asks, as the plugin says it on every call. */
function whoAsks({
  session,
  userId,
  previewToken,
}: Pick<GatewayClientOptions, 'session' | 'userId' | 'previewToken'>): Record<string, string> {
  return {
    ...(session ? { 'X-Editor-Session': session } : {}),
    ...(userId ? { 'X-Storyblok-User-Id': userId } : {}),
    ...(previewToken ? { 'X-Storyblok-Preview-Token': previewToken } : {}),
  }
}

export function createGatewayClient({
  baseUrl,
  spaceId,
  origin,
  session,
  userId,
  previewToken,
  fetch = globalThis.fetch,
}: GatewayClientOptions) {
  const space = `${baseUrl}/spaces/${spaceId}`
  const who = whoAsks({ session, userId, previewToken })

  /** A call to the space's assets (`path` after `…/assets`), or with `resource` to another collection. */
  async function request(
    method: string,
    path: string,
    extras: RequestExtras = {},
    resource = 'assets',
  ): Promise<GatewayAnswer> {
    const response = await fetch(`${space}/${resource}${path}`, {
      method,
      signal: extras.signal,
      body: extras.json === undefined ? undefined : JSON.stringify(extras.json),
      headers: {
        Origin: origin,
        ...(extras.json === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...who,
        ...(extras.ticket ? { 'X-Upload-Ticket': extras.ticket } : {}),
        ...extras.headers,
      },
    })
    const text = await response.text()
    let body: unknown = text || null
    try {
      body = JSON.parse(text)
    } catch {
      // Not JSON: kept as text.
    }
    return { status: response.status, headers: response.headers, body, text }
  }

  return {
    request,
    sign: (params: Record<string, unknown>, extras: RequestExtras = {}) =>
      request('POST', '', { ...extras, json: params }),
    finish: (id: number, ticket?: string) => request('GET', `/${id}/finish_upload`, { ticket }),
    read: (id: number | string) => request('GET', `/${id}`),
    list: (query = '') => request('GET', query),
    /** `GET …/asset_folders` (`query` as given, to see it refused). */
    folders: (query = '', method = 'GET', json?: unknown) =>
      request(method, query, json === undefined ? {} : { json }, 'asset_folders'),
    update: (id: number, asset: Record<string, unknown>) =>
      request('PUT', `/${id}`, { json: { asset } }),
    remove: (id: number, ticket?: string) => request('DELETE', `/${id}`, { ticket }),
    altText: (id: number, language: string) =>
      request('GET', `/${id}/generate_image_alt_text?language=${language}`),
    /** The space's tags: `GET …/internal_tags<query>`. */
    tags: (query = '', method = 'GET') => request(method, query, {}, 'internal_tags'),
  }
}

export type GatewayClient = ReturnType<typeof createGatewayClient>

export interface SignedForm {
  post_url: string
  fields: Record<string, string>
}

/** Reads `post_url` and `fields` of a sign answer; throws when they are missing. */
export function signedFormOf(body: unknown): SignedForm & { id: number; ticket: string } {
  if (!isRecord(body)) throw new Error('the sign answer is not an object')
  const { post_url: postUrl, fields, id, ticket } = body
  if (typeof postUrl !== 'string' || typeof id !== 'number' || typeof ticket !== 'string')
    throw new Error('the sign answer lacks post_url, id or ticket')
  const form: Record<string, string> = {}
  for (const [name, value] of Object.entries(isRecord(fields) ? fields : {}))
    form[name] = String(value)
  return { post_url: postUrl, fields: form, id, ticket }
}

/** The S3 step as src/api/s3.ts does it: every signed field in order, then the file, last. */
export async function postToStorage(
  { post_url: url, fields }: SignedForm,
  bytes: Uint8Array<ArrayBuffer>,
  filename: string,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<number> {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  form.append('file', new Blob([bytes]), filename)
  const response = await fetchImpl(url, { method: 'POST', body: form })
  await response.arrayBuffer()
  return response.status
}

/** sign → S3 → finish through the gateway, as the plugin will; resolves with the finish answer. */
export async function uploadThroughGateway(
  client: GatewayClient,
  bytes: Uint8Array<ArrayBuffer>,
  filename: string,
  params: Record<string, unknown> = {},
): Promise<{ id: number; ticket: string; sign: GatewayAnswer; finish: GatewayAnswer; s3: number }> {
  const signed = await client.sign({
    filename,
    content_length: bytes.byteLength,
    validate_upload: 1,
    ...params,
  })
  if (signed.status !== 200) throw new Error(`sign answered ${signed.status}: ${signed.text}`)
  const form = signedFormOf(signed.body)
  const s3 = await postToStorage(form, bytes, filename)
  const finish = await client.finish(form.id, form.ticket)
  return { id: form.id, ticket: form.ticket, sign: signed, finish, s3 }
}
