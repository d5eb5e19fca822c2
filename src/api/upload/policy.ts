// When a signed upload stops being accepted by the storage.
import { isRecord } from '../../domain/record'
import type { SignedUpload } from '../types'

/**
 * When the signed policy expires: `expiration` from the base64 policy JSON, else
 * `signedAt + 10 min` (Storyblok's policies last about 10 minutes).
 */
export function policyExpiresAt({ fields }: SignedUpload, signedAt: number): number {
  let policy: unknown
  try {
    policy = JSON.parse(atob(fields.policy ?? ''))
  } catch {
    // Not base64 JSON: fall back to the documented lifetime.
  }
  return Date.parse(String(isRecord(policy) && policy.expiration)) || signedAt + 600_000
}
