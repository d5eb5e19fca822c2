// POST /v1/spaces/:space_id/assets: sign an upload. The bytes still go from the browser to S3;
// the gateway only asks Storyblok for the signature, within the folder, size and type limits,
// and adds a `ticket` to the answer: its proof that this browser started the upload of that id.
import { isRecord } from '../../../src/domain/record'
import { assetOf, isFinished, parseJson } from '../assetJson'
import { deleteIfUnfinished } from '../cleanup'
import type { Settings } from '../settings'
import type { TicketClaims } from '../tickets'
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
import { parseSignRequest, type SignRequest } from './signRequest'
import { ticketRefusal } from './ticketCheck'

/** A re-sign (`id`) that may go ahead. */
interface Replacing {
  /** Never deleted by the gateway: someone else's asset (allowReplace), or one already finished. */
  replace: boolean
  /** The expiry of the ticket it came with (Unix seconds), carried over; `null`: none. */
  expiresAt: number | null
  /** The asset as the library holds it. */
  asset: Record<string, unknown>
}

/**
 * A replace keeps the asset where it is and as private as it is: only a folder given and other
 * than the asset's moves it (no folder: Storyblok keeps it); privacy changes only with
 * `allowPrivacyChange`, or on the ticket holder's own entry while it is still unfinished (a new
 * upload, which may be private or not from its first byte; nothing can use it yet).
 */
function placementRefusal(
  sign: SignRequest,
  asset: Record<string, unknown>,
  settings: Settings,
  ownUnfinished: boolean,
): Reply | null {
  const { asset_folder_id: folder, is_private: privacy } = sign.forward
  if (folder !== undefined && folder !== asset.asset_folder_id)
    return refuse(403, 'folder', 'A replace may not move the asset to another folder')
  const changesPrivacy = privacy !== undefined && privacy !== asset.is_private
  if (changesPrivacy && !settings.allowPrivacyChange && !ownUnfinished)
    return refuse(403, 'privacy-change', 'is_private may not be changed through this gateway', {
      field: 'is_private',
    })
  return null
}

/**
 * May this browser sign `id` again? With a valid ticket for it while its upload is unfinished
 * (the plugin re-signs its own upload when a policy expires, or on Retry), or with
 * `allowReplace`; either way under the same rules for the folder and privacy
 * (`placementRefusal`), against the asset as the library holds it.
 */
async function mayReplace(
  request: RouteRequest,
  sign: SignRequest,
  id: number,
): Promise<Replacing | Reply> {
  const { deps, ticket } = request
  let claims: TicketClaims | null = null
  if (ticket !== null) {
    const check = await deps.tickets.verify(ticket, {
      spaceId: deps.settings.spaceId,
      assetId: id,
      now: deps.now(),
    })
    if (!check.ok) return ticketRefusal(check.rule)
    claims = check.claims
  } else if (!deps.settings.allowReplace)
    return refuse(403, 'replace', 'Replacing the file of an asset is not allowed here')
  const read = await deps.coordinator.upstream({
    caller: request.caller.key,
    method: 'GET',
    path: `/${id}`,
  })
  const asset = succeeded(read) ? assetOf(parseJson(read.body)) : null
  if (!asset) return passThrough(read)
  // A finished asset may be in use: a re-sign of it is a replace, whatever the ticket says, and
  // replacing needs the switch. A ticket re-signs only its own upload while it is unfinished
  // (Retry, a storage policy that ran out), which is all the plugin ever asks of it.
  if (isFinished(asset) && !deps.settings.allowReplace)
    return refuse(403, 'replace', 'Replacing the file of a finished asset is not allowed here')
  const replace = claims === null || claims.replace || isFinished(asset)
  const refused = placementRefusal(sign, asset, deps.settings, !replace)
  if (refused) return refused
  return { replace, expiresAt: claims?.expiresAt ?? null, asset }
}

/**
 * The ticket for the signed upload, recorded as open. A re-sign with a ticket keeps that
 * ticket's expiry: re-signing never makes a ticket last longer than the first one did.
 */
async function issueTicket(
  request: RouteRequest,
  sign: SignRequest,
  assetId: number,
  type: unknown,
  replacing: Replacing | null,
) {
  const { deps, caller } = request
  const expiresAt =
    replacing?.expiresAt ?? Math.floor(deps.now() / 1000) + deps.settings.ticketTtlSeconds
  const replace = replacing?.replace ?? false
  const ticket = await deps.tickets.issue({
    spaceId: deps.settings.spaceId,
    assetId,
    expiresAt,
    bytes: sign.bytes,
    replace,
    ...(typeof type === 'string' && type ? { type } : {}),
  })
  const open = { assetId, ip: caller.ip, expiresAt: expiresAt * 1000, newEntry: !replace }
  await deps.coordinator.openTicket(open, true)
  return ticket
}

export const sign: Route = async (request) => {
  const { deps, caller } = request
  const parsed = parseSignRequest(request.body, deps.settings)
  if ('status' in parsed) return parsed
  let replacing: Replacing | null = null
  if (parsed.replaceId !== null) {
    const allowed = await mayReplace(request, parsed, parsed.replaceId)
    if ('status' in allowed) return allowed
    replacing = allowed
    // `meta_data` comes back whole: its other keys as the library holds them (fields.ts).
    const { meta_data: meta } = parsed.forward
    const library = isRecord(allowed.asset.meta_data) ? allowed.asset.meta_data : {}
    const refused = isRecord(meta) ? checkOtherMeta(meta, library) : null
    if (refused) return refused
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
  const ticket = await issueTicket(request, parsed, assetId, type, replacing)
  return { ...jsonReply(answer.status, { ...signed, ticket }), assetId }
}
