import { describe, expect, it } from 'vitest'
import { parseOptions } from '../../src/plugin/options'

describe('parseOptions', () => {
  it('reads a complete set of options', () => {
    const { options, problems } = parseOptions({
      managementToken: ' secret ',
      apiBaseUrl: 'http://localhost:7070/v1/',
      region: 'EU',
      assetFolderId: '42',
      rateLimit: '6',
      requireAlt: 'true',
      assetToken: 'asset-token',
    })
    expect(problems).toEqual([])
    expect(options).toMatchObject({
      managementToken: 'secret',
      apiBaseUrl: 'http://localhost:7070/v1',
      region: 'eu',
      assetFolderId: 42,
      rateLimit: 6,
      requireAlt: true,
      assetToken: 'asset-token',
    })
  })

  it('says that the token is missing', () => {
    expect(parseOptions({}).problems).toContainEqual({ option: 'managementToken', code: 'missing' })
  })

  it('defaults the rate limit to the Starter plan’s 3 requests per second', () => {
    expect(parseOptions({ managementToken: 't' }).options.rateLimit).toBe(3)
  })

  it('refuses a plain-http API base that is not localhost', () => {
    expect(
      parseOptions({ managementToken: 't', apiBaseUrl: 'http://mapi.example.com/v1' }).problems,
    ).toContainEqual({
      option: 'apiBaseUrl',
      code: 'insecure-url',
      value: 'http://mapi.example.com/v1',
    })
  })

  it('refuses an API base that is not a URL', () => {
    expect(
      parseOptions({ managementToken: 't', apiBaseUrl: 'javascript:alert(1)' }).problems,
    ).toContainEqual(expect.objectContaining({ option: 'apiBaseUrl', code: 'not-a-url' }))
  })

  it('names an unknown region', () => {
    expect(parseOptions({ managementToken: 't', region: 'mars' }).problems).toContainEqual({
      option: 'region',
      code: 'unknown-region',
      value: 'mars',
    })
  })

  it.each([['abc'], ['0'], ['-3'], ['1.5']])('refuses the folder id %s', (value) => {
    expect(parseOptions({ managementToken: 't', assetFolderId: value }).problems).toContainEqual({
      option: 'assetFolderId',
      code: 'not-a-positive-integer',
      value,
    })
  })

  it('refuses a requireAlt that is not a boolean', () => {
    expect(parseOptions({ managementToken: 't', requireAlt: 'maybe' }).problems).toContainEqual({
      option: 'requireAlt',
      code: 'not-a-boolean',
      value: 'maybe',
    })
  })
})
