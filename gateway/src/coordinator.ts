// The state one space shares across every instance of the gateway: the fair queue to
// Storyblok, the per-caller limits and the open tickets. On Node it lives in the process
// (`createMemoryCoordinator`); on Workers one Durable Object per space holds the same object and
// the worker calls it over RPC (worker.ts). Every method takes and returns plain data.
import { deleteIfUnfinished } from './cleanup'
import { createFairQueue, type Caller } from './fairQueue'
import { createRateWindow } from './limits'
import type { Logger } from './log'
import type { Settings } from './settings'
import { createUpstream, type UpstreamAnswer, type UpstreamCall } from './upstream'

/** A ticket issued and not yet finished, deleted or expired. */
export interface OpenTicket {
  assetId: number
  ip: string
  /** ms since the epoch. */
  expiresAt: number
  /**
   * Signed here for a new entry (not a replace): the entry stays unfinished until this
   * gateway's finish or delete closes the ticket. Absent in records of an earlier version.
   */
  newEntry?: boolean
}

/** A refusal of the limits: answered as `status` with `{ error, rule }` and `Retry-After`. */
export interface Refusal {
  status: number
  rule: string
  error: string
  /** Seconds. */
  retryAfter?: number
}

export interface Coordinator {
  /** Counts a request of `caller` against the per-caller and per-IP rates. */
  admit(caller: Caller): Promise<Refusal | null>
  /** One Management API call, through the space's fair queue. */
  upstream(call: UpstreamCall, signal?: AbortSignal): Promise<UpstreamAnswer>
  /** Holds one of the IP's open-ticket places while a sign is on its way. */
  reserveTicket(ip: string): Promise<Refusal | null>
  releaseReservation(ip: string): Promise<void>
  /** Records an issued ticket (turning the IP's reservation into it when `reserved`). */
  openTicket(ticket: OpenTicket, reserved: boolean): Promise<void>
  closeTicket(assetId: number): Promise<void>
  /** Whether `assetId` has an open ticket of a new entry (so its entry is still unfinished). */
  isNewEntry(assetId: number): Promise<boolean>
  /** Deletes the unfinished entries of expired tickets (a bounded number per call). */
  sweep(): Promise<void>
}

/** Where open tickets outlive the object that holds them (a Durable Object's storage). */
export interface TicketPersistence {
  put(ticket: OpenTicket): Promise<void>
  delete(assetId: number): Promise<void>
}

export interface MemoryCoordinatorOptions {
  settings: Settings
  fetch: typeof fetch
  log: Logger
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  /** Asks for `sweep()` at `at` (ms): a timer on Node, an alarm in a Durable Object. */
  schedule?: (at: number) => void
  persistence?: TicketPersistence
  /** Tickets kept by `persistence` from an earlier life. */
  restored?: readonly OpenTicket[]
}

const SWEEP_BATCH = 20
const SWEEP_RETRY_MS = 60_000
/** The sweep's own place in the queue: one more caller, served in turn like the editors. */
const SWEEPER: Caller = { ip: 'gateway', session: 'sweep' }

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function createMemoryCoordinator({
  settings,
  fetch,
  log,
  now = Date.now,
  sleep = defaultSleep,
  schedule = () => {},
  persistence,
  restored = [],
}: MemoryCoordinatorOptions): Coordinator {
  const queue = createFairQueue({ perWindow: settings.rateLimit, now, sleep })
  const send = createUpstream({ settings, queue, fetch, now })
  const rates = createRateWindow(now)
  const tickets = new Map(restored.map((ticket) => [ticket.assetId, ticket]))
  const reserved = new Map<string, number>()

  const openOf = (ip: string) =>
    (reserved.get(ip) ?? 0) + [...tickets.values()].filter((ticket) => ticket.ip === ip).length

  function scheduleNext(extra?: number): void {
    // A loop, not Math.min(...times): spreading passes one argument per open ticket, and above
    // some 120,000 of them the call itself throws (RangeError).
    let next = extra ?? Infinity
    for (const ticket of tickets.values()) if (ticket.expiresAt < next) next = ticket.expiresAt
    if (next !== Infinity) schedule(next)
  }

  function release(ip: string): void {
    const left = (reserved.get(ip) ?? 0) - 1
    if (left > 0) reserved.set(ip, left)
    else reserved.delete(ip)
  }

  async function close(assetId: number): Promise<void> {
    if (!tickets.delete(assetId)) return
    await persistence?.delete(assetId)
  }

  return {
    async admit({ ip, session }) {
      const perIp = rates.hit(`ip ${ip}`, settings.ipRpm)
      if (perIp !== null)
        return {
          status: 429,
          rule: 'ip-rate',
          error: 'Too many requests from this address',
          retryAfter: Math.ceil(perIp / 1000),
        }
      const perCaller = rates.hit(`caller ${ip}\n${session}`, settings.callerRpm)
      if (perCaller !== null)
        return {
          status: 429,
          rule: 'caller-rate',
          error: 'Too many requests from this editor',
          retryAfter: Math.ceil(perCaller / 1000),
        }
      return null
    },

    upstream: (call, signal) => send(call, signal),

    async reserveTicket(ip) {
      if (openOf(ip) >= settings.openTickets)
        return {
          status: 429,
          rule: 'open-tickets',
          error: 'Too many unfinished uploads from this address',
          retryAfter: 60,
        }
      reserved.set(ip, (reserved.get(ip) ?? 0) + 1)
      return null
    },

    async releaseReservation(ip) {
      release(ip)
    },

    async openTicket(ticket, wasReserved) {
      if (wasReserved) release(ticket.ip)
      tickets.set(ticket.assetId, ticket)
      await persistence?.put(ticket)
      scheduleNext()
    },

    closeTicket: close,

    async isNewEntry(assetId) {
      return tickets.get(assetId)?.newEntry === true
    },

    async sweep() {
      const expired = [...tickets.values()]
        .filter((ticket) => ticket.expiresAt <= now())
        .slice(0, SWEEP_BATCH)
      for (const ticket of expired) {
        const result = await deleteIfUnfinished(send, SWEEPER, ticket.assetId)
        if (result === 'failed') {
          // Storyblok could not say: looked at again later (the ticket itself stays expired).
          const later = { ...ticket, expiresAt: now() + SWEEP_RETRY_MS }
          tickets.set(ticket.assetId, later)
          await persistence?.put(later)
          continue
        }
        await close(ticket.assetId)
        if (result === 'deleted')
          log.write({
            op: 'expire',
            assetId: ticket.assetId,
            origin: null,
            ip: ticket.ip,
            session: null,
            userId: null,
            outcome: 'ok',
            status: 200,
            detail: 'ticket expired unfinished: entry deleted',
          })
      }
      // More expired than one batch: the next batch right away (bounded per call, not in total).
      const more = [...tickets.values()].some((ticket) => ticket.expiresAt <= now())
      scheduleNext(more ? now() : undefined)
    },
  }
}
