import { describe, expect, it } from 'vitest'
import { expiryDay, expiryFromDay, expiryStatus, sameExpiry } from '../../src/domain/expiry'

/** Noon of a local day: the status counts calendar days in the editor's time zone. */
const noon = (year: number, month: number, day: number) =>
  new Date(year, month - 1, day, 12).getTime()
const startOf = (year: number, month: number, day: number) =>
  new Date(year, month - 1, day).toISOString()

describe('expiryStatus', () => {
  it('is none without an expiry', () => {
    expect(expiryStatus('', noon(2026, 3, 1))).toEqual({ kind: 'none' })
  })

  it('is none for a value that is not a date', () => {
    expect(expiryStatus('soon', noon(2026, 3, 1))).toEqual({ kind: 'none' })
  })

  it('counts the calendar days to an expiry ahead', () => {
    expect(expiryStatus(startOf(2026, 3, 6), noon(2026, 3, 1))).toEqual({
      kind: 'expires',
      days: 5,
    })
  })

  it('counts calendar days across the end of a month', () => {
    expect(expiryStatus(startOf(2026, 3, 2), noon(2026, 2, 27))).toEqual({
      kind: 'expires',
      days: 3,
    })
  })

  it('says 0 days for an expiry later today', () => {
    const later = new Date(2026, 2, 1, 18).toISOString()
    expect(expiryStatus(later, noon(2026, 3, 1))).toEqual({ kind: 'expires', days: 0 })
  })

  it('counts the calendar days since an expiry passed', () => {
    expect(expiryStatus(startOf(2026, 2, 26), noon(2026, 3, 1))).toEqual({
      kind: 'expired',
      days: 3,
    })
  })

  it('is expired from the first moment of its day', () => {
    expect(expiryStatus(startOf(2026, 3, 1), noon(2026, 3, 1))).toEqual({
      kind: 'expired',
      days: 0,
    })
  })
})

describe('the expiry as a day', () => {
  it('is the start of the chosen day in the editor’s time zone', () => {
    expect(expiryFromDay('2026-12-05')).toBe(startOf(2026, 12, 5))
  })

  it('reads back as the day it was written from', () => {
    expect(expiryDay(expiryFromDay('2026-12-05'))).toBe('2026-12-05')
  })

  it('is none for an empty day', () => {
    expect(expiryFromDay('')).toBe('')
  })

  it('is none for a day that does not exist', () => {
    expect(expiryFromDay('2026-02-30')).toBe('')
  })

  it('shows no day for no expiry', () => {
    expect(expiryDay('')).toBe('')
  })
})

describe('sameExpiry', () => {
  it('takes two spellings of one instant as the same', () => {
    expect(sameExpiry('2026-12-05T00:00:00.000Z', '2026-12-05T01:00:00+01:00')).toBe(true)
  })

  it('takes an expiry and none as different', () => {
    expect(sameExpiry('2026-12-05T00:00:00.000Z', '')).toBe(false)
  })

  it('takes two instants as different', () => {
    expect(sameExpiry('2026-12-05T00:00:00.000Z', '2026-12-06T00:00:00.000Z')).toBe(false)
  })
})
