// The settings that can change while the emulator runs (`POST /__emulator/config`).
import { isRecord } from '../src/domain/record.ts'

export interface RuntimeConfig {
  /** Management API requests per second per token; `null` disables the limit. */
  rateLimit: number | null
  /** Lifetime of an upload policy. 0 or less signs policies that are already expired. */
  policyTtlSeconds: number
  /** Lifetime of a private asset's signed URL. 0 signs URLs that are already expired. */
  signedUrlTtlSeconds: number
  /** The space's upload limit, checked by finish_upload. */
  uploadLimitBytes: number
  /** The maximum of the policy's content-length-range, checked by the upload target. */
  maxUploadBytes: number
}

export type ConfigPatch = Partial<RuntimeConfig>

const isNonNegativeInteger = (value: unknown): value is number =>
  Number.isSafeInteger(value) && Number(value) >= 0

/** Validates a config patch; returns the error messages when it is not acceptable. */
export function parseConfigPatch(input: unknown): { patch: ConfigPatch } | { errors: string[] } {
  if (!isRecord(input)) return { errors: ['the body must be a JSON object'] }
  const patch: ConfigPatch = {}
  const errors: string[] = []
  if ('rateLimit' in input) {
    const value = input['rateLimit']
    if (value === null) patch.rateLimit = null
    else if (isNonNegativeInteger(value) && value >= 1) patch.rateLimit = value
    else errors.push('rateLimit must be a positive integer or null')
  }
  if ('policyTtlSeconds' in input) {
    const value = input['policyTtlSeconds']
    if (typeof value === 'number' && Number.isFinite(value)) patch.policyTtlSeconds = value
    else errors.push('policyTtlSeconds must be a number')
  }
  if ('signedUrlTtlSeconds' in input) {
    const value = input['signedUrlTtlSeconds']
    if (isNonNegativeInteger(value)) patch.signedUrlTtlSeconds = value
    else errors.push('signedUrlTtlSeconds must be a non-negative integer')
  }
  if ('uploadLimitBytes' in input) {
    const value = input['uploadLimitBytes']
    if (isNonNegativeInteger(value)) patch.uploadLimitBytes = value
    else errors.push('uploadLimitBytes must be a non-negative integer')
  }
  if ('maxUploadBytes' in input) {
    const value = input['maxUploadBytes']
    if (isNonNegativeInteger(value) && value >= 1) patch.maxUploadBytes = value
    else errors.push('maxUploadBytes must be a positive integer')
  }
  return errors.length > 0 ? { errors } : { patch }
}
