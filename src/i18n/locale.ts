import { readonly, ref, type Ref } from 'vue'
import { baseLanguage } from '../domain/language'
import { messages, type MessageKey } from './messages'
import { LOCALES, type Locale } from './types'

export type { Locale }

/** The plugin UI's language: follows the editor's interface language, English as the fallback. */
export const locale = ref<Locale>('en')

export function isLocale(value: string): value is Locale {
  return LOCALES.some((known) => known === value)
}

/** Accepts the editor's `interfaceLang` (`'de'`, `'de-DE'`, `'en'`, ...) and picks the closest locale. */
export function setLocale(interfaceLang: string | undefined): void {
  const base = baseLanguage(interfaceLang)
  locale.value = isLocale(base) ? base : 'en'
}

export type MessageParams = Record<string, string | number>

/** `{name}` placeholders are replaced with params; the result is plain text, never HTML. */
export function translate(
  key: MessageKey,
  params: MessageParams = {},
  lang: Locale = locale.value,
): string {
  const texts: readonly string[] = messages[key]
  const template = texts[LOCALES.indexOf(lang)] ?? texts[0] ?? key
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  )
}

/** `t` translates into the current locale; a render that calls it follows the locale. */
export function useI18n(): { locale: Readonly<Ref<Locale>>; t: typeof translate } {
  return { locale: readonly(locale), t: translate }
}
