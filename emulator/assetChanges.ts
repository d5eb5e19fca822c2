// The asset metadata a client may set: through an update (`PUT /assets/:id`, JSON) or, as the
// OpenAPI lists them, through the sign call's parameters (query string, form or JSON). One
// validator for both, so the two routes accept the same values with the same 422 messages.
// See README.md, readings 9 and 19.
import type { KnownIds } from './catalog.ts'
import { isRecord } from '../src/domain/record.ts'
import type { AssetRecord } from './store.ts'

/** An integer from JSON or a query string (`"12"`); `null` for null/""; `undefined` when invalid. */
export function optionalInteger(value: unknown): number | null | undefined {
  if (value === null || value === '') return null
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value
  if (typeof value === 'string' && /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)))
    return Number(value)
  return undefined
}

const TEXT_FIELDS = ['alt', 'title', 'copyright', 'source'] as const
const FOCUS = /^\d+x\d+:\d+x\d+$/

function isDateString(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))
}

export type ChangesResult =
  { errors: Record<string, string[]> } | { apply: (asset: AssetRecord) => void }

/** One change to an asset, made only once every field has passed. */
type Step = (asset: AssetRecord) => void

/** One field's check: the change its value makes, or what is wrong with the value. */
type FieldCheck = (value: unknown, known: KnownIds) => Step | string[]

// meta_data first, mirrored to the top level for the default texts it holds (Storyblok's docs
// name meta_data as the place for them); the top-level texts are mirrored into it afterwards,
// so where both are given the top level wins (README.md, reading 9).
const metaDataChange: FieldCheck = (value) => {
  if (value === null) return (asset) => (asset.meta_data = {})
  if (!isRecord(value)) return ['must be an object']
  return (asset) => {
    asset.meta_data = structuredClone(value)
    for (const name of TEXT_FIELDS) {
      const text = value[name]
      if (typeof text === 'string' || text === null) asset[name] = text
    }
  }
}

const textChange =
  (name: (typeof TEXT_FIELDS)[number]): FieldCheck =>
  (value) => {
    if (value !== null && typeof value !== 'string') return ['must be a string']
    return (asset) => {
      asset[name] = value
      if (value === null) delete asset.meta_data[name]
      else asset.meta_data[name] = value
    }
  }

const focusChange: FieldCheck = (value) => {
  if (value === null || value === '' || (typeof value === 'string' && FOCUS.test(value)))
    return (asset) => (asset.focus = value)
  return [typeof value === 'string' ? 'is invalid' : 'must be a string']
}

const privacyChange: FieldCheck = (value) => {
  if (typeof value === 'boolean') return (asset) => (asset.is_private = value)
  return ['must be a boolean']
}

const folderChange: FieldCheck = (value, known) => {
  if (value === null || (typeof value === 'number' && known.hasFolder(value)))
    return (asset) => (asset.asset_folder_id = value)
  if (typeof value === 'number' && Number.isSafeInteger(value)) return ['does not exist']
  return ['must be an integer']
}

const dateChange =
  (name: 'expire_at' | 'publish_at'): FieldCheck =>
  (value) => {
    if (value === null || value === '') return (asset) => (asset[name] = null)
    if (typeof value === 'string' && isDateString(value))
      return (asset) => (asset[name] = new Date(value).toISOString())
    return ['is not a valid date']
  }

const tagsChange: FieldCheck = (value, known) => {
  const ids = Array.isArray(value) ? value.map(optionalInteger) : undefined
  const numbers = ids?.every((id): id is number => typeof id === 'number') ? ids : undefined
  const unknown = numbers?.filter((id) => !known.hasAssetTag(id)) ?? []
  if (!numbers) return ['must be an array of integers']
  if (unknown.length > 0) return [`include unknown asset tags: ${unknown.join(', ')}`]
  return (asset) => (asset.internal_tag_ids = [...new Set(numbers)].map(String))
}

/** The fields a client may set, in the order their changes apply and their errors are listed. */
const FIELD_CHECKS: (readonly [name: string, check: FieldCheck])[] = [
  ['meta_data', metaDataChange],
  ...TEXT_FIELDS.map((name) => [name, textChange(name)] as const),
  ['focus', focusChange],
  ['is_private', privacyChange],
  ['asset_folder_id', folderChange],
  ['expire_at', dateChange('expire_at')],
  ['publish_at', dateChange('publish_at')],
  ['internal_tag_ids', tagsChange],
]

/**
 * Validates the metadata in `input` (unknown keys are ignored); returns Rails-style errors for
 * every bad field at once, or the changes to apply. Values must have their JSON types: text
 * from a query string or a form goes through `castTextParams` first. A folder or tag id must
 * name one of the space's (`known`): see README.md, reading 20.
 */
export function validateAssetChanges(
  input: Record<string, unknown>,
  known: KnownIds,
): ChangesResult {
  const errors: Record<string, string[]> = {}
  const steps: Step[] = []
  for (const [name, check] of FIELD_CHECKS) {
    if (!Object.prototype.hasOwnProperty.call(input, name)) continue
    const change = check(input[name], known)
    if (Array.isArray(change)) errors[name] = change
    else steps.push(change)
  }
  if (Object.keys(errors).length > 0) return { errors }
  return { apply: (asset) => steps.forEach((step) => step(asset)) }
}

/**
 * Casts text parameters (a query string or a form, where every value is a string) to the JSON
 * types `validateAssetChanges` expects, as Rails casts form input: `is_private` from
 * `true`/`1`/`false`/`0`, `asset_folder_id` from digits (`""` = none), and the blank entries a
 * form adds to `internal_tag_ids[]` dropped. Anything else is left as it is, so the validator
 * reports it with its usual message.
 */
export function castTextParams(params: Record<string, unknown>): Record<string, unknown> {
  const cast = { ...params }
  const isPrivate = cast['is_private']
  if (isPrivate === 'true' || isPrivate === '1') cast['is_private'] = true
  else if (isPrivate === 'false' || isPrivate === '0') cast['is_private'] = false
  const folder = cast['asset_folder_id']
  if (typeof folder === 'string' && optionalInteger(folder) !== undefined) {
    cast['asset_folder_id'] = optionalInteger(folder)
  }
  const tags = cast['internal_tag_ids']
  if (Array.isArray(tags)) cast['internal_tag_ids'] = tags.filter((tag) => tag !== '')
  return cast
}

/**
 * Rails-style parameter names, as a query string or a form carries them: `a`, `a[]` (an
 * array), `a[b][c]` (nested objects) and `a[b][]`. A name that fits none of these is kept as
 * it is. The records have no prototype, so a name like `__proto__[x]` is only a key.
 */
export function nestedParams(entries: Iterable<[string, string]>): Record<string, unknown> {
  const params: Record<string, unknown> = Object.create(null)
  for (const [name, value] of entries) {
    const match = /^([^[\]]+)((?:\[[^[\]]+\])*)(\[\])?$/.exec(name)
    if (!match) {
      params[name] = value
      continue
    }
    const [, first = name, nested = '', list] = match
    const keys = [first, ...Array.from(nested.matchAll(/\[([^[\]]+)\]/g), (m) => m[1] ?? '')]
    const last = keys.pop() ?? first
    let target = params
    for (const key of keys) {
      const next = target[key]
      if (isRecord(next)) {
        target = next
      } else {
        const created: Record<string, unknown> = Object.create(null)
        target[key] = created
        target = created
      }
    }
    const existing = target[last]
    if (list === undefined) target[last] = value
    else if (Array.isArray(existing)) existing.push(value)
    else target[last] = [value]
  }
  return params
}
