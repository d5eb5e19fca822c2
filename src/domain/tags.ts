// An asset's internal tags: a set of the space's asset tag ids. The API answers them as strings
// (`["3"]`) or numbers (docs/reference/management-api-assets.md, "Beyond the upload"); here they
// are numbers, ascending, each once, so two sets compare as sets.
import { parseAssetId } from './asset'

/** The ids as a set: positive integers only (from numbers or digit strings), ascending, each once. */
export function tagSet(ids: readonly unknown[]): number[] {
  const valid = ids.flatMap((id) => parseAssetId(id) ?? [])
  return [...new Set(valid)].sort((a, b) => a - b)
}

/** Whether two tag lists name the same tags (order and repeats do not count). */
export function sameTags(a: readonly number[], b: readonly number[]): boolean {
  const left = tagSet(a)
  const right = tagSet(b)
  return left.length === right.length && left.every((id, index) => id === right[index])
}

/** A tag of the space, as the tags endpoint names it. */
export interface InternalTag {
  id: number
  name: string
}
