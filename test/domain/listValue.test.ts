import { describe, expect, it } from 'vitest'
import { emptyFieldValue, parseFieldValue } from '../../src/domain/fieldValue'
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
    })
  })

  it.each([
    ['an empty array', []],
    ['undefined', undefined],
    ['an empty string', ''],
    ['the native empty asset', emptyFieldValue()],
  ])('reads %s as an empty list', (_label, value) => {
    expect(parseListValue(value)).toEqual({ kind: 'list', items: [], single: false })
  })

  it('offers a single asset value as the one item of a list, marked as single', () => {
    expect(parseListValue(native)).toEqual({
      kind: 'list',
      items: [parsed(native)],
      single: true,
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

  it('reads a list of 1000 assets, and keeps one of 1001 as an unknown value', () => {
    const most = Array.from({ length: 1000 }, (_, index) => ({ ...native, id: index + 1 }))
    const read = parseListValue(most)
    expect(read.kind === 'list' && read.items.length).toBe(1000)
    const tooMany = [...most, native]
    expect(parseListValue(tooMany)).toEqual({ kind: 'unknown', raw: tooMany })
  })
})
