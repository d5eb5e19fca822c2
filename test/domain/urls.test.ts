import { describe, expect, it } from 'vitest'
import {
  cdnUrl,
  s3ObjectUrl,
  isSafeApiBase,
  isSafeUrl,
  isSpaceAssetUrl,
  previewUrl,
  withoutCredentials,
} from '../../src/domain/urls'

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

describe('s3ObjectUrl', () => {
  it.each([
    [
      'https://a.storyblok.com/f/1/64x64/abc/logo.svg',
      'https://s3.amazonaws.com/a.storyblok.com/f/1/64x64/abc/logo.svg',
    ],
    [
      'http://localhost:7070/a.storyblok.com/f/1/x.svg',
      'http://localhost:7070/s3.amazonaws.com/a.storyblok.com/f/1/x.svg',
    ],
  ])('puts the bucket back into %s', (url, bucket) => {
    expect(s3ObjectUrl(url)).toBe(bucket)
    expect(cdnUrl(bucket)).toBe(url)
  })

  it.each([
    'https://a.storyblok.com/f/1/x.svg?X-Amz-Signature=abc',
    'https://a-us.storyblok.com/f/1/x.svg',
    'https://evil.example/a.storyblok.com/f/1/x.svg',
    'http://a.storyblok.com/f/1/x.svg',
    'javascript:alert(1)',
  ])('has none for %s', (url) => {
    expect(s3ObjectUrl(url)).toBeNull()
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

describe('isSpaceAssetUrl', () => {
  const space = { spaceId: 288868932106293 }

  it.each([
    'https://a.storyblok.com/f/288868932106293/640x480/abc/cat.png',
    'https://a-us.storyblok.com/f/288868932106293/abc/cat.png',
    'https://a.storyblokchina.cn/f/288868932106293/abc/cat.png',
    'https://a.storyblok.com/f/288868932106293/abc/cat.png?X-Amz-Signature=x',
  ])('accepts a file of the space on Storyblok’s CDN: %s', (url) => {
    expect(isSpaceAssetUrl(url, space)).toBe(true)
  })

  it.each([
    ['another host', 'https://tracker.example/f/288868932106293/pixel.png'],
    ['another space', 'https://a.storyblok.com/f/1/abc/cat.png'],
    ['plain http', 'http://a.storyblok.com/f/288868932106293/abc/cat.png'],
    ['a lookalike host', 'https://a.storyblok.com.evil.example/f/288868932106293/x.png'],
    ['no URL', 'javascript:alert(1)'],
  ])('refuses %s', (_label, url) => {
    expect(isSpaceAssetUrl(url, space)).toBe(false)
  })

  it('refuses everything while the space is unknown', () => {
    expect(isSpaceAssetUrl('https://a.storyblok.com/f/1/x.png', { spaceId: undefined })).toBe(false)
  })

  it('accepts the local Storyblok’s CDN only on the origin of the API base in use', () => {
    const local = { spaceId: 1, apiBaseUrl: 'http://localhost:7070/v1' }
    expect(isSpaceAssetUrl('http://localhost:7070/a.storyblok.com/f/1/x.png', local)).toBe(true)
    expect(isSpaceAssetUrl('http://localhost:9999/a.storyblok.com/f/1/x.png', local)).toBe(false)
    expect(isSpaceAssetUrl('http://localhost:7070/a.storyblok.com/f/1/x.png', { spaceId: 1 })).toBe(
      false,
    )
  })
})

describe('withoutCredentials', () => {
  it('removes a user name and password', () => {
    expect(withoutCredentials('https://user:s3cret@proxy.example/v1')).toBe(
      'https://proxy.example/v1',
    )
  })

  it('leaves a URL without them unchanged', () => {
    expect(withoutCredentials('https://proxy.example/v1?a=b@c')).toBe(
      'https://proxy.example/v1?a=b@c',
    )
  })
})

describe('previewUrl', () => {
  const photo = 'https://a.storyblok.com/f/1/6000x4000/abc/photo.jpg'

  it('asks the image service for the width shown, the height following the image', () => {
    expect(previewUrl(photo, { width: 480, originalWidth: 6000 })).toBe(`${photo}/m/480x0`)
  })

  it('rounds a device-pixel width and never asks for more than the original', () => {
    expect(previewUrl(photo, { width: 240 * 1.25, originalWidth: 6000 })).toBe(`${photo}/m/300x0`)
    expect(previewUrl(photo, { width: 960, originalWidth: 200 })).toBe(`${photo}/m/200x0`)
    expect(previewUrl(photo, { width: 0.2 })).toBe(`${photo}/m/1x0`)
  })

  it('leaves an SVG and a signed (private) URL as they are', () => {
    const svg = 'https://a.storyblok.com/f/1/x/abc/logo.SVG'
    const signed = 'https://a.storyblok.com/f/1/x/abc/p.jpg?X-Amz-Signature=1'
    expect(previewUrl(svg, { width: 240 })).toBe(svg)
    expect(previewUrl(signed, { width: 240 })).toBe(signed)
  })
})
