// Turns any error into plain words with one next step. The technical detail (status, route,
// S3 code) is kept for a collapsed "Details" section; it never contains the token, since the
// API errors never carry it.
import {
  isAbortError,
  isAssetNotReadyError,
  isInvalidAssetIdError,
  isHttpError,
  isIntegrityError,
  isNetworkError,
  isS3Error,
  isTimeoutError,
  isValidationError,
} from '../api/errors'
import { isRecord } from '../domain/record'
import type { MessageKey } from './messages'

export type NextStep = 'retry' | 'choose-file' | 'check-token' | 'none'

export interface ErrorExplanation {
  key: MessageKey
  next: NextStep
  detail: string
}

function detailOf(error: unknown): string {
  if (!isRecord(error)) return String(error)
  const { name, message } = error
  return `${typeof name === 'string' ? name : 'Error'}: ${typeof message === 'string' ? message : ''}`
}

const HTTP: Record<number, [MessageKey, NextStep]> = {
  401: ['error.unauthorized', 'check-token'],
  403: ['error.forbidden', 'check-token'],
  404: ['error.notFound', 'choose-file'],
  429: ['error.rateLimited', 'retry'],
}

function classify(error: unknown): [MessageKey, NextStep] {
  if (isAbortError(error)) return ['error.cancelled', 'none']
  if (isIntegrityError(error)) return ['error.integrity', 'retry']
  if (isAssetNotReadyError(error)) return ['error.notReady', 'retry']
  if (isInvalidAssetIdError(error)) return ['error.notAnAsset', 'none']
  if (isS3Error(error)) {
    if (error.code === 'EntityTooLarge') return ['error.tooLarge', 'choose-file']
    if (error.code === 'EntityTooSmall') return ['error.emptyFile', 'choose-file']
    return error.status >= 500 ? ['error.server', 'retry'] : ['error.uploadRejected', 'retry']
  }
  if (isValidationError(error)) return ['error.validation', 'retry']
  if (isHttpError(error)) {
    return (
      HTTP[error.status] ??
      (error.status >= 500 ? ['error.server', 'retry'] : ['error.http', 'retry'])
    )
  }
  if (isTimeoutError(error)) return ['error.timeout', 'retry']
  if (isNetworkError(error)) return ['error.network', 'retry']
  return ['error.unknown', 'retry']
}

export function explainError(error: unknown): ErrorExplanation {
  const [key, next] = classify(error)
  return { key, next, detail: detailOf(error) }
}
