// Turns any error into plain words with one next step. The technical detail (status, route,
// S3 code) is kept for a collapsed "Details" section; it never contains the token, since the
// API errors never carry it.
import {
  isAbortError,
  isHttpError,
  isIntegrityError,
  isNetworkError,
  isS3Error,
  isTimeoutError,
  isValidationError,
} from '../api/errors'
import type { MessageKey } from './messages'

export type NextStep = 'retry' | 'choose-file' | 'check-token' | 'none'

export interface ErrorExplanation {
  key: MessageKey
  next: NextStep
  detail: string
}

function detailOf(error: unknown): string {
  if (
    error instanceof Error ||
    (typeof error === 'object' && error !== null && 'message' in error)
  ) {
    const name = 'name' in error && typeof error.name === 'string' ? error.name : 'Error'
    const message = 'message' in error && typeof error.message === 'string' ? error.message : ''
    return message ? `${name}: ${message}` : name
  }
  return String(error)
}

export function explainError(error: unknown): ErrorExplanation {
  const detail = detailOf(error)
  if (isAbortError(error)) return { key: 'error.cancelled', next: 'none', detail }
  if (isIntegrityError(error)) return { key: 'error.integrity', next: 'retry', detail }
  if (isS3Error(error)) {
    if (error.code === 'EntityTooLarge')
      return { key: 'error.tooLarge', next: 'choose-file', detail }
    if (error.code === 'EntityTooSmall')
      return { key: 'error.emptyFile', next: 'choose-file', detail }
    if (error.status >= 500) return { key: 'error.server', next: 'retry', detail }
    return { key: 'error.uploadRejected', next: 'retry', detail }
  }
  if (isValidationError(error)) return { key: 'error.validation', next: 'retry', detail }
  if (isHttpError(error)) {
    if (error.status === 401) return { key: 'error.unauthorized', next: 'check-token', detail }
    if (error.status === 403) return { key: 'error.forbidden', next: 'check-token', detail }
    if (error.status === 404) return { key: 'error.notFound', next: 'choose-file', detail }
    if (error.status === 429) return { key: 'error.rateLimited', next: 'retry', detail }
    if (error.status >= 500) return { key: 'error.server', next: 'retry', detail }
    return { key: 'error.http', next: 'retry', detail }
  }
  if (isTimeoutError(error)) return { key: 'error.timeout', next: 'retry', detail }
  if (isNetworkError(error)) return { key: 'error.network', next: 'retry', detail }
  return { key: 'error.unknown', next: 'retry', detail }
}
