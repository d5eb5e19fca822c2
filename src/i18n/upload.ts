import type { Translations } from './types'

export const uploadMessages = {
  'upload.label': ['Upload file', 'Datei hochladen'],
  'upload.dropHint': ['or drop or paste a file here', 'oder hier ablegen oder einfügen'],
  'upload.filename': ['File name', 'Dateiname'],
  'upload.onlyOne': [
    'One file at a time: “{name}” is taken, {count} more left out.',
    'Eine Datei auf einmal: „{name}“ wird genommen, {count} weitere nicht.',
  ],
  'upload.finalName': ['Stored as “{name}”', 'Gespeichert als „{name}“'],
  'upload.start': ['Upload', 'Hochladen'],
  'upload.cancel': ['Cancel upload', 'Upload abbrechen'],
  'upload.chooseOther': ['Choose another file', 'Andere Datei wählen'],
  'upload.keepCurrent': ['Keep the current file', 'Aktuelle Datei behalten'],
  'upload.signing': ['Preparing…', 'Wird vorbereitet…'],
  'upload.uploading': ['Uploading {name}…', '{name} wird hochgeladen…'],
  'upload.progress': ['{percent}% uploaded.', '{percent} % hochgeladen.'],
  'upload.progressLabel': ['Upload progress', 'Upload-Fortschritt'],
  'upload.waitingOnline': [
    'Offline. The upload resumes when you are back online.',
    'Offline. Der Upload geht weiter, sobald Sie online sind.',
  ],
  'upload.finishing': ['Checking the upload…', 'Upload wird geprüft…'],
  'upload.cancelling': ['Cancelling…', 'Wird abgebrochen…'],
  'upload.cleanupFailed': [
    'The unfinished asset could not be removed; delete it in the library.',
    'Das unfertige Asset ließ sich nicht entfernen; bitte in der Bibliothek löschen.',
  ],
  'upload.done': ['{name} is uploaded.', '{name} ist hochgeladen.'],
} as const satisfies Translations
