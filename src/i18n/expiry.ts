// An expiry's status in words (domain/expiry.ts): "Expires in 5 days.", "Expired yesterday."
import type { ExpiryStatus } from '../domain/expiry'
import type { MessageKey } from './messages'

/** The message and its parameters for `status`; `null` for no expiry. */
export function expiryMessage(
  status: ExpiryStatus,
): { key: MessageKey; params: { days: number } } | null {
  if (status.kind === 'none') return null
  const { days } = status
  if (status.kind === 'expires') {
    const key = days <= 0 ? 'expiry.today' : days === 1 ? 'expiry.tomorrow' : 'expiry.in'
    return { key, params: { days } }
  }
  const key =
    days <= 0 ? 'expiry.expiredToday' : days === 1 ? 'expiry.expiredYesterday' : 'expiry.expiredAgo'
  return { key, params: { days } }
}
