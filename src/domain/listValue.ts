// The field's stored value with the `multiple` option: the shape of Storyblok's native
// `multiasset` field, an array of native asset values, `[]` when empty.
import { parseFieldValue, type AssetFieldValue } from './fieldValue'

export type ListValue =
  /** `single`: the field held one asset value (a field switched to `multiple`). */
  | { kind: 'list'; items: AssetFieldValue[]; single: boolean }
  /** Something this plugin does not understand: shown, never overwritten until the editor acts. */
  | { kind: 'unknown'; raw: unknown }

/** An array longer than any gallery is not a value of this field (and could freeze the form). */
const MAX_ITEMS = 1000

export function parseListValue(content: unknown): ListValue {
  if (!Array.isArray(content)) {
    // Nothing yet (`undefined`, `""`, the native empty asset), or one asset: the field was a
    // single-asset field before, and its asset is offered as the first item.
    const value = parseFieldValue(content)
    if (value.kind === 'unknown') return { kind: 'unknown', raw: content }
    if (value.kind === 'empty') return { kind: 'list', items: [], single: false }
    return { kind: 'list', items: [value.value], single: true }
  }
  if (content.length > MAX_ITEMS) return { kind: 'unknown', raw: content }
  const items: AssetFieldValue[] = []
  for (const entry of content) {
    const value = parseFieldValue(entry)
    // The native field never stores an empty entry; one that is not an asset makes the whole
    // value one this plugin must not rewrite.
    if (value.kind !== 'asset') return { kind: 'unknown', raw: content }
    items.push(value.value)
  }
  return { kind: 'list', items, single: false }
}
