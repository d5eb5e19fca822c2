import { describe, expect, it } from 'vitest'
import { emptyFieldValue, parseFieldValue } from '../../src/domain/fieldValue'
import { MAX_LIST_ITEMS } from '../../src/domain/limits'
import { parseListValue } from '../../src/domain/listValue'
import { assetFieldValue, native } from '../fixtures/fieldValues'

/** What `parseFieldValue` makes of one asset value (the list holds the same). */
function parsed(value: unknown) {
  const result = parseFieldValue(value)
  if (result.kind !== 'asset') throw new Error('not an asset value')
  return result.value
}

describe('parseListValue', () => {
  it('reads the native multiasset value as its assets, in order', () => {
    const second = assetFieldValue({ id: 78, name: 'dog.png' })
    expect(parseListValue([native, second])).toEqual({
      kind: 'list',
      items: [parsed(native), second],
      single: false,
      beyond: [],
    })
  })

  it.each([
    ['an empty array', []],
    ['undefined', undefined],
    ['an empty string', ''],
    ['the native empty asset', emptyFieldValue()],
  ])('reads %s as an empty list', (_label, value) => {
    expect(parseListValue(value)).toEqual({ kind: 'list', items: [], single: false, beyond: [] })
  })

  it('offers a single asset value as the one item of a list, marked as single', () => {
    expect(parseListValue(native)).toEqual({
      kind: 'list',
      items: [parsed(native)],
      single: true,
      beyond: [],
    })
  })

  it.each([
    ['a string', 'hello'],
    ['another plugin’s object', { color: '#ff0000' }],
  ])('keeps %s as an unknown value', (_label, value) => {
    expect(parseListValue(value)).toEqual({ kind: 'unknown', raw: value })
  })

  it.each([
    ['an empty entry', [native, '']],
    ['the native empty asset', [native, emptyFieldValue()]],
    ['another field type', [native, { ...native, fieldtype: 'multilink' }]],
    ['a nested list', [[native]]],
  ])('keeps a list with %s as an unknown value, untouched', (_label, value) => {
    expect(parseListValue(value)).toEqual({ kind: 'unknown', raw: value })
  })

  it(`reads the first ${MAX_LIST_ITEMS} assets of a longer list and carries the rest along unread`, () => {
    const many = Array.from({ length: 10_000 }, (_, index) => ({ ...native, id: index + 1 }))
    const read = parseListValue(many)
    if (read.kind !== 'list') throw new Error('not read as a list')
    expect(read.items).toHaveLength(MAX_LIST_ITEMS)
    expect(read.beyond).toHaveLength(10_000 - MAX_LIST_ITEMS)
    expect(read.beyond[0]).toBe(many[MAX_LIST_ITEMS])
  })

  it('keeps a long list whose entries past the limit nest deeper than an asset as an unknown value', () => {
    let deep: unknown = 'x'
    for (let level = 0; level < 100; level++) deep = { deep }
    const many = [...Array.from({ length: MAX_LIST_ITEMS }, () => native), deep]
    expect(parseListValue(many)).toEqual({ kind: 'unknown', raw: many })
  })
})
