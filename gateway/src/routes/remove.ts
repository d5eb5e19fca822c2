// DELETE …/assets/:id with the upload's ticket: only an entry whose upload was never finished
// (cancel, clean-up, the plugin journal's sweep). A finished asset is never deleted through the
// gateway, whatever ticket comes with the call: it may already be in use.
import { assetOf, isFinished, parseJson } from '../assetJson'
import { passThrough, refuse, succeeded, type Route } from './context'
import { requireTicket } from './ticketCheck'

export const remove: Route = async (request) => {
  const { deps, caller, assetId } = request
  const claims = await requireTicket(request)
  if ('status' in claims) return claims
  const call = { caller: caller.key, path: `/${assetId}` }
  const read = await deps.coordinator.upstream({ ...call, method: 'GET' }, request.signal)
  if (read.status === 404) await deps.coordinator.closeTicket(assetId)
  const asset = succeeded(read) ? assetOf(parseJson(read.body)) : null
  if (!asset) return passThrough(read)
  if (isFinished(asset))
    return refuse(403, 'finished-asset', 'A finished asset cannot be deleted through the gateway')
  const removed = await deps.coordinator.upstream({ ...call, method: 'DELETE' })
  if (succeeded(removed) || removed.status === 404) await deps.coordinator.closeTicket(assetId)
  return passThrough(removed)
}
