import { describe, expect, it } from 'vitest'
import { emptyFieldValue, parseFieldValue, validateContent } from '../../src/plugin/content'

const native = {
  id: 123,
  alt: 'A cat',
  name: 'cat.png',
  focus: '10x20:11x21',
  title: 'Cat',
  source: 'Archive',
  filename: 'https://a.storyblok.com/f/1/64x48/abc/cat.png',
  copyright: '© Me',
  fieldtype: 'asset',
  meta_data: { alt: 'A cat' },
  is_external_url: false,
  is_private: false,
}

describe('parseFieldValue', () => {
  it.each([[''], [undefined], [null]])('reads %j as an empty field', (value) => {
    expect(parseFieldValue(value)).toEqual({ kind: 'empty' })
  })

  it('reads the native asset field shape', () => {
    const parsed = parseFieldValue(native)
    expect(parsed).toEqual({ kind: 'asset', value: { ...native, meta_data: { alt: 'A cat' } } })
  })

  it('reads the native empty asset value as empty', () => {
    expect(parseFieldValue(emptyFieldValue())).toEqual({ kind: 'empty' })
  })

  it('fills missing text fields of an older shape with empty strings', () => {
    const parsed = parseFieldValue({ id: 5, filename: 'https://a.storyblok.com/f/1/x.png' })
    expect(parsed).toMatchObject({
      kind: 'asset',
      value: { alt: '', title: '', focus: '', is_private: false },
    })
  })

  it('reads a string id and a string private flag', () => {
    const parsed = parseFieldValue({ ...native, id: '77', is_private: 'true' })
    expect(parsed).toMatchObject({ kind: 'asset', value: { id: 77, is_private: true } })
  })

  it.each([
    ['a string', 'hello'],
    ['a number', 42],
    ['an array', [native]],
    ['another field type', { ...native, fieldtype: 'multilink' }],
    ['an external URL asset', { ...native, is_external_url: true }],
    ['an asset without filename', { ...native, filename: '' }],
    ['an asset with a negative id', { ...native, id: -1 }],
  ])('keeps %s as an unknown value', (_label, value) => {
    expect(parseFieldValue(value)).toEqual({ kind: 'unknown', raw: value })
  })

  it('treats text fields of another type as empty strings instead of rendering them', () => {
    const parsed = parseFieldValue({ ...native, alt: { html: '<img onerror=alert(1)>' } })
    expect(parsed).toMatchObject({ kind: 'asset', value: { alt: '' } })
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

  it('accepts the empty values without an error', () => {
    expect(validateContent('')).toEqual({ content: '' })
    expect(validateContent(undefined)).toEqual({ content: undefined })
  })
})
