// Language codes as the editor reports them (`interfaceLang: 'de-DE'`, `storyLang: 'de'`).

/** The base code of a language tag, lower case: `'de-DE'` → `'de'`, `'pt_BR'` → `'pt'`; `''` for none. */
export function baseLanguage(tag: string | undefined | null): string {
  return (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? ''
}
