// The plugin options the page sends in the schema: prefilled for this emulator, edited in the
// side panel, kept in the page's localStorage.
import type { FieldPluginOption } from './protocol.ts'
import { isRecord } from '../../src/domain/record.ts'
import type { EditorSettings } from './settings.ts'

const STORAGE_KEY = 'local-storyblok:options'

/**
 * The options the field type declares, as a developer fills them in for this emulator: the
 * token, the API base and the asset token set, the rest empty.
 */
export function defaultOptions(settings: EditorSettings): FieldPluginOption[] {
  const values: Record<string, string> = {
    managementToken: settings.token,
    apiBaseUrl: settings.apiBaseUrl,
    assetToken: settings.assetToken,
  }
  return settings.optionNames.map((name) => ({ name, value: values[name] ?? '' }))
}

function isOption(value: unknown): value is FieldPluginOption {
  return isRecord(value) && typeof value['name'] === 'string' && typeof value['value'] === 'string'
}

export function loadOptions(settings: EditorSettings): FieldPluginOption[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null')
    if (Array.isArray(stored) && stored.every(isOption))
      return stored.map(({ name, value }) => ({ name, value }))
  } catch {
    // Unreadable storage: fall back to the defaults.
  }
  return defaultOptions(settings)
}

export function saveOptions(options: readonly FieldPluginOption[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(options))
  } catch {
    // Storage full or disabled: the options still apply to this page.
  }
}

/** `options` with the values of `overrides` (the URL's), added where the list lacks them. */
export function withOverrides(
  options: readonly FieldPluginOption[],
  overrides: Readonly<Record<string, string>>,
): FieldPluginOption[] {
  const result = options.map(({ name, value }) => ({ name, value: overrides[name] ?? value }))
  for (const [name, value] of Object.entries(overrides))
    if (!result.some((option) => option.name === name)) result.push({ name, value })
  return result
}
