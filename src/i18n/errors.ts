const en = {
  'error.cancelled': 'The upload was cancelled. The field is unchanged.',
  'error.integrity':
    'The upload finished, but the file in Storyblok does not match the one you chose. Try again.',
  'error.tooLarge': 'The file is larger than Storyblok accepts. Choose a smaller file.',
  'error.emptyFile': 'Storyblok received an empty file. Choose another file.',
  'error.uploadRejected':
    'The storage service refused the upload (its permission may have expired). Try again.',
  'error.validation': 'Storyblok did not accept the data: {detail}',
  'error.unauthorized':
    'Storyblok refused the token. Check the “managementToken” option of this field.',
  'error.forbidden':
    'The token may not change assets in this space. Check the token’s scope in the “managementToken” option.',
  'error.notFound': 'The asset no longer exists in the asset library. Choose another file.',
  'error.rateLimited': 'Storyblok is busy with too many requests. Wait a moment and try again.',
  'error.server': 'Storyblok had a problem on its side. Try again in a moment.',
  'error.http': 'Storyblok answered with an error. Try again.',
  'error.timeout': 'Storyblok took too long to answer. Check your connection and try again.',
  'error.network': 'Storyblok could not be reached. Check your connection and try again.',
  'error.unknown': 'Something went wrong. Try again.',
  'error.details': 'Technical details',
  'error.retry': 'Retry',
  'error.chooseAnother': 'Choose another file',
  'error.checkToken': 'Check the token in the field’s options',
} as const

export const errorMessages: { en: typeof en; de: Record<keyof typeof en, string> } = {
  en,
  de: {
    'error.cancelled': 'Der Upload wurde abgebrochen. Das Feld ist unverändert.',
    'error.integrity':
      'Der Upload ist fertig, aber die Datei in Storyblok stimmt nicht mit Ihrer Datei überein. Versuchen Sie es erneut.',
    'error.tooLarge':
      'Die Datei ist größer, als Storyblok annimmt. Wählen Sie eine kleinere Datei.',
    'error.emptyFile': 'Storyblok hat eine leere Datei erhalten. Wählen Sie eine andere Datei.',
    'error.uploadRejected':
      'Der Speicherdienst hat den Upload abgelehnt (die Berechtigung ist evtl. abgelaufen). Versuchen Sie es erneut.',
    'error.validation': 'Storyblok hat die Daten nicht angenommen: {detail}',
    'error.unauthorized':
      'Storyblok hat das Token abgelehnt. Prüfen Sie die Option „managementToken“ dieses Felds.',
    'error.forbidden':
      'Das Token darf in diesem Space keine Assets ändern. Prüfen Sie die Rechte des Tokens in der Option „managementToken“.',
    'error.notFound':
      'Das Asset existiert nicht mehr in der Asset-Bibliothek. Wählen Sie eine andere Datei.',
    'error.rateLimited':
      'Storyblok hat gerade zu viele Anfragen. Warten Sie einen Moment und versuchen Sie es erneut.',
    'error.server': 'Storyblok hatte ein Problem. Versuchen Sie es gleich noch einmal.',
    'error.http': 'Storyblok hat mit einem Fehler geantwortet. Versuchen Sie es erneut.',
    'error.timeout':
      'Storyblok hat zu lange nicht geantwortet. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    'error.network':
      'Storyblok war nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    'error.unknown': 'Etwas ist schiefgegangen. Versuchen Sie es erneut.',
    'error.details': 'Technische Details',
    'error.retry': 'Erneut versuchen',
    'error.chooseAnother': 'Andere Datei wählen',
    'error.checkToken': 'Token in den Optionen des Felds prüfen',
  },
}
