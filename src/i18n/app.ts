const en = {
  'app.loading': 'Loading…',
  'app.error': 'The plugin could not start: {message}',
  'app.unknownValue': 'This field holds something other than an asset; it stays until you add one.',
  'app.optionsHeading': 'Fix the field’s options in the block schema',
  'option.missing': '“{option}” is empty.',
  'option.not-a-url': '“{option}” is not a URL: {value}',
  'option.insecure-url': '“{option}” must use https:// (http only for localhost).',
  'option.unknown-region': '“{option}” must be eu, us, ca, ap, cn or empty.',
  'option.no-region': 'No region matches this space. Set “region” or “apiBaseUrl”.',
  'option.not-a-positive-integer': '“{option}” must be a whole number above 0.',
  'option.not-a-boolean': '“{option}” must be true or false.',
} as const

export const appMessages: { en: typeof en; de: Record<keyof typeof en, string> } = {
  en,
  de: {
    'app.loading': 'Wird geladen…',
    'app.error': 'Das Plugin konnte nicht starten: {message}',
    'app.unknownValue':
      'Dieses Feld enthält kein Asset; der Wert bleibt, bis Sie eines hinzufügen.',
    'app.optionsHeading': 'Korrigieren Sie die Feldoptionen im Block-Schema',
    'option.missing': '„{option}“ ist leer.',
    'option.not-a-url': '„{option}“ ist keine URL: {value}',
    'option.insecure-url': '„{option}“ braucht https:// (http nur für localhost).',
    'option.unknown-region': '„{option}“ muss eu, us, ca, ap, cn oder leer sein.',
    'option.no-region':
      'Keine Region passt zu diesem Space. Setzen Sie „region“ oder „apiBaseUrl“.',
    'option.not-a-positive-integer': '„{option}“ muss eine ganze Zahl über 0 sein.',
    'option.not-a-boolean': '„{option}“ muss true oder false sein.',
  },
}
