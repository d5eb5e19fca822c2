import { describe, expect, it } from 'vitest'
import { sameTags, tagSet } from '../../src/domain/tags'

describe('tagSet', () => {
  it('reads digit strings and numbers as ascending ids, each once', () => {
    expect(tagSet(['7', 3, '3'])).toEqual([3, 7])
  })

  it('leaves out what is not an id', () => {
    expect(tagSet([0, -2, 'x', null, 1.5, '12'])).toEqual([12])
  })
})

describe('sameTags', () => {
  it('ignores order', () => {
    expect(sameTags([3, 7], [7, 3])).toBe(true)
  })

  it('ignores repeats', () => {
    expect(sameTags([3, 3], [3])).toBe(true)
  })

  it('tells a missing tag', () => {
    expect(sameTags([3, 7], [3])).toBe(false)
  })
})
