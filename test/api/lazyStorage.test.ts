import { describe, expect, it } from 'vitest'
import { openedOnFirstUse, type KeyValueStorage } from '../../src/api/lazyStorage'

/** A storage in memory that counts how often it was opened. */
function counted() {
  const items = new Map<string, string>()
  const storage: KeyValueStorage = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
  let opened = 0
  return {
    open: () => {
      opened++
      return storage
    },
    opened: () => opened,
  }
}

describe('openedOnFirstUse', () => {
  it('opens nothing until it is used', () => {
    const backing = counted()
    openedOnFirstUse(backing.open)
    expect(backing.opened()).toBe(0)
  })

  it('opens the storage once, at the first use, and keeps using it', () => {
    const backing = counted()
    const storage = openedOnFirstUse(backing.open)
    storage.setItem('kept', 'yes')
    expect.soft(storage.getItem('kept')).toBe('yes')
    expect.soft(backing.opened()).toBe(1)
  })

  it('finds nothing and keeps nothing where there is no storage', () => {
    const storage = openedOnFirstUse(() => null)
    storage.setItem('lost', 'yes')
    expect(storage.getItem('lost')).toBeNull()
  })
})
