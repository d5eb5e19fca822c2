// "Describe selected": one value for several items at once, for the fields an asset shares with
// others of its kind (copyright, source, tags, expiry, privacy; never alt text, which describes
// one image). Before a value overwrites another, the items that hold a different one are named.
import { sameValue, type AssetDraft } from './draft'

export const BULK_FIELDS = [
  'copyright',
  'source',
  'internal_tag_ids',
  'expire_at',
  'is_private',
] as const
export type BulkField = (typeof BULK_FIELDS)[number]

/** The values to set: only the fields present are changed. */
export type BulkPatch = Partial<Pick<AssetDraft, BulkField>>

/** The fields a patch sets, in the form's order. */
export const patchFields = (patch: BulkPatch): BulkField[] =>
  BULK_FIELDS.filter((field) => patch[field] !== undefined)

/** Whether `draft` holds nothing for `field` (privacy always holds a value). */
function isEmpty(draft: AssetDraft, field: BulkField): boolean {
  if (field === 'is_private') return false
  if (field === 'internal_tag_ids') return draft.internal_tag_ids.length === 0
  return draft[field] === ''
}

/** `draft` with `patch` over it (only the fields present). */
function withPatch(draft: AssetDraft, patch: BulkPatch): AssetDraft {
  return { ...draft, ...Object.fromEntries(patchFields(patch).map((f) => [f, patch[f]])) }
}

/**
 * Whether setting `patch[field]` would overwrite a value of `draft`: it holds one, and another
 * (an empty field is filled, not overwritten).
 */
export function holdsOther(draft: AssetDraft, field: BulkField, patch: BulkPatch): boolean {
  if (patch[field] === undefined || isEmpty(draft, field)) return false
  return !sameValue(field, draft, withPatch(draft, patch))
}

/** Per field the patch sets, the keys of the items it would overwrite (fields with none left out). */
export function overwrites<K>(
  items: readonly { key: K; draft: AssetDraft }[],
  patch: BulkPatch,
): Map<BulkField, K[]> {
  const found = new Map<BulkField, K[]>()
  for (const field of patchFields(patch)) {
    const keys = items.filter(({ draft }) => holdsOther(draft, field, patch)).map(({ key }) => key)
    if (keys.length) found.set(field, keys)
  }
  return found
}

/**
 * The draft with the patch applied; `keepTheirs`: a field that holds another value keeps it.
 * The same object when nothing changes.
 */
export function applyPatch(draft: AssetDraft, patch: BulkPatch, keepTheirs = false): AssetDraft {
  const fields = patchFields(patch).filter(
    (field) => !(keepTheirs && holdsOther(draft, field, patch)),
  )
  const next = withPatch(draft, Object.fromEntries(fields.map((field) => [field, patch[field]])))
  return fields.some((field) => !sameValue(field, draft, next)) ? next : draft
}
