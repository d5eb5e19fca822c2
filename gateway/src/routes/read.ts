// Reads: one asset of the space (a field that already holds it, the picker's answer), and the
// list the plugin's sweep and duplicate check use. Only the fields the form needs go back; a
// private file stays reachable only through Storyblok's signed URLs (the gateway never serves
// file bytes).
import { isRecord } from '../../../src/domain/record'
import { filterAnswer, parseJson, pickReadFields } from '../assetJson'
import { jsonReply, passThrough, refuse, succeeded, type Reply, type Route } from './context'

export const read: Route = async ({ deps, caller, assetId, signal }) => {
  const answer = await deps.coordinator.upstream(
    { caller: caller.key, method: 'GET', path: `/${assetId}` },
    signal,
  )
  if (!succeeded(answer)) return passThrough(answer)
  const filtered = filterAnswer(parseJson(answer.body))
  return filtered
    ? jsonReply(answer.status, filtered)
    : refuse(502, 'upstream-answer', 'Storyblok answered unreadably')
}

/** The list's parameters: each with its check. Anything else is refused. */
const LIST_PARAMS: Record<string, (value: string) => boolean> = {
  search: (value) => value.length <= 200,
  in_folder: (value) => /^\d{1,16}$/.test(value),
  per_page: (value) => /^\d{1,3}$/.test(value) && +value >= 1 && +value <= 100,
  page: (value) => /^\d{1,5}$/.test(value) && +value >= 1,
}

function listQuery(query: URLSearchParams): URLSearchParams | Reply {
  const forward = new URLSearchParams()
  for (const [name, value] of query) {
    const valid = Object.hasOwn(LIST_PARAMS, name) ? LIST_PARAMS[name] : undefined
    if (!valid) return refuse(403, `query:${name}`, `The list takes no ${name} parameter here`)
    if (forward.has(name) || !valid(value))
      return refuse(403, `query:${name}`, `${name} is out of range or given twice`)
    forward.set(name, value)
  }
  return forward
}

export const list: Route = async ({ deps, caller, query, signal }) => {
  const forward = listQuery(query)
  if (!(forward instanceof URLSearchParams)) return forward
  const search = forward.size ? `?${forward}` : ''
  const answer = await deps.coordinator.upstream(
    { caller: caller.key, method: 'GET', path: search },
    signal,
  )
  if (!succeeded(answer)) return passThrough(answer)
  const value = parseJson(answer.body)
  const assets = isRecord(value) && Array.isArray(value.assets) ? value.assets : null
  if (!assets) return refuse(502, 'upstream-answer', 'Storyblok answered unreadably')
  const picked = assets.map((asset: unknown) => (isRecord(asset) ? pickReadFields(asset) : null))
  const { total, 'per-page': perPage } = answer.headers
  return jsonReply(
    200,
    { assets: picked },
    {
      ...(total ? { total } : {}),
      ...(perPage ? { 'per-page': perPage } : {}),
    },
  )
}
