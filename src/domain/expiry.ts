// An asset's expiry (`expire_at`): the API's ISO date-time, `''` for none. The form edits it as a
// calendar day in the editor's time zone and says plainly how far away it is ("expires in 5
// days", "expired 3 days ago"), counted in calendar days, not in 24-hour periods.

const DAY_MS = 24 * 60 * 60 * 1000

/** Whether two expiries are the same instant (`''`, none, equals only itself). */
export function sameExpiry(a: string, b: string): boolean {
  if (a === b) return true
  if (!a || !b) return false
  const left = Date.parse(a)
  return !Number.isNaN(left) && left === Date.parse(b)
}

export type ExpiryStatus =
  | { kind: 'none' }
  /** `days`: calendar days from today to the expiry (0: later today). */
  | { kind: 'expires'; days: number }
  /** `days`: calendar days since the expiry (0: earlier today). */
  | { kind: 'expired'; days: number }

/** Local midnight of the day `time` falls on. */
function dayOf(time: number): number {
  const date = new Date(time)
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime()
}

/** How the expiry stands at `now` (ms); an unreadable value counts as none. */
export function expiryStatus(expireAt: string, now: number): ExpiryStatus {
  const at = expireAt ? Date.parse(expireAt) : Number.NaN
  if (Number.isNaN(at)) return { kind: 'none' }
  // Rounded: a day with a daylight-saving change is 23 or 25 hours long.
  const days = Math.round((dayOf(at) - dayOf(now)) / DAY_MS)
  return at <= now ? { kind: 'expired', days: Math.max(0, -days) } : { kind: 'expires', days }
}

const pad = (value: number) => String(value).padStart(2, '0')

/** The day of an expiry for `<input type="date">` (`YYYY-MM-DD`, local), `''` for none. */
export function expiryDay(expireAt: string): string {
  const at = expireAt ? Date.parse(expireAt) : Number.NaN
  if (Number.isNaN(at)) return ''
  const date = new Date(at)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/**
 * The expiry for a day from `<input type="date">`: the start of that day in the editor's time
 * zone, as the API's ISO value (from that day on the asset is expired); `''` for an empty or
 * unreadable day.
 */
export function expiryFromDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return ''
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const start = new Date(year, month - 1, date)
  const valid =
    start.getFullYear() === year && start.getMonth() === month - 1 && start.getDate() === date
  return valid ? start.toISOString() : ''
}
