// Which fields of an asset a browser may set through the gateway, as data: the description
// (texts, focus, their translations) always; privacy only with `allowPrivacyChange`; nothing
// else (file name, folder, tags, expiry…). A new right is one more row (expiry and tags later).
import { isRecord } from '../../../src/domain/record'
import type { Settings } from '../settings'
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

/** `meta_data`'s texts: the default language's, and translations `<field>__i18n__<lang>`. */
const META_KEY = /^(alt|title|copyright|source)(__i18n__[A-Za-z0-9_-]{1,32})?$/

const TEXT: FieldRule = { valid: textOrNull, expected: 'a string or null' }

export const UPDATE_FIELDS: Readonly<Record<string, FieldRule>> = {
  alt: TEXT,
  title: TEXT,
  copyright: TEXT,
  source: TEXT,
  focus: TEXT,
  meta_data: { valid: isRecord, expected: 'an object' },
  is_private: {
    valid: (value) => typeof value === 'boolean',
    expected: 'true or false',
    right: { allowed: (settings) => settings.allowPrivacyChange, rule: 'privacy-change' },
  },
}

function refuseField(field: string): Reply {
  return refuse(403, `field:${field}`, `${field} cannot be set through the gateway`, { field })
}

function checkMetaData(meta: Record<string, unknown>): Reply | null {
  for (const [key, value] of Object.entries(meta)) {
    if (!META_KEY.test(key)) return refuseField(`meta_data.${key}`)
    if (!textOrNull(value))
      return refuse(422, `value:meta_data.${key}`, `meta_data.${key} must be a string or null`)
  }
  return null
}

/**
 * Checks every field of `changes` against `table`; the first field at fault as a refusal, or
 * `null`. `rights: false` skips the switches (a new upload may be private from its first byte).
 */
export function checkFields(
  changes: Record<string, unknown>,
  settings: Settings,
  { table = UPDATE_FIELDS, rights = true } = {},
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
      const refused = checkMetaData(value)
      if (refused) return refused
    }
  }
  return null
}
