import type { Translations } from './messages'

export const appMessages = {
  'app.loading': ['Loading…', 'Wird geladen…'],
  'app.error': [
    'The plugin could not start: {message}',
    'Das Plugin konnte nicht starten: {message}',
  ],
  'app.unknownValue': [
    'This field holds something other than an asset; it stays until you add one.',
    'Dieses Feld enthält kein Asset; der Wert bleibt, bis Sie eines hinzufügen.',
  ],
  'app.optionsHeading': [
    'Fix the field’s options in the block schema',
    'Korrigieren Sie die Feldoptionen im Block-Schema',
  ],
  'option.missing': ['“{option}” is empty.', '„{option}“ ist leer.'],
  'option.not-a-url': ['“{option}” is not a URL: {value}', '„{option}“ ist keine URL: {value}'],
  'option.insecure-url': [
    '“{option}” must use https:// (http only for localhost).',
    '„{option}“ braucht https:// (http nur für localhost).',
  ],
  'option.unknown-region': [
    '“{option}” must be eu, us, ca, ap, cn or empty.',
    '„{option}“ muss eu, us, ca, ap, cn oder leer sein.',
  ],
  'option.no-region': [
    'No region matches this space. Set “region” or “apiBaseUrl”.',
    'Keine Region passt zu diesem Space. Setzen Sie „region“ oder „apiBaseUrl“.',
  ],
  'option.not-a-positive-integer': [
    '“{option}” must be a whole number above 0.',
    '„{option}“ muss eine ganze Zahl über 0 sein.',
  ],
  'option.not-a-boolean': [
    '“{option}” must be true or false.',
    '„{option}“ muss true oder false sein.',
  ],
} as const satisfies Translations
