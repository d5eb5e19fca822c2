// What the asset folder and internal tag routes share (folders.ts, internalTags.ts): their
// parameters come wrapped (`{asset_folder: {…}}`, `{internal_tag: {…}}`), a member is `:id` in
// the path, a name must be a string that is not blank, and each route is a Management API route
// behind the token, the rate limit and the space check.
import { isRecord } from '../src/domain/record.ts'
import { nestedParams } from './assetChanges.ts'
import { readBodyParams } from './http.ts'
import { guarded, type MapiDeps } from './mapi.ts'
import type { RequestContext, Route, RouteName } from './router.ts'

/** Rails-style field errors: `{ name: ["can't be blank"] }`. */
export type Errors = Record<string, string[]>

/**
 * The `wrapper` parameters of a JSON or form body, and whether they came from a form (whose
 * values are text); `undefined` when the wrapper is missing.
 */
export async function wrappedParams(
  ctx: RequestContext,
  wrapper: string,
): Promise<{ input: Record<string, unknown>; form: boolean } | undefined> {
  const body = await readBodyParams(ctx)
  const params = body.kind === 'json' ? body.value : nestedParams(body.fields)
  const input = params[wrapper]
  return isRecord(input) ? { input, form: body.kind === 'form' } : undefined
}

/** What Rails answers (400) when the wrapper is missing. */
export const missingWrapper = (wrapper: string): { error: string } => ({
  error: `param is missing or the value is empty: ${wrapper}`,
})

/** The member's `:id`, when it is digits. */
export function pathId(ctx: RequestContext): number | undefined {
  const id = ctx.params['id'] ?? ''
  return /^\d+$/.test(id) ? Number(id) : undefined
}

/** A query parameter that lists values with commas (`by_ids=1,2`); undefined when absent. */
export function commaList(query: URLSearchParams, name: string): string[] | undefined {
  return query
    .get(name)
    ?.split(',')
    .map((value) => value.trim())
}

/** A `name` as given: the name, or why it cannot be one. */
export function checkName(value: unknown): { name: string } | { error: string } {
  if (value !== undefined && value !== null && typeof value !== 'string')
    return { error: 'must be a string' }
  if (typeof value !== 'string' || value.trim() === '') return { error: "can't be blank" }
  return { name: value }
}

/** Makes the routes of one route name, each guarded as every Management API route is. */
export function guardedRoutes(deps: MapiDeps, name: RouteName) {
  return (methods: string[], pattern: string, handle: Route['handle']): Route => ({
    methods,
    pattern,
    area: 'mapi',
    name,
    handle: guarded(deps, async (ctx) => handle(ctx)),
  })
}
