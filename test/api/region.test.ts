import { describe, expect, it } from 'vitest'
import { deliveryBaseUrl, managementBaseUrl } from '../../src/api/region'

describe('managementBaseUrl', () => {
  it.each([
    ['eu', 'https://mapi.storyblok.com/v1'],
    ['us', 'https://api-us.storyblok.com/v1'],
    ['ca', 'https://api-ca.storyblok.com/v1'],
    ['ap', 'https://api-ap.storyblok.com/v1'],
    ['cn', 'https://app.storyblokchina.cn/v1'],
  ] as const)('uses the host of %s', (region, expected) => {
    expect(managementBaseUrl(region)).toBe(expected)
  })

  it('lets apiBaseUrl override the region', () => {
    expect(managementBaseUrl('us', 'http://localhost:7070/v1')).toBe('http://localhost:7070/v1')
  })

  it('has none without a region or an override', () => {
    expect(managementBaseUrl(undefined)).toBeNull()
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

  it('has none without a region, unless the API is the local Storyblok', () => {
    expect(deliveryBaseUrl(undefined, 'https://proxy.example.com/v1')).toBeNull()
    expect(deliveryBaseUrl(undefined, 'http://localhost:7070/v1')).toBe(
      'http://localhost:7070/v2/cdn',
    )
  })

  it('ignores a remote apiBaseUrl', () => {
    expect(deliveryBaseUrl('ap', 'https://proxy.example.com/v1')).toBe(
      'https://api-ap.storyblok.com/v2/cdn',
    )
  })
})
