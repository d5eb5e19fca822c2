// The field's stored value with the `multiple` option: the shape of Storyblok's native
// `multiasset` field, an array of native asset values, `[]` when empty.
import { parseFieldValue, type AssetFieldValue } from './fieldValue'
import { MAX_LIST_ITEMS } from './limits'
import { isTooDeep } from './record'

export type ListValue =
  /**
   * `single`: the field held one asset value (a field switched to `multiple`). `beyond`: the
   * entries past `MAX_LIST_ITEMS`, unread, carried along unchanged.
   */
  | { kind: 'list'; items: AssetFieldValue[]; single: boolean; beyond: unknown[] }
  /** Something this plugin does not understand: shown, never overwritten until the editor acts. */
  | { kind: 'unknown'; raw: unknown }

export function parseListValue(content: unknown): ListValue {
  if (!Array.isArray(content)) {
    // Nothing yet (`undefined`, `""`, the native empty asset), or one asset: the field was a
    // single-asset field before, and its asset is offered as the first item.
    const value = parseFieldValue(content)
    if (value.kind === 'unknown') return { kind: 'unknown', raw: content }
    if (value.kind === 'empty') return { kind: 'list', items: [], single: false, beyond: [] }
    return { kind: 'list', items: [value.value], single: true, beyond: [] }
  }
  // A list longer than any gallery is shown as far as `MAX_LIST_ITEMS` and kept whole.
  const items: AssetFieldValue[] = []
  for (const entry of content.slice(0, MAX_LIST_ITEMS)) {
    const value = parseFieldValue(entry)
    // The native field never stores an empty entry; one that is not an asset makes the whole
    // value one this plugin must not rewrite.
    if (value.kind !== 'asset') return { kind: 'unknown', raw: content }
    items.push(value.value)
  }
  // Carried along unread, but written back: nothing nested deeper than an asset can be.
  const beyond = content.slice(MAX_LIST_ITEMS)
  if (isTooDeep(beyond, 32, 1_000_000)) return { kind: 'unknown', raw: content }
  return { kind: 'list', items, single: false, beyond }
}
