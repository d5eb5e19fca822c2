// GET …/assets/:id/finish_upload with the upload's ticket: Storyblok's finish, then a read of
// what was stored. A file other than the one declared at sign time (size or signed type), or
// larger than the limit, is deleted by the gateway and refused with 422; otherwise the answer is
// `{ asset }` with the fields a read gives, a superset of Storyblok's own finish answer, so the
// plugin may skip its own read.
import { normalizeType } from '../../../src/domain/fileRules/contentTypes'
import { assetOf, parseJson, pickReadFields } from '../assetJson'
import type { TicketClaims } from '../tickets'
import { jsonReply, passThrough, refuse, succeeded, type Route } from './context'
import { requireTicket } from './ticketCheck'

/** The rule the stored file breaks, if any. */
function mismatch(
  asset: Record<string, unknown>,
  claims: TicketClaims,
  maxFileSize: number,
): 'max-size' | 'declared-size' | 'declared-type' | null {
  const { content_length: length, content_type: type } = asset
  if (typeof length === 'number' && length > maxFileSize) return 'max-size'
  if (length !== claims.bytes) return 'declared-size'
  if (claims.type && normalizeType(String(type ?? '')) !== normalizeType(claims.type))
    return 'declared-type'
  return null
}

const MESSAGES = {
  'max-size': 'The stored file is larger than this gateway allows',
  'declared-size': 'The stored file is not the size declared when signing',
  'declared-type': 'The stored file is not of the type signed for',
}

export const finish: Route = async (request) => {
  const { deps, caller, assetId } = request
  const claims = await requireTicket(request)
  if ('status' in claims) return claims
  const call = { caller: caller.key, path: `/${assetId}` }
  const finished = await deps.coordinator.upstream({
    ...call,
    method: 'GET',
    path: `/${assetId}/finish_upload`,
  })
  if (!succeeded(finished)) return passThrough(finished)
  const read = await deps.coordinator.upstream({ ...call, method: 'GET' })
  const asset = succeeded(read) ? assetOf(parseJson(read.body)) : null
  if (!asset) return passThrough(read)

  const rule = mismatch(asset, claims, deps.settings.maxFileSize)
  if (rule) {
    // A replace of an asset this browser did not create keeps the asset (it may be in use);
    // the refusal and the log line say so.
    if (!claims.replace) await deps.coordinator.upstream({ ...call, method: 'DELETE' })
    await deps.coordinator.closeTicket(assetId)
    const error = `${MESSAGES[rule]}; ${claims.replace ? 'the asset was kept' : 'it was deleted'}`
    return refuse(422, rule, error, {
      declared: claims.bytes,
      stored: asset.content_length ?? null,
    })
  }
  await deps.coordinator.closeTicket(assetId)
  return jsonReply(200, { asset: pickReadFields(asset) })
}
