import type { Translations } from './types'

export const errorMessages = {
  'error.cancelled': [
    'Upload cancelled. The field is unchanged.',
    'Upload abgebrochen. Das Feld ist unverändert.',
  ],
  'error.integrity': [
    'The stored file does not match yours. Try again.',
    'Die gespeicherte Datei weicht von Ihrer ab. Erneut versuchen.',
  ],
  'error.tooLarge': [
    'The file is too large for Storyblok. Choose a smaller file.',
    'Die Datei ist zu groß für Storyblok. Wählen Sie eine kleinere.',
  ],
  'error.emptyFile': [
    'Storyblok received an empty file. Choose another file.',
    'Storyblok hat eine leere Datei erhalten. Wählen Sie eine andere.',
  ],
  'error.uploadRejected': [
    'The storage refused the upload.',
    'Der Speicher hat den Upload abgelehnt.',
  ],
  'error.validation': [
    'Storyblok refused the data: {detail}',
    'Storyblok hat die Daten abgelehnt: {detail}',
  ],
  'error.unauthorized': [
    'Storyblok refused the token: it is wrong, revoked or expired. Check the “managementToken” option.',
    'Storyblok hat das Token abgelehnt: falsch, widerrufen oder abgelaufen. Prüfen Sie „managementToken“.',
  ],
  'error.forbidden': [
    'Storyblok does not allow this for this token or plan. Check its scope.',
    'Storyblok erlaubt das diesem Token oder Tarif nicht. Prüfen Sie seine Rechte.',
  ],
  'error.notFound': [
    'The asset is no longer in the asset library. Choose another file.',
    'Das Asset ist nicht mehr in der Bibliothek. Wählen Sie eine andere Datei.',
  ],
  'error.notReady': [
    'Storyblok stored the file but cannot show the asset yet. Try again in a moment.',
    'Storyblok hat die Datei gespeichert, kann das Asset aber noch nicht zeigen. Gleich erneut versuchen.',
  ],
  'error.notAnAsset': [
    'The library picker gave no asset of this space. Choose an uploaded asset.',
    'Die Auswahl hat kein Asset dieses Space geliefert. Wählen Sie ein hochgeladenes Asset.',
  ],
  'error.rateLimited': [
    'Storyblok is busy. Try again in a moment.',
    'Storyblok ist ausgelastet. Gleich erneut versuchen.',
  ],
  'error.server': [
    'Storyblok had a problem. Try again.',
    'Storyblok hatte ein Problem. Erneut versuchen.',
  ],
  'error.http': [
    'Storyblok answered with an error.',
    'Storyblok hat mit einem Fehler geantwortet.',
  ],
  'error.timeout': ['Storyblok took too long to answer.', 'Storyblok hat zu lange gebraucht.'],
  'error.network': [
    'Storyblok could not be reached. Check your connection and try again.',
    'Storyblok ist nicht erreichbar. Prüfen Sie die Verbindung.',
  ],
  'error.unknown': ['Something went wrong.', 'Etwas ist schiefgegangen.'],
  'error.details': ['Details', 'Details'],
  'error.retry': ['Retry', 'Erneut versuchen'],
  'error.chooseAnother': ['Choose another file', 'Andere Datei wählen'],
  'error.checkToken': [
    'Check the token in the field’s options.',
    'Prüfen Sie das Token in den Optionen des Felds.',
  ],
} as const satisfies Translations
