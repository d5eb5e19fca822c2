// What a fault is (`POST /__emulator/faults`), and how a request for one is checked: every
// problem named at once. How a fault then applies to a request: faults.ts.
import { isRecord } from '../src/domain/record.ts'
import { ROUTE_NAMES, isRouteName, type RouteName } from './router.ts'

export type DropMode = 'before-response' | 'mid-transfer'

export interface Fault {
  id: number
  route: RouteName
  status?: number
  body?: string | Record<string, unknown> | unknown[]
  headers?: Record<string, string>
  /** Requests left to fault; -1 = until cleared. */
  times: number
  delayMs?: number
  drop?: DropMode
  /**
   * Fields laid over the route's real answer (a shallow patch; the route runs normally): over
   * the answer itself, or over its `asset` member when it is wrapped (`finish`, `delivery`).
   * Only a 2xx JSON object is patched. E.g. `{ route: 'get', patch: { content_length: 1 } }`
   * makes the next read of an asset disagree with its upload, without writing a whole asset.
   */
  patch?: Record<string, unknown>
}

/** The routes whose answer is a JSON object a `patch` can change. */
const PATCHABLE_ROUTES: readonly RouteName[] = [
  'sign',
  'finish',
  'get',
  'delete',
  'list',
  'delivery',
  'folders',
  'tags',
  'alt_text',
]

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const MAX_DELAY_MS = 10 * 60 * 1000

type FaultDraft = Omit<Fault, 'id'>

/** One option's check: sets it on the fault, or says what is wrong with it. */
type OptionCheck = (
  value: unknown,
  fault: FaultDraft,
  input: Record<string, unknown>,
) => string | undefined

/** Header names and single-line values, without the framing headers the emulator sets itself. */
function faultHeaders(headers: unknown): Record<string, string> | undefined {
  if (
    !isRecord(headers) ||
    !Object.entries(headers).every(
      ([name, value]) =>
        HEADER_NAME.test(name) && typeof value === 'string' && !/[\r\n]/.test(value),
    )
  )
    return undefined
  // The emulator frames the body itself: framing headers from the fault would corrupt the response.
  const framing = new Set(['content-length', 'transfer-encoding', 'connection'])
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !framing.has(name.toLowerCase()))
      .map(([name, value]) => [name, String(value)]),
  )
}

/** The options a fault takes, in the order their problems are reported. */
const OPTION_CHECKS: [name: string, check: OptionCheck][] = [
  [
    'status',
    (status, fault) => {
      if (!Number.isInteger(status) || Number(status) < 100 || Number(status) > 599)
        return 'status must be an integer from 100 to 599'
      fault.status = Number(status)
      return undefined
    },
  ],
  [
    'body',
    (body, fault) => {
      if (typeof body !== 'string' && !isRecord(body) && !Array.isArray(body))
        return 'body must be a string, an object or an array'
      fault.body = body
      return undefined
    },
  ],
  [
    'headers',
    (headers, fault) => {
      const checked = faultHeaders(headers)
      if (!checked) return 'headers must map header names to single-line strings'
      fault.headers = checked
      return undefined
    },
  ],
  [
    'times',
    (times, fault) => {
      if (times !== -1 && !(Number.isSafeInteger(times) && Number(times) >= 1))
        return 'times must be a positive integer or -1'
      fault.times = Number(times)
      return undefined
    },
  ],
  [
    'delayMs',
    (delayMs, fault) => {
      if (!Number.isSafeInteger(delayMs) || Number(delayMs) < 0 || Number(delayMs) > MAX_DELAY_MS)
        return `delayMs must be an integer from 0 to ${MAX_DELAY_MS}`
      fault.delayMs = Number(delayMs)
      return undefined
    },
  ],
  [
    'drop',
    (drop, fault) => {
      if (drop !== 'before-response' && drop !== 'mid-transfer')
        return "drop must be 'before-response' or 'mid-transfer'"
      fault.drop = drop
      return undefined
    },
  ],
  [
    'patch',
    (patch, fault, input) => {
      if (!isRecord(patch)) return 'patch must be an object of fields'
      if (!PATCHABLE_ROUTES.includes(fault.route))
        return `patch needs a route that answers JSON: ${PATCHABLE_ROUTES.join(', ')}`
      if (['status', 'body', 'headers', 'drop'].some((option) => input[option] !== undefined))
        return 'patch changes the real answer: it takes no status, body, headers or drop'
      fault.patch = patch
      return undefined
    },
  ],
]

/** Validates a fault description; returns the fault (without id) or the problems found. */
export function parseFault(input: unknown): { fault: FaultDraft } | { errors: string[] } {
  if (!isRecord(input)) return { errors: ['the body must be a JSON object'] }
  const errors: string[] = []
  const route = input['route']
  if (!isRouteName(route)) {
    errors.push(`route must be one of ${ROUTE_NAMES.join(', ')}`)
  }
  const fault: FaultDraft = { route: isRouteName(route) ? route : 'sign', times: 1 }
  for (const [name, check] of OPTION_CHECKS) {
    const value = input[name]
    const problem = value === undefined ? undefined : check(value, fault, input)
    if (problem) errors.push(problem)
  }
  const answers = fault.status !== undefined || fault.drop !== undefined
  const patched = input['patch'] !== undefined
  if (!answers && !patched && (fault.body !== undefined || fault.headers !== undefined)) {
    errors.push('status is required with body or headers')
  }
  if (!answers && fault.delayMs === undefined && !patched) {
    errors.push('a fault needs a status, a drop, a delayMs or a patch')
  }
  return errors.length > 0 ? { errors } : { fault }
}
