import { describe, expect, it } from 'vitest'
import { emptyFieldValue, parseFieldValue } from '../../src/domain/fieldValue'
import { native } from '../fixtures/fieldValues'

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

  it.each([['yes'], ['1'], [1], ['TRUE'], ['on']])(
    'reads the privacy flag %j, left by older plugins or hand edits, as private',
    (flag) => {
      expect(parseFieldValue({ ...native, is_private: flag })).toMatchObject({
        value: { is_private: true },
      })
    },
  )

  it('refuses a value whose meta_data nests deeper than any asset, without overflowing', () => {
    let deep: Record<string, unknown> = {}
    for (let level = 0; level < 20_000; level++) deep = { deeper: deep }
    expect(parseFieldValue({ ...native, meta_data: deep }).kind).toBe('unknown')
  })

  it('treats text fields of another type as empty strings instead of rendering them', () => {
    const parsed = parseFieldValue({ ...native, alt: { html: '<img onerror=alert(1)>' } })
    expect(parsed).toMatchObject({ kind: 'asset', value: { alt: '' } })
  })
})
