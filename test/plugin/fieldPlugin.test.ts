import { describe, expect, it } from 'vitest'
import { containerOrigin, validateContent } from '../../src/plugin/fieldPlugin'
import { native } from '../fixtures/fieldValues'

describe('containerOrigin', () => {
  const local = '?protocol=http:&host=localhost:7070&uid=abc'

  it('keeps the SDK default in a production build', () => {
    expect(containerOrigin(local, { allowLocal: false })).toBeUndefined()
  })

  it('accepts the local Storyblok on this machine in the dev and local builds', () => {
    expect(containerOrigin(local, { allowLocal: true })).toBe('http://localhost:7070')
  })

  it('never accepts a remote host, even in a dev build', () => {
    expect(
      containerOrigin('?protocol=https:&host=evil.example&uid=abc', { allowLocal: true }),
    ).toBeUndefined()
  })

  it('leaves Storyblok’s own editor to the SDK default', () => {
    expect(
      containerOrigin('?protocol=https:&host=app.storyblok.com&uid=abc', { allowLocal: true }),
    ).toBeUndefined()
  })
})

describe('validateContent', () => {
  it('passes an unknown value through unchanged, with an error to log', () => {
    const other = { plugin: 'color-picker', color: '#fff' }
    const result = validateContent(other)
    expect(result.content).toBe(other)
    expect(result.error).toMatch(/not an asset/)
  })

  it('normalises a recognised asset', () => {
    expect(validateContent({ ...native, id: '123' }).content).toMatchObject({ id: 123 })
  })

  it('normalises a list of assets (the multiple option), [] too, without an error', () => {
    expect(validateContent([{ ...native, id: '123' }])).toEqual({
      content: [expect.objectContaining({ id: 123 })],
    })
    expect(validateContent([])).toEqual({ content: [] })
  })

  it('passes a list holding something other than assets through, with an error', () => {
    const list = [native, 'not an asset']
    expect(validateContent(list)).toMatchObject({ content: list, error: /not an asset/ })
  })

  it('accepts the empty values without an error', () => {
    expect(validateContent('')).toEqual({ content: '' })
    expect(validateContent(undefined)).toEqual({ content: undefined })
  })
})
