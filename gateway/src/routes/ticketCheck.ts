// The ticket a call must carry (`X-Upload-Ticket`): checked for this space and this asset id.
import type { TicketClaims, TicketRule } from '../tickets'
import { refuse, type Reply, type RouteRequest } from './context'

const MESSAGES: Record<TicketRule, string> = {
  'ticket-missing': 'This call needs the upload ticket of the sign answer (X-Upload-Ticket)',
  'ticket-invalid': 'The upload ticket is not one this gateway signed',
  'ticket-expired': 'The upload ticket has expired',
  'ticket-other-asset': 'The upload ticket is for another asset',
  'ticket-other-space': 'The upload ticket is for another space',
}

export const ticketRefusal = (rule: TicketRule): Reply => refuse(403, rule, MESSAGES[rule])

/** The claims of the request's ticket for its asset, or the refusal. */
export async function requireTicket({
  deps,
  ticket,
  assetId,
}: RouteRequest): Promise<TicketClaims | Reply> {
  const check = await deps.tickets.verify(ticket, {
    spaceId: deps.settings.spaceId,
    assetId,
    now: deps.now(),
  })
  return check.ok ? check.claims : ticketRefusal(check.rule)
}
