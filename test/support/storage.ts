// A sessionStorage stand-in that can also fail like a full or disabled one.
import type { StorageLike } from '../../src/plugin/tabStorage'

export function memoryStorage({ failing = false } = {}): StorageLike & {
  items: Map<string, string>
} {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (failing) throw new DOMException('full', 'QuotaExceededError')
      items.set(key, value)
    },
    removeItem: (key) => void items.delete(key),
  }
}
