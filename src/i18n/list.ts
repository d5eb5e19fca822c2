import type { Translations } from './types'

// The messages of a field with the `multiple` option (components/MultiAssetField.vue and its parts).
export const listMessages = {
  'list.heading': ['Assets ({count})', 'Assets ({count})'],
  'list.empty': ['No assets yet.', 'Noch keine Assets.'],
  'list.upload': ['Upload files', 'Dateien hochladen'],
  'list.dropHint': ['or drop or paste files here', 'oder hier ablegen oder einfügen'],
  'list.fromSingle': [
    'This field held one asset: it is the first item now, and the field is stored as a list once you change something.',
    'Dieses Feld enthielt ein Asset: Es ist jetzt das erste Element, und das Feld wird als Liste gespeichert, sobald Sie etwas ändern.',
  ],
  'list.interrupted': [
    'These files were not uploaded when the plugin was reloaded: {names}. Add them again.',
    'Diese Dateien wurden beim Neuladen des Plugins nicht hochgeladen: {names}. Bitte erneut hinzufügen.',
  ],
  'list.tooMany': [
    'At most {max} assets: left out {names}.',
    'Höchstens {max} Assets: nicht aufgenommen {names}.',
  ],
  'list.beyondLimit': [
    'This field holds {count} assets; the plugin shows the first {shown}. The others are kept as they are, and no more can be added here.',
    'Dieses Feld enthält {count} Assets; das Plugin zeigt die ersten {shown}. Die übrigen bleiben unverändert, und hier kommen keine weiteren hinzu.',
  ],
  'list.full': [
    'The field holds its most assets ({max}): remove one to add another.',
    'Das Feld enthält die Höchstzahl an Assets ({max}): Entfernen Sie eines, um ein weiteres hinzuzufügen.',
  ],
  'list.describe': ['Describe', 'Beschreiben'],
  'list.moveUp': ['Move {name} up', '{name} nach oben'],
  'list.moveDown': ['Move {name} down', '{name} nach unten'],
  'list.removeShort': ['Remove', 'Entfernen'],
  'list.moved': [
    '{name}: position {position} of {count}.',
    '{name}: Position {position} von {count}.',
  ],
  'list.removed': ['{name} removed from the field.', '{name} aus dem Feld entfernt.'],
  'list.position': ['Asset {position} of {count}', 'Asset {position} von {count}'],
  'list.previous': ['Previous', 'Vorheriges'],
  'list.next': ['Next', 'Nächstes'],
  'list.back': ['All assets', 'Alle Assets'],
  'list.needsAlt': ['Needs alt text', 'Braucht Alternativtext'],
  'list.missingAlt': ['Alt text still needed: {names}.', 'Alternativtext fehlt noch: {names}.'],
  'list.unsaved': ['Not saved to the library', 'Nicht in der Bibliothek gespeichert'],
  'list.saveAll': ['Save all to asset library', 'Alle in der Asset-Bibliothek speichern'],
  'list.status.saving': ['Saving…', 'Wird gespeichert…'],
  'list.status.saved': ['Saved', 'Gespeichert'],
  'list.status.conflict': [
    'Changed in the library meanwhile: describe it to choose',
    'Inzwischen in der Bibliothek geändert: zum Entscheiden beschreiben',
  ],
  'list.status.invalid': [
    'Not saved: alt text required',
    'Nicht gespeichert: Alternativtext fehlt',
  ],
  'list.status.error': ['Not saved', 'Nicht gespeichert'],
  'list.savedAll': ['All changes are saved.', 'Alle Änderungen sind gespeichert.'],
  'list.notSaved': ['Not saved: {names}.', 'Nicht gespeichert: {names}.'],
  'queue.heading': ['Uploads', 'Uploads'],
  'queue.batch': ['{done} of {files} files uploaded', '{done} von {files} Dateien hochgeladen'],
  'queue.waiting': ['Waiting…', 'Wartet…'],
  'queue.refused': ['Not uploaded', 'Nicht hochgeladen'],
  'queue.cancel': ['Cancel {name}', '{name} abbrechen'],
  'queue.cancelShort': ['Cancel', 'Abbrechen'],
  'queue.retry': ['Retry {name}', '{name} erneut versuchen'],
  'queue.remove': ['Remove {name} from the uploads', '{name} aus den Uploads entfernen'],
  'queue.allDone': ['All {count} files are uploaded.', 'Alle {count} Dateien sind hochgeladen.'],
} as const satisfies Translations
