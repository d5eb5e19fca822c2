import { describe, expect, it } from 'vitest'
import { JOURNAL_MAX_AGE_MS, JOURNAL_MAX_ENTRIES } from '../../src/domain/uploadJournal'
import { createUploadJournal, readJournal } from '../../src/plugin/uploadJournal'
import { tabKey } from '../../src/plugin/tabStorage'
import { memoryStorage } from '../support/storage'

const NOW = Date.parse('2026-12-07T10:00:00Z')
const entry = (id: number, startedAt = NOW - 1000) => ({ id, filename: `f${id}.png`, startedAt })

describe('the upload journal', () => {
  it('notes created entries until they are forgotten, per field', () => {
    const storage = memoryStorage()
    const journal = createUploadJournal('field-a', { storage, now: () => NOW })
    journal.track(entry(101))
    journal.track(entry(102))
    journal.forget(101)
    expect(readJournal('field-a', { storage, now: NOW }).assets).toEqual([entry(102)])
    expect(readJournal('field-b', { storage, now: NOW }).assets).toEqual([])
  })

  it('keeps the gateway’s ticket with an entry', () => {
    const storage = memoryStorage()
    createUploadJournal('f', { storage, now: () => NOW }).track({ ...entry(5), ticket: 'v1.a.b' })
    expect(readJournal('f', { storage, now: NOW }).assets[0]?.ticket).toBe('v1.a.b')
  })

  it('notes a sign until it answered or was swept for, and leaves no key behind', () => {
    const storage = memoryStorage()
    const journal = createUploadJournal('f', { storage, now: () => NOW })
    const settled = journal.signing({ filename: 'a.png', startedAt: NOW })
    expect(readJournal('f', { storage, now: NOW }).signs).toEqual([
      { filename: 'a.png', startedAt: NOW },
    ])
    settled()
    expect(storage.items.size).toBe(0)
  })

  it('reads only well-formed entries from a tampered journal, never a path', () => {
    const storage = memoryStorage()
    storage.setItem(
      tabKey('f', 'uploads'),
      JSON.stringify({
        assets: [
          entry(5),
          { ...entry(6), id: '../../__emulator/state' },
          { ...entry(7), id: -1 },
          7,
          { id: 8, filename: 'x.png' },
        ],
        signs: [{ filename: 1 }],
      }),
    )
    const read = readJournal('f', { storage, now: NOW })
    expect(read.assets).toEqual([entry(5)])
    expect(read.signs).toEqual([])
    expect(read.dropped).toBe(5)
  })

  it('drops entries older than a day, and says how many', () => {
    const storage = memoryStorage()
    storage.setItem(
      tabKey('f', 'uploads'),
      JSON.stringify({ assets: [entry(1, NOW - JOURNAL_MAX_AGE_MS - 1), entry(2)], signs: [] }),
    )
    const read = readJournal('f', { storage, now: NOW })
    expect(read.assets.map((kept) => kept.id)).toEqual([2])
    expect(read.dropped).toBe(1)
  })

  it(`keeps at most ${JOURNAL_MAX_ENTRIES} entries of each kind, the newest`, () => {
    const storage = memoryStorage()
    const many = Array.from({ length: 10_000 }, (_, index) => entry(index + 1))
    storage.setItem(
      tabKey('f', 'uploads'),
      JSON.stringify({
        assets: many,
        signs: many.map(({ filename, startedAt }) => ({ filename, startedAt })),
      }),
    )
    const read = readJournal('f', { storage, now: NOW })
    expect(read.assets).toHaveLength(JOURNAL_MAX_ENTRIES)
    expect(read.signs).toHaveLength(JOURNAL_MAX_ENTRIES)
    expect(read.assets.at(-1)?.id).toBe(10_000)
    expect(read.dropped).toBe(2 * (10_000 - JOURNAL_MAX_ENTRIES))
  })

  it('writes the journal back within its bounds', () => {
    const storage = memoryStorage()
    const journal = createUploadJournal('f', { storage, now: () => NOW })
    for (let id = 1; id <= JOURNAL_MAX_ENTRIES + 5; id++) journal.track(entry(id))
    const stored: unknown = JSON.parse(storage.getItem(tabKey('f', 'uploads')) ?? 'null')
    expect(stored).toMatchObject({ assets: expect.any(Array) })
    expect(readJournal('f', { storage, now: NOW }).assets).toHaveLength(JOURNAL_MAX_ENTRIES)
  })
})
