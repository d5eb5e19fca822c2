// Retry policy: pure functions, so every rule is tested without a network or a clock.
//
// Why by hand and not a library. Measured by bundling a one-line use of each with `vite build`
// (minified, gzip -9), at the versions npm installs for Node 20:
//   p-retry 7.1.1 (+ is-network-error)  1,777 B    exponential-backoff 3.1.3  2,426 B
//   ky 1.14.3                            5,489 B    this file                    740 B
// (sleep.ts, which the throttle needs anyway, adds about 240 B; all of src/api is ~8.1 KB.)
// Size is not the deciding reason (the budget, < 50 KB for the plugin with Vue + SDK at 27 KB,
// would take any of them); fit is. Each library would still need this module around it:
// - the rule depends on the *kind of error*, not on the status alone: signing (POST) may be
//   retried after a 429 or a missing answer but never after a 5xx or a timeout (see below);
// - `Retry-After` is per answer: p-retry and exponential-backoff cannot take a delay from the
//   error; ky can, but only for its own fetch calls, and the S3 step is an XHR (upload progress);
// - the same policy drives three loops (API requests, the S3 POST, finish_upload) and the
//   pipeline must re-sign between S3 attempts, which a wrapped retry loop hides;
// - the waits go through an injected, abortable `sleep` and an injected `random`; the libraries
//   call `setTimeout`/`Math.random` themselves, so tests would need fake timers.
// ky 2 and p-retry 9, their current majors, also require Node >= 22; the project runs on 20.

import { isAbortError, isHttpError, isNetworkError, isTimeoutError } from './errors'

/** Statuses worth another attempt: 408, 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599)
}

/** Upper bound of a server-requested wait; a larger `Retry-After` is cut to this. */
export const MAX_RETRY_AFTER_MS = 60_000

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds (`"2"`, `"0.5"`) or an HTTP date.
 * `null` when absent or unreadable; never negative; capped at `capMs`.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number,
  capMs = MAX_RETRY_AFTER_MS,
): number | null {
  if (header == null) return null
  const value = header.trim()
  if (value === '') return null
  let ms: number
  if (/^\d+(\.\d+)?$/.test(value)) {
    ms = Number(value) * 1000
  } else {
    // An HTTP date always names its month; this keeps `Date.parse` from reading "-1" as a year.
    if (!/[a-z]/i.test(value)) return null
    const at = Date.parse(value)
    if (Number.isNaN(at)) return null
    ms = at - now
  }
  return Math.min(Math.max(0, Math.round(ms)), capMs)
}

export interface BackoffOptions {
  /** @default 500 */
  baseMs?: number
  /** @default 8000 */
  capMs?: number
  /** Returns a number in [0, 1). @default Math.random */
  random?: () => number
}

/**
 * Capped exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): a uniform wait in [0, min(cap, base * 2^(attempt-1))). `attempt` counts the
 * attempts already made, from 1.
 */
export function backoffDelay(
  attempt: number,
  { baseMs = 500, capMs = 8000, random = Math.random }: BackoffOptions = {},
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1)
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(exponent, 30))
  const r = Math.min(Math.max(random(), 0), 1)
  return Math.floor(ceiling * r)
}

/**
 * `sign`: the POST that creates an asset (not idempotent). `idempotent`: GET, PUT, DELETE,
 * finish_upload, and the S3 POST (same key, same fields: a second POST overwrites the first).
 */
export type RetryKind = 'sign' | 'idempotent'

export function retryKindForMethod(method: string): RetryKind {
  return method.toUpperCase() === 'POST' ? 'sign' : 'idempotent'
}

export const DEFAULT_MAX_ATTEMPTS = 4

export interface RetryContext extends BackoffOptions {
  kind: RetryKind
  error: unknown
  /** Attempts already made, from 1. */
  attempt: number
  /** @default 4 */
  maxAttempts?: number
}

export interface RetryDecision {
  retry: boolean
  delayMs: number
}

const STOP: RetryDecision = { retry: false, delayMs: 0 }

/**
 * Whether to try again after `error`, and after how long (`Retry-After` first, else backoff).
 *
 * Signing is retried only when the server surely did not act on it:
 * - 429: the rate limiter turned the request away before it was processed;
 * - a network error before any answer arrived (connection refused, reset, offline); not one
 *   that broke the body of an answer whose status had arrived (`responseReceived`).
 * Not after a 5xx or a timeout: signing creates the asset entry, and a server that failed
 * *after* creating it (or is still working on it when we give up waiting) would get a second
 * POST that creates a second asset for one upload.
 * Residual risk: a connection that breaks after the server processed the POST looks like a
 * network error too, so the retry can create a duplicate (and a 5xx or a timeout that is not
 * retried may still leave an entry behind). The pipeline (`upload.ts`) remembers such an
 * ambiguous sign and, once the upload ends, removes the never-finished entries with the same
 * stored name that appeared during this upload and are not its own (`sweepOrphans`).
 * A user abort never retries; attempts are bounded by `maxAttempts`.
 */
export function retryDecision(context: RetryContext): RetryDecision {
  const { kind, error, attempt, maxAttempts = DEFAULT_MAX_ATTEMPTS } = context
  if (attempt >= maxAttempts) return STOP
  if (isAbortError(error)) return STOP
  if (isNetworkError(error)) {
    // A body cut off after the status line means the server acted on the request.
    if (kind === 'sign' && error.responseReceived === true) return STOP
    return { retry: true, delayMs: backoffDelay(attempt, context) }
  }
  if (isTimeoutError(error))
    return kind === 'idempotent' ? { retry: true, delayMs: backoffDelay(attempt, context) } : STOP
  if (isHttpError(error)) {
    const allowed = kind === 'sign' ? error.status === 429 : isRetryableStatus(error.status)
    if (!allowed) return STOP
    return { retry: true, delayMs: error.retryAfterMs ?? backoffDelay(attempt, context) }
  }
  return STOP
}
