import { describe, expect, it } from 'vitest'
import { authorizedToken } from '../../emulator/auth'

const tokens = { token: 'personal-token', oauthToken: 'oauth-token' }

describe('authorizedToken', () => {
  it('answers the personal token for the bare personal token only', () => {
    expect(authorizedToken('personal-token', tokens)).toBe('personal-token')
    expect(authorizedToken('Bearer personal-token', tokens)).toBeUndefined()
  })

  it('answers the OAuth token for `Bearer <oauth token>` only', () => {
    expect(authorizedToken('Bearer oauth-token', tokens)).toBe('oauth-token')
    expect(authorizedToken('oauth-token', tokens)).toBeUndefined()
  })

  it('tolerates whitespace around the value, which HTTP parsers strip', () => {
    expect(authorizedToken(' \tpersonal-token  ', tokens)).toBe('personal-token')
    expect(authorizedToken('  Bearer oauth-token\t', tokens)).toBe('oauth-token')
  })

  it('refuses another case of Bearer, and more than one space or a tab after it', () => {
    for (const header of [
      'bearer oauth-token',
      'BEARER oauth-token',
      'Bearer  oauth-token',
      'Bearer\toauth-token',
      'Bearer\noauth-token',
    ])
      expect(authorizedToken(header, tokens), header).toBeUndefined()
  })

  it('refuses a missing, empty or other header', () => {
    for (const header of [undefined, '', '   ', 'Bearer', 'Bearer ', 'Token personal-token'])
      expect(authorizedToken(header, tokens), String(header)).toBeUndefined()
  })
})
