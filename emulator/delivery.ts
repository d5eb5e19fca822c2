// The Delivery API's private-asset endpoint, `GET /v2/cdn/assets/me?token=&filename=`, and the
// signed CDN URLs it hands out; and `GET /v2/cdn/spaces/me?token=`, the space a token belongs
// to, and `GET /v2/cdn/stories?version=`, which tells a preview token from a public one (the
// upload gateway checks the editor's preview token with both). The signature is an HMAC over the key, the signing time and the
// lifetime, in the shape of an S3 presigned URL (X-Amz-* query parameters); it is not a full
// SigV4 canonical request, but it is checked just as strictly (see README.md).
import { NOT_FOUND_BODY } from './apiAsset.ts'
import type { RuntimeConfig } from './config.ts'
import { sendJson } from './http.ts'
import {
  ACCESS_KEY_ID,
  ALGORITHM,
  REGION,
  amzDate,
  credentialFor,
  sameSignature,
  sha256Hex,
  signHex,
} from './sigv4.ts'
import type { RequestContext, Route } from './router.ts'
import { S3Error } from './s3Error.ts'
import type { AssetStore } from './store.ts'
import type { UrlLayout } from './urls.ts'

export interface DeliveryDeps {
  store: AssetStore
  config: RuntimeConfig
  urls: UrlLayout
  assetToken: string
  spaceId: number
  /** The token the editor page hands the plugin (`state.token`). */
  previewToken: string
  /** The space's public token: published content only. */
  publicToken: string
}

function stringToSign(key: string, date: string, expires: string): string {
  const scope = `${date.slice(0, 8)}/${REGION}/s3/aws4_request`
  return [ALGORITHM, date, scope, sha256Hex(`GET\n/${key}\n${expires}`)].join('\n')
}

/** A CDN URL for `key` that stays valid for `ttlSeconds` from `now`. */
export function signedCdnUrl(
  urls: UrlLayout,
  key: string,
  ttlSeconds: number,
  now: number,
): string {
  const date = amzDate(now)
  const expires = String(ttlSeconds)
  const params = new URLSearchParams({
    'X-Amz-Algorithm': ALGORITHM,
    'X-Amz-Credential': credentialFor(date.slice(0, 8)),
    'X-Amz-Date': date,
    'X-Amz-Expires': expires,
    'X-Amz-SignedHeaders': 'host',
    'X-Amz-Signature': signHex(date.slice(0, 8), REGION, 's3', stringToSign(key, date, expires)),
  })
  return `${urls.cdnUrl(key)}?${params.toString()}`
}

/** True when the query carries any part of a presigned URL (then all of it must be valid). */
export function hasSignature(query: URLSearchParams): boolean {
  return [
    'X-Amz-Signature',
    'X-Amz-Credential',
    'X-Amz-Date',
    'X-Amz-Expires',
    'X-Amz-Algorithm',
  ].some((name) => query.has(name))
}

function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  return m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : Number.NaN
}

/** Checks a presigned CDN URL's query for `key`; returns the S3 error to answer, if any. */
export function verifySignedQuery(
  key: string,
  query: URLSearchParams,
  now: number,
): S3Error | undefined {
  const algorithm = query.get('X-Amz-Algorithm')
  const credential = query.get('X-Amz-Credential')
  const date = query.get('X-Amz-Date')
  const expires = query.get('X-Amz-Expires')
  const signature = query.get('X-Amz-Signature')
  if (!algorithm || !credential || !date || !expires || !signature) {
    return new S3Error(
      400,
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    )
  }
  const signedAt = parseAmzDate(date)
  if (algorithm !== ALGORITHM || Number.isNaN(signedAt) || !/^\d+$/.test(expires)) {
    return new S3Error(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Algorithm, X-Amz-Date or X-Amz-Expires is malformed.',
    )
  }
  if (credential.split('/')[0] !== ACCESS_KEY_ID) {
    return new S3Error(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    )
  }
  if (credential !== credentialFor(date.slice(0, 8))) {
    return new S3Error(
      400,
      'AuthorizationQueryParametersError',
      'Error parsing the X-Amz-Credential parameter.',
    )
  }
  const expected = signHex(date.slice(0, 8), REGION, 's3', stringToSign(key, date, expires))
  if (!sameSignature(expected, signature)) {
    return new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    )
  }
  const expiresAt = signedAt + Number(expires) * 1000
  if (now >= expiresAt) {
    return new S3Error(403, 'AccessDenied', 'Request has expired', {
      'X-Amz-Expires': expires,
      Expires: new Date(expiresAt).toISOString(),
      ServerTime: new Date(now).toISOString(),
    })
  }
  return undefined
}

