import { describe, expect, it } from 'vitest'
import { containerOrigin } from '../../src/plugin/fieldPlugin'

describe('containerOrigin', () => {
  const local = '?protocol=http:&host=localhost:7070&uid=abc'

  it('keeps the SDK default in a production build', () => {
    expect(containerOrigin(local, false)).toBeUndefined()
  })

  it('accepts the local Storyblok on this machine in the dev and local builds', () => {
    expect(containerOrigin(local, true)).toBe('http://localhost:7070')
  })

  it('never accepts a remote host, even in a dev build', () => {
    expect(containerOrigin('?protocol=https:&host=evil.example&uid=abc', true)).toBeUndefined()
  })

  it('leaves Storyblok’s own editor to the SDK default', () => {
    expect(containerOrigin('?protocol=https:&host=app.storyblok.com&uid=abc', true)).toBeUndefined()
  })
})
