import type { Translations } from './types'

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
  'option.no-access': [
    'Set “gatewayUrl” to your upload gateway (recommended: no token reaches the browser), or “managementToken” for a trusted team.',
    'Setzen Sie „gatewayUrl“ auf Ihr Upload-Gateway (empfohlen: kein Token erreicht den Browser) oder „managementToken“ für ein vertrautes Team.',
  ],
  'option.remove-with-gateway': [
    'Remove “managementToken”: with “gatewayUrl” the gateway holds the token, and every editor who opens the story would receive this one.',
    'Entfernen Sie „managementToken“: Mit „gatewayUrl“ hält das Gateway das Token, und jede Person, die die Story öffnet, bekäme dieses.',
  ],
  'option.token-format': [
    '“{option}” holds a space or a line break: copy the token again (an OAuth token as “Bearer <token>”).',
    '„{option}“ enthält ein Leerzeichen oder einen Zeilenumbruch: Kopieren Sie das Token erneut (ein OAuth-Token als „Bearer <Token>“).',
  ],
  'option.not-a-url': ['“{option}” is not a URL: {value}', '„{option}“ ist keine URL: {value}'],
  'option.insecure-url': [
    '“{option}” must use https:// (http only for localhost).',
    '„{option}“ braucht https:// (http nur für localhost).',
  ],
  'option.credentials-in-url': [
    '“{option}” must not hold a user name or password ({value}).',
    '„{option}“ darf keinen Benutzernamen oder kein Passwort enthalten ({value}).',
  ],
  'option.unknown-region': [
    '“{option}” must be eu, us, ca, ap, cn or empty.',
    '„{option}“ muss eu, us, ca, ap, cn oder leer sein.',
  ],
  'option.no-space': [
    'The editor did not say which space this is (the Sandbox does not). Set “{option}”.',
    'Der Editor nennt den Space nicht (die Sandbox tut es nie). Setzen Sie „{option}“.',
  ],
  'option.no-region': [
    'Space {value} matches no region. Set “region” or “apiBaseUrl”.',
    'Space {value} passt zu keiner Region. Setzen Sie „region“ oder „apiBaseUrl“.',
  ],
  'option.not-a-positive-integer': [
    '“{option}” must be a whole number above 0.',
    '„{option}“ muss eine ganze Zahl über 0 sein.',
  ],
  'option.too-high': [
    '“{option}” is above {value} requests per second; Storyblok allows 3 or 6.',
    '„{option}“ liegt über {value} Anfragen pro Sekunde; Storyblok erlaubt 3 oder 6.',
  ],
  'option.not-a-boolean': [
    '“{option}” must be true or false.',
    '„{option}“ muss true oder false sein.',
  ],
  'option.not-a-type': [
    '“{value}” in “{option}” is not a file type, such as .pdf or image/*.',
    '„{value}“ in „{option}“ ist kein Dateityp wie .pdf oder image/*.',
  ],
  'option.no-types': [
    '“{option}” lists no file type, so every file would be refused. Leave it empty to allow any.',
    '„{option}“ nennt keinen Dateityp, jede Datei würde abgelehnt. Leer lassen erlaubt alle.',
  ],
  'option.not-a-size': [
    '“{value}” in “{option}” is not a size, such as 20MB.',
    '„{value}“ in „{option}“ ist keine Größe wie 20MB.',
  ],
} as const satisfies Translations
