// Who may call: the editor's preview token (README, "Who can call the gateway"). A field plugin
// has no signed identity, but Storyblok's editor hands it the space's preview (draft) Delivery
// API token, which only people with access to the space hold. The gateway asks the Delivery
// API which space a token belongs to (`GET {base}/spaces/me?token=`) and, since that answers
// for the space's public token too (which public sites ship in their pages), whether the token
// may read drafts (`GET {base}/stories?version=draft&per_page=1&token=`: a public token gets
// 401, https://github.com/storyblok/storyblok-js-client/issues/956). A call goes through only
// with a preview token of its own space. Both answers are kept together per token for a few
// minutes (a refusal for less), keyed by the token's SHA-256, never by the token itself; on
// Workers per isolate.
import { isRecord } from '../../src/domain/record'
import { limited, refuse, type Reply } from './routes/context'
import type { Settings } from './settings'

export interface PreviewTokenCheckOptions {
  settings: Pick<Settings, 'deliveryBase' | 'spaceId'>
  fetch: typeof fetch
  now: () => number
  /** How long a token of this space is believed. @default 300000 (5 minutes) */
  validMs?: number
  /** How long a refused token stays refused. @default 30000 */
  invalidMs?: number
  /** Tokens remembered at most (the oldest go first). @default 1000 */
  maxEntries?: number
  /** For both questions together. @default 10000 */
  timeoutMs?: number
}

/** `null`: the token is this space's; else the refusal to answer. */
export type PreviewTokenCheck = (token: string | null) => Promise<Reply | null>

/** `public`: a token of this space that may not read drafts (the public token). */
type Verdict = 'valid' | 'invalid' | 'public' | Reply
type Kept = Exclude<Verdict, Reply>

/** What Storyblok's preview tokens look like (`ask9soUkv02QqbZgmZdeDAtt`), with room to spare. */
const TOKEN_SHAPE = /^[\w-]{1,128}$/

const BUSY = 'Storyblok is busy checking the preview token; try again shortly'
const FOR_EDITORS = 'The upload gateway accepts only editors of this space'

export const missingToken = (): Reply =>
  refuse(403, 'preview-token', `${FOR_EDITORS}: the editor sent no preview token`)

const notThisSpace = (): Reply =>
  refuse(403, 'preview-token', `${FOR_EDITORS}: the preview token sent is not this space's`)

const publicToken = (): Reply =>
  refuse(
    403,
    'preview-token',
    `${FOR_EDITORS}: a public token is not enough, the space's preview token is needed`,
  )

const refusals: Record<Kept, () => Reply | null> = {
  valid: () => null,
  invalid: notThisSpace,
  public: publicToken,
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Storyblok's failure (not kept), or `null` when the answer may be read. */
const failureOf = (response: Response): Reply | null =>
  response.status === 429 || response.status >= 500
    ? limited({ status: 503, rule: 'upstream-busy', error: BUSY, retryAfter: 5 })
    : null

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    return undefined
  }
}

/** `spaces/me` read as a verdict: whose token it is. */
async function spaceVerdict(response: Response, spaceId: number): Promise<Verdict> {
  const failure = failureOf(response)
  if (failure) return failure
  if (response.status !== 200) return response.status >= 400 ? 'invalid' : unreadable()
  const body = await jsonOf(response)
  const space = isRecord(body) && isRecord(body['space']) ? body['space'] : null
  if (!space || typeof space['id'] !== 'number') return unreadable()
  return space['id'] === spaceId ? 'valid' : 'invalid'
}

/** `stories?version=draft` read as a verdict: a preview token reads drafts, a public one not. */
async function draftVerdict(response: Response): Promise<Verdict> {
  const failure = failureOf(response)
  if (failure) return failure
  if (response.status === 401 || response.status === 403) return 'public'
  if (response.status !== 200) return unreadable()
  const body = await jsonOf(response)
  return isRecord(body) && Array.isArray(body['stories']) ? 'valid' : unreadable()
}

const unreadable = () =>
  refuse(502, 'upstream-answer', 'Storyblok answered the check of the preview token unreadably')

/** Two questions to the Delivery API. Never throws: a failure is a refusal with its rule. */
async function ask(
  {
    settings,
    fetch,
    timeoutMs,
  }: Required<Pick<PreviewTokenCheckOptions, 'settings' | 'fetch' | 'timeoutMs'>>,
  token: string,
): Promise<Verdict> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const get = (pathAndQuery: string) =>
    fetch(`${settings.deliveryBase}/${pathAndQuery}token=${encodeURIComponent(token)}`, {
      signal: controller.signal,
    })
  try {
    const space = await spaceVerdict(await get('spaces/me?'), settings.spaceId)
    // Only a token of this space is asked about drafts: another's needs no second question.
    if (space !== 'valid') return space
    return await draftVerdict(await get('stories?version=draft&per_page=1&'))
  } catch {
    // The error is not kept: a runtime's message may quote the URL, and with it the token.
    return controller.signal.aborted
      ? refuse(504, 'upstream-timeout', 'Storyblok did not answer the check of the preview token')
      : refuse(
          502,
          'upstream-unreachable',
          'Storyblok could not be reached to check the preview token',
        )
  } finally {
    clearTimeout(timer)
  }
}

export function createPreviewTokenCheck({
  settings,
  fetch,
  now,
  validMs = 300_000,
  invalidMs = 30_000,
  maxEntries = 1000,
  timeoutMs = 10_000,
}: PreviewTokenCheckOptions): PreviewTokenCheck {
  const known = new Map<string, { verdict: Kept; until: number }>()
  /** One check with Storyblok per token at a time, however many calls carry it. */
  const asking = new Map<string, Promise<Verdict>>()

  function remember(key: string, answer: Kept): void {
    known.delete(key)
    while (known.size >= maxEntries) known.delete(known.keys().next().value ?? '')
    known.set(key, { verdict: answer, until: now() + (answer === 'valid' ? validMs : invalidMs) })
  }

  async function verdict(token: string): Promise<Verdict> {
    const key = await sha256Hex(token)
    const kept = known.get(key)
    if (kept && kept.until > now()) return kept.verdict
    let pending = asking.get(key)
    if (!pending) {
      pending = ask({ settings, fetch, timeoutMs }, token).finally(() => asking.delete(key))
      asking.set(key, pending)
    }
    const answer = await pending
    if (typeof answer === 'string') remember(key, answer)
    return answer
  }

  return async (token) => {
    if (token === null || token.trim() === '') return missingToken()
    if (!TOKEN_SHAPE.test(token)) return notThisSpace()
    const answer = await verdict(token)
    return typeof answer === 'string' ? refusals[answer]() : answer
  }
}
