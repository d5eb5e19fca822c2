import { describe, expect, it } from 'vitest'
import {
  PNG_1X1,
  assetsUrl,
  authHeaders,
  postForm,
  s3Error,
  s3Form,
  sign,
  uploadAsset,
} from './helpers'
import { useEmulator } from '../support/emulator'

const PLUGIN_ORIGIN = 'http://localhost:8080'
const local = useEmulator()

function preflight(url: string, method: string, headers?: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: PLUGIN_ORIGIN,
      'Access-Control-Request-Method': method,
      ...(headers ? { 'Access-Control-Request-Headers': headers } : {}),
    },
  })
}

describe('Management API CORS', () => {
  it('answers the preflight with 204 and allows Authorization', async () => {
    const response = await preflight(
      assetsUrl(local.emulator),
      'POST',
      'authorization,content-type',
    )
    expect(response.status).toBe(204)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': 'Authorization, Content-Type',
      'access-control-max-age': '600',
    })
  })

  it('marks every answer, errors included, and exposes Retry-After, Total and Per-Page', async () => {
    const responses = [
      await fetch(assetsUrl(local.emulator), {
        headers: { Origin: PLUGIN_ORIGIN, ...authHeaders(local.emulator) },
      }),
      await fetch(assetsUrl(local.emulator), { headers: { Origin: PLUGIN_ORIGIN } }),
      await fetch(assetsUrl(local.emulator, '/1'), {
        headers: { Origin: PLUGIN_ORIGIN, ...authHeaders(local.emulator) },
      }),
      await fetch(assetsUrl(local.emulator), {
        method: 'POST',
        headers: { Origin: PLUGIN_ORIGIN, ...authHeaders(local.emulator) },
      }),
    ]
    expect(responses.map((response) => response.status)).toEqual([200, 401, 404, 422])
    for (const response of responses) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(response.headers.get('access-control-expose-headers')).toBe(
        'Retry-After, Total, Per-Page',
      )
    }
  })

  it('answers the Delivery API preflight the same way', async () => {
    const response = await preflight(`${local.emulator.url}/v2/cdn/assets/me`, 'GET')
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })
})

describe('S3 target CORS', () => {
  it('answers a POST preflight, echoing the origin', async () => {
    const signed = await sign(local.emulator)
    const response = await preflight(signed.post_url, 'POST')
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe(PLUGIN_ORIGIN)
    expect(response.headers.get('access-control-allow-methods')).toContain('POST')
    expect(response.headers.get('vary')).toContain('Origin')
  })

  it('refuses a preflight that asks for Authorization', async () => {
    const signed = await sign(local.emulator)
    const response = await preflight(signed.post_url, 'POST', 'authorization')
    expect(response.status).toBe(403)
    expect((await s3Error(response)).code).toBe('AccessForbidden')
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses a preflight for another method', async () => {
    const signed = await sign(local.emulator)
    expect((await preflight(signed.post_url, 'PUT')).status).toBe(403)
  })

  it('echoes the origin on the upload answer, success or error', async () => {
    const signed = await sign(local.emulator)
    const ok = await postForm(signed, s3Form(signed, PNG_1X1), { Origin: PLUGIN_ORIGIN })
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-origin')).toBe(PLUGIN_ORIGIN)
    const bad = await postForm(signed, s3Form(signed, PNG_1X1, { override: { acl: 'private' } }), {
      Origin: PLUGIN_ORIGIN,
    })
    expect(bad.status).toBe(403)
    expect(bad.headers.get('access-control-allow-origin')).toBe(PLUGIN_ORIGIN)
    expect(bad.headers.get('vary')).toContain('Origin')
  })
})

describe('CDN CORS', () => {
  it('keeps the headers of the first request for a file, as Storyblok’s CDN caches it', async () => {
    const { cdnUrl, s3Url } = await uploadAsset(local.emulator)
    // First shown by an <img>: no Origin, so cached without CORS headers.
    expect((await fetch(cdnUrl)).headers.get('access-control-allow-origin')).toBeNull()
    const later = await fetch(cdnUrl, { headers: { Origin: PLUGIN_ORIGIN } })
    expect(later.status).toBe(200)
    expect(later.headers.get('access-control-allow-origin')).toBeNull()
    // Each image-service size is a file of its own; the S3 object URL keeps the bucket's rule.
    const resized = await fetch(`${cdnUrl}/m/1x0`, { headers: { Origin: PLUGIN_ORIGIN } })
    expect(resized.headers.get('access-control-allow-origin')).toBe(PLUGIN_ORIGIN)
    const s3 = await fetch(s3Url, { headers: { Origin: PLUGIN_ORIGIN } })
    expect(s3.headers.get('access-control-allow-origin')).toBe(PLUGIN_ORIGIN)
    // A reset forgets what the CDN kept.
    await local.emulator.reset()
    const again = await uploadAsset(local.emulator)
    const fresh = await fetch(again.cdnUrl, { headers: { Origin: PLUGIN_ORIGIN } })
    expect(fresh.headers.get('access-control-allow-origin')).toBe(PLUGIN_ORIGIN)
  })

  it('echoes the origin for GET and answers a Range preflight', async () => {
    const { cdnUrl } = await uploadAsset(local.emulator)
    const response = await fetch(cdnUrl, { headers: { Origin: PLUGIN_ORIGIN } })
    expect(response.headers.get('access-control-allow-origin')).toBe(PLUGIN_ORIGIN)
    expect((await preflight(cdnUrl, 'GET', 'range')).status).toBe(200)
    expect((await preflight(cdnUrl, 'GET', 'authorization')).status).toBe(403)
    expect((await preflight(cdnUrl, 'POST')).status).toBe(403)
  })
})

describe('/__emulator CORS', () => {
  it('allows any origin', async () => {
    const response = await fetch(`${local.emulator.url}/__emulator/state`, {
      headers: { Origin: PLUGIN_ORIGIN },
    })
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(
      (await preflight(`${local.emulator.url}/__emulator/faults`, 'POST', 'content-type')).status,
    ).toBe(204)
  })
})
