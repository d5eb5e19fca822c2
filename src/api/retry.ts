// Retry policy: pure functions, so every rule is tested without a network or a clock. The
// abortable waits that go with it are in ./abort.ts.
//
// Why by hand and not a library (p-retry, exponential-backoff, ky): each would still need this
// module around it, and each costs more than it:
// - the rule depends on the *kind of error*, not on the status alone: signing (POST) may be
//   retried after a 429 or a missing answer but never after a 5xx or a timeout (see below);
// - `Retry-After` is per answer: p-retry and exponential-backoff cannot take a delay from the
//   error; ky can, but only for its own fetch calls, and the S3 step is an XHR (upload progress);
// - the same policy drives two loops (API requests, the S3 POST) and the pipeline must re-sign
//   between S3 attempts, which a wrapped retry loop hides;
// - the waits go through an injected, abortable `sleep` and an injected `random`; the libraries
//   call `setTimeout`/`Math.random` themselves, so tests would need fake timers.
// ky 2 and p-retry 9, their current majors, also require Node >= 22; the project runs on 20.

import { isAbortError, isHttpError, isNetworkError, isTimeoutError } from './errors'

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds (`"2"`, `"0.5"`) or an HTTP date.
 * `null` when absent or unreadable; never negative; capped at a minute.
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | null {
  if (!header) return null
  const seconds = Number(header)
  // An HTTP date always names its month; this keeps `Date.parse` from reading "-1" as a year.
  const ms = seconds >= 0 ? seconds * 1000 : /[a-z]/i.test(header) ? Date.parse(header) - now : NaN
  return Number.isNaN(ms) ? null : Math.min(Math.max(0, Math.round(ms)), 60_000)
}

/**
 * Capped exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): a uniform wait in [0, min(8 s, 500 ms * 2^(attempt-1))). `attempt` counts the
 * attempts already made, from 1; `random` returns a number in [0, 1).
 */
export const backoffDelay = (attempt: number, random: () => number): number =>
  Math.floor(Math.min(8000, 500 * 2 ** (attempt - 1)) * random())

export interface RetryContext {
  /** The attempts already made, from 1. */
  attempt: number
  maxAttempts: number
  /** The request is the POST that creates an asset (a sign without id). @default false */
  creates?: boolean
  /** A number in [0, 1), for the jitter. */
  random: () => number
}

/**
 * Whether to try again after `error`, and after how long: the wait in ms (`Retry-After` first,
 * else backoff), or `null` for no retry. Retried: 408, 429, every 5xx, a network error, a
 * timeout. A user abort never retries; attempts are bounded by `maxAttempts`.
 *
 * `creates`: the POST that creates an asset (not idempotent). Everything else is idempotent: GET,
 * PUT, DELETE, finish_upload, a sign *with* an id, and the S3 POST (same key, same fields: a
 * second POST overwrites the first). Signing is retried only when the server surely did not act
 * on it:
 * - 429: the rate limiter turned the request away before it was processed;
 * - a network error before any answer arrived (connection refused, reset, offline); not one
 *   that broke the body of an answer whose status had arrived (`responseReceived`).
 * Not after a 5xx or a timeout: signing creates the asset entry, and a server that failed
 * *after* creating it (or is still working on it when we give up waiting) would get a second
 * POST that creates a second asset for one upload.
 * Residual risk: a connection that breaks after the server processed the POST looks like a
 * network error too, so the retry can create a duplicate (and a 5xx or a timeout that is not
 * retried may still leave an entry behind). The pipeline (`upload/transfer.ts`) remembers
 * such an ambiguous sign and, once the upload ends, sweeps the never-finished entries with the
 * same stored name that appeared during this upload and are not its own (`upload/sweep.ts`).
 */
export function retryDelay(
  error: unknown,
  { attempt, maxAttempts, creates: sign = false, random }: RetryContext,
): number | null {
  if (attempt >= maxAttempts || isAbortError(error)) return null
  const backoff = backoffDelay(attempt, random)
  if (isHttpError(error)) {
    const { status } = error
    return (sign ? status === 429 : status === 408 || status === 429 || status >= 500)
      ? // Up to 250 ms of jitter on Retry-After: plugin instances that share a token (several
        // fields on one page) would otherwise all come back in the same millisecond.
        error.retryAfterMs === null
        ? backoff
        : error.retryAfterMs + Math.floor(random() * 250)
      : null
  }
  // A body cut off after the status line means the server acted on the request.
  if (isNetworkError(error)) return sign && error.responseReceived ? null : backoff
  return isTimeoutError(error) && !sign ? backoff : null
}
