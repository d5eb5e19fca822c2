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
  // The gateway says in its own words why it refused.
  const refusal = isHttpError(error) && isRecord(error.body) ? error.body : null
  if (gatewayRule(error) !== null && typeof refusal?.error === 'string') return refusal.error
  // Storyblok's own words: each field's errors, those of no field (`base`) as they are.
  if (isValidationError(error))
    return Object.entries(error.fieldErrors)
      .map(([field, texts]) => `${field === 'base' ? '' : `${field}: `}${texts.join(', ')}`)
      .join('; ')
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

/** The upload gateway's refusals (README, "The upload gateway"): `{ error, rule }`. */
const GATEWAY: Record<string, [MessageKey, NextStep]> = {
  'privacy-change': ['error.gateway.privacy-change', 'none'],
  'expiry-change': ['error.gateway.expiry-change', 'none'],
  replace: ['error.gateway.replace', 'choose-file'],
  folder: ['error.gateway.folder', 'none'],
  'max-size': ['error.gateway.max-size', 'choose-file'],
  type: ['error.gateway.type', 'choose-file'],
  'declared-size': ['error.gateway.declared', 'retry'],
  'declared-type': ['error.gateway.declared', 'retry'],
  origin: ['error.gateway.origin', 'none'],
  'preview-token': ['error.gateway.preview-token', 'none'],
  settings: ['error.gateway.settings', 'none'],
  'upstream-busy': ['error.gateway.busy', 'retry'],
  'upstream-unreachable': ['error.network', 'retry'],
  'upstream-timeout': ['error.timeout', 'retry'],
}

/** The rule an upload gateway's refusal names, if `error` is one. */
export function gatewayRule(error: unknown): string | null {
  const body = isHttpError(error) && isRecord(error.body) ? error.body : null
  return typeof body?.rule === 'string' ? body.rule : null
}

function classify(error: unknown): [MessageKey, NextStep] {
  const rule = gatewayRule(error)
  if (rule !== null) return GATEWAY[rule] ?? ['error.gateway', 'none']
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

/** What the failed call was for, where that changes what a refusal means. */
export type ErrorContext = 'alt-text'

/** Storyblok refuses the AI alt text with 403, 404 or 422 where AI is not available. */
const AI_REFUSALS = [403, 404, 422]

export function explainError(error: unknown, context?: ErrorContext): ErrorExplanation {
  const refusedAi =
    context === 'alt-text' &&
    isHttpError(error) &&
    AI_REFUSALS.includes(error.status) &&
    gatewayRule(error) === null
  const [key, next] = refusedAi ? (['form.ai.refused', 'none'] as const) : classify(error)
  return { key, next, detail: detailOf(error) }
}
