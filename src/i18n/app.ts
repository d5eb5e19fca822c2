const en = {
  'app.loading': 'Loading…',
  'app.error': 'The plugin could not start: {message}',
  'app.unknownValue':
    'This field holds a value that is not an asset. It stays as it is until you upload or choose an asset.',
  'app.optionsHeading': 'This field needs a change in its options',
  'option.missing': 'The option “{option}” is empty. Set it in the block schema’s field options.',
  'option.not-a-url': 'The option “{option}” is not a valid URL (“{value}”).',
  'option.insecure-url':
    'The option “{option}” must use https:// (plain http is only allowed for localhost).',
  'option.unknown-region':
    'The option “{option}” is “{value}”; use one of eu, us, ca, ap, cn, or leave it empty.',
  'option.no-region':
    'The region could not be derived from the space id. Set the “region” or “apiBaseUrl” option.',
  'option.not-a-positive-integer':
    'The option “{option}” must be a positive whole number (“{value}”).',
  'option.not-a-boolean': 'The option “{option}” must be true or false (“{value}”).',
  'option.invalid': 'The option “{option}” is not valid (“{value}”).',
} as const

export const appMessages: { en: typeof en; de: Record<keyof typeof en, string> } = {
  en,
  de: {
    'app.loading': 'Wird geladen…',
    'app.error': 'Das Plugin konnte nicht starten: {message}',
    'app.unknownValue':
      'Dieses Feld enthält einen Wert, der kein Asset ist. Er bleibt erhalten, bis Sie ein Asset hochladen oder wählen.',
    'app.optionsHeading': 'Die Optionen dieses Felds müssen angepasst werden',
    'option.missing':
      'Die Option „{option}“ ist leer. Setzen Sie sie in den Feldoptionen des Block-Schemas.',
    'option.not-a-url': 'Die Option „{option}“ ist keine gültige URL („{value}“).',
    'option.insecure-url':
      'Die Option „{option}“ muss https:// verwenden (http ist nur für localhost erlaubt).',
    'option.unknown-region':
      'Die Option „{option}“ ist „{value}“; erlaubt sind eu, us, ca, ap, cn oder leer.',
    'option.no-region':
      'Die Region ließ sich nicht aus der Space-ID ableiten. Setzen Sie die Option „region“ oder „apiBaseUrl“.',
    'option.not-a-positive-integer':
      'Die Option „{option}“ muss eine positive ganze Zahl sein („{value}“).',
    'option.not-a-boolean': 'Die Option „{option}“ muss true oder false sein („{value}“).',
    'option.invalid': 'Die Option „{option}“ ist ungültig („{value}“).',
  },
}
