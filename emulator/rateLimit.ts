// Storyblok's Management API limit: N requests per second per token (3 on the Starter plan).
// Modelled as a sliding window of the last `windowMs`: a request is allowed while fewer than
// `limit` allowed requests happened in the window. Refused requests do not fill the window
// (otherwise a client that keeps retrying would never get through).

export class RateLimiter {
  private readonly windows = new Map<string, number[]>()

  constructor(
    private readonly windowMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records and allows the request, or returns false when `key` is over `limit`. */
  take(key: string, limit: number | null): boolean {
    if (limit === null) return true
    const now = this.now()
    const recent = (this.windows.get(key) ?? []).filter((at) => at > now - this.windowMs)
    if (recent.length >= limit) {
      this.windows.set(key, recent)
      return false
    }
    recent.push(now)
    this.windows.set(key, recent)
    return true
  }

  reset(): void {
    this.windows.clear()
  }
}

export function rateLimitMessage(limit: number): string {
  return `Rate limit of ${limit} request per second reached. Retry later.`
}