function assetMe(deps: DeliveryDeps, ctx: RequestContext): void {
  const query = ctx.url.searchParams
  if (query.get('token') !== deps.assetToken) {
    sendJson(ctx.res, 401, { error: 'Unauthorized' })
    return
  }
  const filename = query.get('filename') ?? ''
  const key = deps.urls.keyFromUrl(filename)
  const asset = key === undefined ? undefined : deps.store.assetForKey(key)
  const object = key === undefined ? undefined : deps.store.getObject(key)
  if (key === undefined || !asset || !object) {
    sendJson(ctx.res, 404, NOT_FOUND_BODY)
    return
  }
  sendJson(ctx.res, 200, {
    asset: {
      filename: deps.urls.cdnUrl(key),
      signed_url: signedCdnUrl(deps.urls, key, deps.config.signedUrlTtlSeconds, Date.now()),
      content_type:
        asset.key === key && asset.content_type !== null ? asset.content_type : object.contentType,
      content_length: object.size,
      created_at: asset.created_at,
      updated_at: asset.updated_at,
    },
  })
}

/**
 * The space object of the Delivery API for the space's preview or public token (Storyblok's
 * documentation: "a preview or public access token"); any other token is refused as
 * `assets/me` does.
 */
function spaceMe(deps: DeliveryDeps, ctx: RequestContext): void {
  const token = ctx.url.searchParams.get('token')
  if (token !== deps.previewToken && token !== deps.publicToken) {
    sendJson(ctx.res, 401, { error: 'Unauthorized' })
    return
  }
  sendJson(ctx.res, 200, {
    space: {
      id: deps.spaceId,
      name: 'Local Storyblok',
      domain: 'http://localhost:8080/',
      // The cache version: a timestamp in seconds, as Storyblok's `cv`.
      version: Math.floor(Date.now() / 1000),
      language_codes: [],
    },
  })
}

/**
 * The space's stories; the local Storyblok holds none, so the list is always empty. Storyblok
 * serves drafts (`version=draft`) to the preview token only and refuses the public token with
 * 401 (storyblok/storyblok-js-client#956); published content (`version=published`, or none) to
 * either.
 */
function stories(deps: DeliveryDeps, ctx: RequestContext): void {
  const query = ctx.url.searchParams
  const token = query.get('token')
  const draft = query.get('version') === 'draft'
  if (token !== deps.previewToken && (draft || token !== deps.publicToken)) {
    sendJson(ctx.res, 401, { error: 'Unauthorized' })
    return
  }
  const cv = Math.floor(Date.now() / 1000)
  sendJson(ctx.res, 200, { stories: [], cv, rels: [], links: [] })
}

export function deliveryRoutes(deps: DeliveryDeps): Route[] {
  return [
    {
      methods: ['GET'],
      pattern: '/v2/cdn/spaces/me',
      area: 'delivery',
      name: 'delivery',
      handle: (ctx) => spaceMe(deps, ctx),
    },
    {
      methods: ['GET'],
      pattern: '/v2/cdn/stories',
      area: 'delivery',
      name: 'delivery',
      handle: (ctx) => stories(deps, ctx),
    },
    {
      methods: ['GET'],
      pattern: '/v2/cdn/assets/me',
      area: 'delivery',
      name: 'delivery',
      handle: (ctx) => assetMe(deps, ctx),
    },
  ]
}
