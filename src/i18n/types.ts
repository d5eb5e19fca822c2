/** The UI's languages, in the order of each message's translations; the first is the fallback. */
export const LOCALES = ['en', 'de'] as const
export type Locale = (typeof LOCALES)[number]

/**
 * Each feature keeps its strings in its own file (`./app.ts`, ...): every key with its text in
 * each of `LOCALES`, side by side, so a missing translation is a type error.
 */
export type Translations = Record<string, readonly [en: string, de: string]>
