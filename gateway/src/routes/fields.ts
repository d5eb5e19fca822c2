// Which fields of an asset a browser may set through the gateway, as data: the description
// (texts, focus, their translations, and the internal tags) always; privacy only with
// `allowPrivacyChange`, the expiry only with `allowExpiry`; nothing else (file name, folder…).
// A new right is one more row.
import { isRecord, isTooDeep } from '../../../src/domain/record'
import type { Settings } from '../settings'
import { sameJson } from '../sameJson'
import { refuse, type Reply } from './context'

interface FieldRule {
  /** Whether the value has the field's type. */
  valid: (value: unknown) => boolean
  /** What the value must be, for the message. */
  expected: string
  /** When the field is a right the operator must switch on: the switch, and the rule refusing it. */
  right?: { allowed: (settings: Settings) => boolean; rule: string }
}

const textOrNull = (value: unknown) => value === null || typeof value === 'string'
const dateOrNull = (value: unknown) =>
  value === null ||
  (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !isNaN(Date.parse(value)))
/**
 * Storyblok's focus: a box in pixels, `"<x1>x<y1>:<x2>x<y2>"` (src/domain/focus.ts), or `""` /
 * `null` for none. Sites put it into image-service URLs (`filters:focal(<focus>)`), so nothing
 * else passes.
 */
const focusOrNone = (value: unknown) =>
  value === null || value === '' || (typeof value === 'string' && /^\d+x\d+:\d+x\d+$/.test(value))
/** Tag ids (the API checks that they are the space's asset tags); a bounded list. */
const tagIds = (value: unknown) =>
  Array.isArray(value) &&
  value.length <= 100 &&
  value.every((id) => typeof id === 'number' && Number.isSafeInteger(id) && id > 0)

/** `meta_data`'s texts: the default language's, and translations `<field>__i18n__<lang>`. */
const META_KEY = /^(alt|title|copyright|source)(__i18n__[A-Za-z0-9_-]{1,32})?$/

const TEXT: FieldRule = { valid: textOrNull, expected: 'a string or null' }

export const UPDATE_FIELDS: Readonly<Record<string, FieldRule>> = {
  alt: TEXT,
  title: TEXT,
  copyright: TEXT,
  source: TEXT,
  focus: { valid: focusOrNone, expected: 'a pixel box "<x1>x<y1>:<x2>x<y2>", "" or null' },
  meta_data: { valid: isRecord, expected: 'an object' },
  is_private: {
    valid: (value) => typeof value === 'boolean',
    expected: 'true or false',
    right: { allowed: (settings) => settings.allowPrivacyChange, rule: 'privacy-change' },
  },
  // Internal tags sort the library and never reach a published page: describing, like the texts.
  internal_tag_ids: { valid: tagIds, expected: 'an array of at most 100 tag ids' },
  // An expiry takes a published asset off every page that shows it on that day: more than a
  // description, so a right the operator switches on (README, "The upload gateway").
  expire_at: {
    valid: dateOrNull,
    expected: 'an ISO date or null',
    right: { allowed: (settings) => settings.allowExpiry, rule: 'expiry-change' },
  },
}

function refuseField(field: string): Reply {
  return refuse(403, `field:${field}`, `${field} cannot be set through the gateway`, { field })
}

/** The texts of `meta_data`: each a string or null. */
function checkMetaTexts(meta: Record<string, unknown>): Reply | null {
  for (const [key, value] of Object.entries(meta)) {
    if (META_KEY.test(key) && !textOrNull(value))
      return refuse(422, `value:meta_data.${key}`, `meta_data.${key} must be a string or null`)
  }
  return null
}

/**
 * The other keys of `meta_data` (a space's own, set elsewhere), against the library's
 * `meta_data`: the API replaces it as a whole, so the plugin sends the library's back with its
 * texts merged in. Each other key must be there with the library's value, and none of the
 * library's may be left out (that would delete it). Without the library (a new upload), other
 * keys are refused.
 */
export function checkOtherMeta(
  meta: Record<string, unknown>,
  library: Record<string, unknown> | null,
): Reply | null {
  for (const [key, value] of Object.entries(meta)) {
    if (META_KEY.test(key)) continue
    if (!library || !Object.hasOwn(library, key)) return refuseField(`meta_data.${key}`)
    // Compared recursively: a value nested deeper than any asset's is refused unread.
    if (isTooDeep(value))
      return refuse(422, `value:meta_data.${key}`, `meta_data.${key} is nested too deep`)
    if (!sameJson(value, library[key]))
      return refuse(403, `field:meta_data.${key}`, `meta_data.${key} may not be changed here`, {
        field: `meta_data.${key}`,
      })
  }
  const dropped = Object.keys(library ?? {}).find((key) => !META_KEY.test(key) && !(key in meta))
  return dropped === undefined
    ? null
    : refuse(403, `field:meta_data.${dropped}`, `meta_data.${dropped} may not be removed here`, {
        field: `meta_data.${dropped}`,
      })
}

export interface CheckOptions {
  table?: Readonly<Record<string, FieldRule>>
  /** `false` skips the switches (a new upload may be private from its first byte). */
  rights?: boolean
  /**
   * `meta_data`'s other keys: refused (`null`, nothing to compare with), or left for
   * `checkOtherMeta` once the library's asset is read (`'later'`).
   */
  library?: null | 'later'
}

/** Checks every field of `changes` against `table`; the first field at fault as a refusal, or `null`. */
export function checkFields(
  changes: Record<string, unknown>,
  settings: Settings,
  { table = UPDATE_FIELDS, rights = true, library = null }: CheckOptions = {},
): Reply | null {
  for (const [field, value] of Object.entries(changes)) {
    const rule = Object.hasOwn(table, field) ? table[field] : undefined
    if (!rule) return refuseField(field)
    if (rights && rule.right && !rule.right.allowed(settings))
      return refuse(403, rule.right.rule, `${field} may not be changed through this gateway`, {
        field,
      })
    if (!rule.valid(value))
      return refuse(422, `value:${field}`, `${field} must be ${rule.expected}`, { field })
    if (field === 'meta_data' && isRecord(value)) {
      const refused =
        checkMetaTexts(value) ?? (library === null ? checkOtherMeta(value, null) : null)
      if (refused) return refused
    }
  }
  return null
}
