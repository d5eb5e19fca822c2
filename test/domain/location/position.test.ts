import { describe, expect, it } from 'vitest'
import { formatPosition } from '../../../src/domain/location'
import { fromXmpCoordinate } from '../../../src/domain/location/position'

describe('formatPosition', () => {
  it('writes degrees with three decimals and the hemisphere letters', () => {
    expect(formatPosition({ latitude: 51.507, longitude: -0.128 })).toBe('51.507° N, 0.128° W')
    expect(formatPosition({ latitude: -33.857, longitude: 151.215 })).toBe('33.857° S, 151.215° E')
  })
})

describe('fromXmpCoordinate', () => {
  it.each([
    ['51,30.44N', 51.50733],
    ['0,7,39.6W', -0.12767],
    ['+48.20849', 48.20849],
    ['-0.1276', -0.1276],
  ])('reads %s', (text, degrees) => {
    expect(fromXmpCoordinate(text)).toBeCloseTo(degrees, 4)
  })

  it.each([[''], ['north'], ['51,30.44X']])('reads nothing from %j', (text) => {
    expect(fromXmpCoordinate(text)).toBeNull()
  })
})
