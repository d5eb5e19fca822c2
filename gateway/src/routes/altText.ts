// GET …/assets/:id/generate_image_alt_text?language=xx: Storyblok's AI alt text for an asset of
// the space, passed through (a refusal where AI is off comes back as Storyblok gives it).
import { passThrough, refuse, type Route } from './context'

const LANGUAGE = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}$/

export const altText: Route = async ({ deps, caller, assetId, query, signal }) => {
  const language = query.get('language')
  const names = [...query.keys()]
  if (names.some((name) => name !== 'language') || names.length > 1)
    return refuse(403, 'query', 'The alt text takes only a language parameter')
  if (language !== null && !LANGUAGE.test(language))
    return refuse(403, 'query:language', 'Not a language code')
  const search = language === null ? '' : `?language=${encodeURIComponent(language)}`
  const path = `/${assetId}/generate_image_alt_text${search}`
  return passThrough(
    await deps.coordinator.upstream({ caller: caller.key, method: 'GET', path }, signal),
  )
}
