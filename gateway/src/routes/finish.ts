// GET …/assets/:id/finish_upload with the upload's ticket: Storyblok's finish, then a read of
// what was stored. A file other than the one declared at sign time (size or signed type), or
// larger than the limit, is refused with 422, and deleted by the gateway when the entry was
// never finished before this call (a finished asset may be in use: it is kept, and the answer
// says so); otherwise the answer is `{ asset }` with the fields a read gives, a superset of
// Storyblok's own finish answer, so the plugin may skip its own read.
import { normalizeType } from '../../../src/domain/fileRules/contentTypes'
import { assetOf, isFinished, parseJson, pickReadFields } from '../assetJson'
import type { TicketClaims } from '../tickets'
import {
  jsonReply,
  passThrough,
  refuse,
  succeeded,
  type Reply,
  type Route,
  type RouteRequest,
} from './context'
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

/**
 * Whether the gateway may delete the entry if its stored file breaks the declaration: only when
 * it was never finished before this finish. The ticket alone cannot say: an old ticket of a
 * finished asset stays valid until it expires (and someone may have replaced the file since). A
 * replace ticket is never deleted, so it needs no read. A new entry whose ticket is still open
 * here was never finished either (the finish closes it): the usual upload needs no read, which
 * at 3 calls a second would cost it a second. Otherwise (an old ticket, a gateway restarted on
 * Node) the library says.
 */
async function deletable(
  { deps, caller, assetId }: RouteRequest,
  claims: TicketClaims,
): Promise<boolean | Reply> {
  if (claims.replace) return false
  if (await deps.coordinator.isNewEntry(assetId)) return true
  const read = await deps.coordinator.upstream({
    caller: caller.key,
    method: 'GET',
    path: `/${assetId}`,
  })
  const asset = succeeded(read) ? assetOf(parseJson(read.body)) : null
  return asset ? !isFinished(asset) : passThrough(read)
}

export const finish: Route = async (request) => {
  const { deps, caller, assetId } = request
  const claims = await requireTicket(request)
  if ('status' in claims) return claims
  const mayDelete = await deletable(request, claims)
  if (typeof mayDelete !== 'boolean') return mayDelete
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
    // An asset finished before (a replace, or an old ticket used again) is kept: it may be in
    // use. The refusal and the log line say so.
    if (mayDelete) await deps.coordinator.upstream({ ...call, method: 'DELETE' })
    await deps.coordinator.closeTicket(assetId)
    const error = `${MESSAGES[rule]}; ${mayDelete ? 'it was deleted' : 'the asset was kept'}`
    return refuse(422, rule, error, {
      declared: claims.bytes,
      stored: asset.content_length ?? null,
    })
  }
  await deps.coordinator.closeTicket(assetId)
  return jsonReply(200, { asset: pickReadFields(asset) })
}
