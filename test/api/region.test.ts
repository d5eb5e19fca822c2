import { describe, expect, it } from 'vitest'
import { isConfigError } from '../../src/api/errors'
import {
  cdnUrl,
  deliveryBaseUrl,
  isSafeApiBase,
  isSafeUrl,
  resolveApiBaseUrl,
} from '../../src/api/region'

function configOption(run: () => unknown): string | null {
  try {
    run()
  } catch (error) {
    return isConfigError(error) ? error.option : 'not a ConfigError'
  }
  return null
}

describe('resolveApiBaseUrl', () => {
  it.each([
    [288868932106293, 'eu', 'https://mapi.storyblok.com/v1'],
    [123456, 'eu', 'https://mapi.storyblok.com/v1'],
    [1_234_567, 'us', 'https://api-us.storyblok.com/v1'],
    [2_345_678, 'ca', 'https://api-ca.storyblok.com/v1'],
    [3_456_789, 'ap', 'https://api-ap.storyblok.com/v1'],
    ['1234567', 'us', 'https://api-us.storyblok.com/v1'],
  ])('picks the region of space %s (%s)', (spaceId, _region, apiBaseUrl) => {
    expect(resolveApiBaseUrl({ spaceId })).toEqual({ apiBaseUrl })
  })

  it('lets region override the space id (EU and CN share a range)', () => {
    expect(resolveApiBaseUrl({ spaceId: 123456, region: 'cn' }).apiBaseUrl).toBe(
      'https://app.storyblokchina.cn/v1',
    )
  })

  it('lets apiBaseUrl override everything', () => {
    expect(
      resolveApiBaseUrl({
        spaceId: 1_234_567,
        region: 'us',
        apiBaseUrl: 'http://localhost:7070/v1/',
      }),
    ).toEqual({ apiBaseUrl: 'http://localhost:7070/v1' })
  })

  it('appends /v1 to an override without a path', () => {
    expect(
      resolveApiBaseUrl({ spaceId: 1, apiBaseUrl: 'https://proxy.example.com' }).apiBaseUrl,
    ).toBe('https://proxy.example.com/v1')
  })

  it('keeps the path of an override', () => {
    expect(
      resolveApiBaseUrl({ spaceId: 1, apiBaseUrl: 'https://proxy.example.com/storyblok/v1' })
        .apiBaseUrl,
    ).toBe('https://proxy.example.com/storyblok/v1')
  })

  it('refuses an unknown region, naming region', () => {
    expect(configOption(() => resolveApiBaseUrl({ spaceId: 1, region: 'mars' }))).toBe('region')
  })

  it('refuses a space id without region, naming spaceId', () => {
    expect(configOption(() => resolveApiBaseUrl({ spaceId: 'abc' }))).toBe('spaceId')
  })
})

describe('isSafeApiBase', () => {
  it.each([
    'https://mapi.storyblok.com/v1',
    'http://localhost:7070/v1',
    'http://127.0.0.1:7070/v1',
    'http://[::1]:7070/v1',
  ])('accepts %s', (url) => {
    expect(isSafeApiBase(url)).toBe(true)
  })

  it.each([
    'http://mapi.storyblok.com/v1',
    'http://evil.example/v1',
    'ftp://x/v1',
    'not a url',
    'https://user:pass@mapi.storyblok.com/v1',
  ])('refuses %s', (url) => {
    expect(isSafeApiBase(url)).toBe(false)
  })
})

describe('cdnUrl', () => {
  it("rewrites Storyblok's S3 URL to the CDN", () => {
    expect(cdnUrl('https://s3.amazonaws.com/a.storyblok.com/f/1/x.png')).toBe(
      'https://a.storyblok.com/f/1/x.png',
    )
  })

  it("rewrites the local emulator's S3 path", () => {
    expect(cdnUrl('http://localhost:7070/s3.amazonaws.com/a.storyblok.com/f/1/x.png')).toBe(
      'http://localhost:7070/a.storyblok.com/f/1/x.png',
    )
  })

  it('leaves a CDN URL unchanged', () => {
    expect(cdnUrl('https://a.storyblok.com/f/1/x.png')).toBe('https://a.storyblok.com/f/1/x.png')
  })

  it('only removes the segment at the start of the path', () => {
    expect(cdnUrl('https://a.storyblok.com/f/1/s3.amazonaws.com/x.png')).toBe(
      'https://a.storyblok.com/f/1/s3.amazonaws.com/x.png',
    )
  })
})

describe('isSafeUrl', () => {
  it.each([
    'https://a.storyblok.com/f/1/x.png',
    'http://localhost:7070/a.storyblok.com/f/1/x.png',
    'http://127.0.0.1/x.png',
  ])('accepts %s', (url) => {
    expect(isSafeUrl(url)).toBe(true)
  })

  it.each([
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
    'http://evil.example/x.png',
    '//evil.example/x.png',
    'vbscript:msgbox(1)',
    '',
  ])('refuses %j', (url) => {
    expect(isSafeUrl(url)).toBe(false)
  })
})

describe('deliveryBaseUrl', () => {
  it('uses api.storyblok.com for EU', () => {
    expect(deliveryBaseUrl('eu')).toBe('https://api.storyblok.com/v2/cdn')
  })

  it('uses api-<region> elsewhere', () => {
    expect(deliveryBaseUrl('us')).toBe('https://api-us.storyblok.com/v2/cdn')
  })

  it('follows a local apiBaseUrl to the same origin', () => {
    expect(deliveryBaseUrl('eu', 'http://localhost:7070/v1')).toBe('http://localhost:7070/v2/cdn')
  })

  it('ignores a remote apiBaseUrl', () => {
    expect(deliveryBaseUrl('ap', 'https://proxy.example.com/v1')).toBe(
      'https://api-ap.storyblok.com/v2/cdn',
    )
  })
})
