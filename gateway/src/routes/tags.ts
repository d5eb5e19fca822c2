// GET …/internal_tags: the space's asset tags, read-only, so the form can name an asset's tags.
// Only asset tags (`by_object_type=asset`, also when not asked), a page of at most 100; only
// each tag's id, name and type go back. Creating, renaming or deleting a tag is not an editor's
// job here: those calls are refused like any other.
import { isRecord } from '../../../src/domain/record'
import { parseJson } from '../assetJson'
import { jsonReply, passThrough, refuse, succeeded, type Reply, type Route } from './context'

const TAG_PARAMS: Record<string, (value: string) => boolean> = {
  by_object_type: (value) => value === 'asset',
  per_page: (value) => /^\d{1,3}$/.test(value) && +value >= 1 && +value <= 100,
  page: (value) => /^\d{1,5}$/.test(value) && +value >= 1,
}

function tagQuery(query: URLSearchParams): URLSearchParams | Reply {
  const forward = new URLSearchParams({ by_object_type: 'asset' })
  const seen = new Set<string>()
  for (const [name, value] of query) {
    const valid = Object.hasOwn(TAG_PARAMS, name) ? TAG_PARAMS[name] : undefined
    if (!valid) return refuse(403, `query:${name}`, `The tags take no ${name} parameter here`)
    if (seen.has(name) || !valid(value))
      return refuse(403, `query:${name}`, `${name} is out of range or given twice`)
    seen.add(name)
    forward.set(name, value)
  }
  return forward
}

export const tags: Route = async ({ deps, caller, query, signal }) => {
  const forward = tagQuery(query)
  if (!(forward instanceof URLSearchParams)) return forward
  const answer = await deps.coordinator.upstream(
    { caller: caller.key, method: 'GET', resource: 'internal_tags', path: `?${forward}` },
    signal,
  )
  if (!succeeded(answer)) return passThrough(answer)
  const value = parseJson(answer.body)
  const list = isRecord(value) && Array.isArray(value.internal_tags) ? value.internal_tags : null
  if (!list) return refuse(502, 'upstream-answer', 'Storyblok answered unreadably')
  const picked = list.flatMap((tag: unknown) =>
    isRecord(tag) ? [{ id: tag.id, name: tag.name, object_type: tag.object_type }] : [],
  )
  const { total } = answer.headers
  return jsonReply(200, { internal_tags: picked }, total ? { total } : {})
}
