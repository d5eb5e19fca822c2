// What the Management API client (./client.ts) is made with: where it calls, with which
// credentials (a token, or the upload gateway), and the parts of the environment it uses.
import type { Sleep } from './abort'
import type { Ledger, Locks } from './throttle'

/** The part of `fetch` the client uses. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/** Who calls the upload gateway: the gateway shares Storyblok's rate limit fairly among them. */
export interface GatewayCaller {
  /** A random id of this plugin instance (`[A-Za-z0-9_-]{8,64}`). */
  session: string
  /** The user id the editor reported; the gateway logs it, marked unverified. */
  userId?: number
  /**
   * The space's preview token, as the editor hands it to the plugin (`token` in its state): the
   * gateway serves only holders of this space's. Sent only to the gateway, in a header.
   */
  previewToken?: string
}

export interface ManagementClientOptions {
  /**
   * The API base with its version, e.g. `https://mapi.storyblok.com/v1`, or the upload gateway's
   * `<gatewayUrl>/v1`.
   */
  baseUrl: string
  spaceId: number
  /**
   * A personal access token, or `Bearer <oauth token>`; sent as is in `Authorization`. Exactly
   * one of `token` and `gateway` is given.
   */
  token?: string
  /** Through the upload gateway: no token in the browser. */
  gateway?: GatewayCaller
  /** @default globalThis.fetch */
  fetch?: FetchLike
  /** Request starts per second; `null` turns throttling off. @default 3 (Storyblok's Starter plan) */
  rateLimit?: number | null
  /** Per attempt, including reading the answer. @default 30000 */
  timeoutMs?: number
  /** Attempts per call, the first included. @default 4 */
  maxAttempts?: number
  /** @default Date.now */
  now?: () => number
  /** @default setTimeout-based, abortable */
  sleep?: Sleep
  /** @default Math.random */
  random?: () => number
  /**
   * Where the rate limit's places are kept: shared by every client of the same space on this
   * origin (every field's iframe, every tab). @default browserLocks()
   */
  locks?: Locks
  /**
   * Where the answers of the last second are noted for a re-created iframe (whose locks were
   * released). `null`: nowhere. @default localStorage, per space
   */
  ledger?: Ledger | null
}
