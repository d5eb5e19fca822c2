// POST /v1/spaces/:space_id/assets: sign an upload. The bytes still go from the browser to S3;
// the gateway only asks Storyblok for the signature, within the folder, size and type limits,
// and adds a `ticket` to the answer: its proof that this browser started the upload of that id.
import { isRecord } from '../../../src/domain/record'
import { assetOf, parseJson } from '../assetJson'
import { deleteIfUnfinished } from '../cleanup'
import {
  jsonReply,
  limited,
  passThrough,
  refuse,
  succeeded,
  type Reply,
  type Route,
  type RouteRequest,
} from './context'
import { checkOtherMeta } from './fields'
import { libraryMeta } from './library'
import { parseSignRequest, type SignRequest } from './signRequest'
import { ticketRefusal } from './ticketCheck'

/**
 * May this browser replace the file of `id`? With a valid ticket for it (the plugin re-signs
 * its own upload when a policy expires, or on Retry), or with `allowReplace`, and then without
 * moving the asset or changing its privacy unless those rights are on too. Resolves with
 * whether the ticket is a replace of someone else's asset, or a refusal.
 */
async function mayReplace(
  request: RouteRequest,
  sign: SignRequest,
  id: number,
): Promise<{ replace: boolean } | Reply> {
  const { deps, ticket } = request
  if (ticket !== null) {
    const check = await deps.tickets.verify(ticket, {
      spaceId: deps.settings.spaceId,
      assetId: id,
      now: deps.now(),
    })
    return check.ok ? { replace: check.claims.replace } : ticketRefusal(check.rule)
  }
  if (!deps.settings.allowReplace)
    return refuse(403, 'replace', 'Replacing the file of an asset is not allowed here')
  const read = await deps.coordinator.upstream({
    caller: request.caller.key,
    method: 'GET',
    path: `/${id}`,
  })
  const asset = succeeded(read) ? assetOf(parseJson(read.body)) : null
  if (!asset) return passThrough(read)
  const { asset_folder_id: folder, is_private: privacy } = sign.forward
  // Only a folder given and other than the asset's moves it (no folder: Storyblok keeps it).
  if (folder !== undefined && folder !== asset.asset_folder_id)
    return refuse(403, 'folder', 'A replace may not move the asset to another folder')
  if (privacy !== undefined && privacy !== asset.is_private && !deps.settings.allowPrivacyChange)
    return refuse(403, 'privacy-change', 'is_private may not be changed through this gateway', {
      field: 'is_private',
    })
  return { replace: true }
}

/** The ticket for the signed upload, recorded as open. */
async function issueTicket(
  request: RouteRequest,
  sign: SignRequest,
  assetId: number,
  type: unknown,
  replace: boolean,
) {
  const { deps, caller } = request
  const expiresAt = Math.floor(deps.now() / 1000) + deps.settings.ticketTtlSeconds
  const ticket = await deps.tickets.issue({
    spaceId: deps.settings.spaceId,
    assetId,
    expiresAt,
    bytes: sign.bytes,
    replace,
    ...(typeof type === 'string' && type ? { type } : {}),
  })
  await deps.coordinator.openTicket({ assetId, ip: caller.ip, expiresAt: expiresAt * 1000 }, true)
  return ticket
}

export const sign: Route = async (request) => {
  const { deps, caller } = request
  const parsed = parseSignRequest(request.body, deps.settings)
  if ('status' in parsed) return parsed
  let replace = false
  if (parsed.replaceId !== null) {
    const allowed = await mayReplace(request, parsed, parsed.replaceId)
    if ('status' in allowed) return allowed
    replace = allowed.replace
    const meta = parsed.forward.meta_data
    if (isRecord(meta)) {
      const library = await libraryMeta({ ...request, assetId: parsed.replaceId })
      if ('reply' in library) return library.reply
      const refused = checkOtherMeta(meta, library.meta)
      if (refused) return refused
    }
  }
  const held = await deps.coordinator.reserveTicket(caller.ip)
  if (held) return limited(held)
  const answer = await deps.coordinator.upstream(
    { caller: caller.key, method: 'POST', path: '', body: JSON.stringify(parsed.forward) },
    request.signal,
  )
  const signed = succeeded(answer) ? parseJson(answer.body) : undefined
  const assetId = isRecord(signed) ? (assetOf(signed)?.id ?? null) : null
  if (!isRecord(signed) || typeof assetId !== 'number') {
    await deps.coordinator.releaseReservation(caller.ip)
    return succeeded(answer)
      ? refuse(502, 'upstream-answer', 'Storyblok answered the sign unreadably')
      : passThrough(answer)
  }
  if (request.signal.aborted && parsed.replaceId === null) {
    // Nobody holds a ticket for this entry: removed at once instead of at the ticket's expiry.
    await deleteIfUnfinished(deps.coordinator.upstream, caller.key, assetId)
    await deps.coordinator.releaseReservation(caller.ip)
    return {
      ...refuse(499, 'aborted', 'The browser went away; the new entry was deleted'),
      assetId,
    }
  }
  const fields = assetOf(signed)?.fields
  const type = isRecord(fields) ? fields['Content-Type'] : undefined
  const ticket = await issueTicket(request, parsed, assetId, type, replace)
  return { ...jsonReply(answer.status, { ...signed, ticket }), assetId }
}
