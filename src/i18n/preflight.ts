import type { Translations } from './types'

// Before anything is sent: the folder an upload goes to, the place a photo was taken, and a
// file the library holds already (FolderPicker, LocationNotice, DuplicateOffer, HeldUpload).
export const preflightMessages = {
  'folders.label': ['Upload to folder', 'In Ordner hochladen'],
  'folders.root': ['Library root', 'Oberste Ebene der Bibliothek'],
  'folders.none': ['No folder matches “{query}”', 'Kein Ordner passt zu „{query}“'],
  'folders.loading': ['Reading the folders…', 'Ordner werden gelesen…'],
  'folders.failed': [
    'The folders could not be read; uploads go to {folder}.',
    'Die Ordner ließen sich nicht lesen; Uploads gehen nach {folder}.',
  ],
  'folders.retry': ['Read the folders again', 'Ordner erneut lesen'],
  'folders.in': ['Folder: {folder}', 'Ordner: {folder}'],
  'folders.pending': [
    'Folder: waiting for the asset library…',
    'Ordner: wartet auf die Asset-Bibliothek…',
  ],
  'folders.optionMissing': [
    'The field’s folder (assetFolderId {id}) is not offered here: it was deleted, or uploads may not go there.',
    'Der Ordner des Felds (assetFolderId {id}) wird hier nicht angeboten: Er wurde gelöscht, oder Uploads dürfen nicht dorthin.',
  ],
  'folders.unknown': ['folder {id}', 'Ordner {id}'],
  'location.found': [
    'This photo holds the place where it was taken ({position}).',
    'Dieses Foto enthält den Ort, an dem es aufgenommen wurde ({position}).',
  ],
  'location.foundNoPosition': [
    'This photo holds the place where it was taken.',
    'Dieses Foto enthält den Ort, an dem es aufgenommen wurde.',
  ],
  'location.removed': [
    'It is removed from the uploaded copy; the picture itself is not changed.',
    'Er wird aus der hochgeladenen Kopie entfernt; das Bild selbst bleibt unverändert.',
  ],
  'location.kept': [
    'It stays in the uploaded file: anyone who can open the file can read it.',
    'Er bleibt in der hochgeladenen Datei: Wer die Datei öffnen kann, kann ihn lesen.',
  ],
  'location.keep': ['Keep location', 'Ort behalten'],
  'location.left': [
    'The position could not be removed from every part of the photo: {details}.',
    'Die Position ließ sich nicht aus allen Teilen des Fotos entfernen: {details}.',
  ],
  'location.damaged': [
    'The photo’s metadata is damaged ({details}); it uploads as it is.',
    'Die Metadaten des Fotos sind beschädigt ({details}); es wird unverändert hochgeladen.',
  ],
  'location.too-large': [
    'This photo is too large to be checked for a location; it uploads as it is.',
    'Dieses Foto ist zu groß, um es auf einen Ort zu prüfen; es wird unverändert hochgeladen.',
  ],
  'location.unreadable': [
    'The browser did not give the photo’s bytes, so it could not be checked for a location; it uploads as it is.',
    'Der Browser gab die Daten des Fotos nicht frei, daher ließ es sich nicht auf einen Ort prüfen; es wird unverändert hochgeladen.',
  ],
  'location.checking': ['Checking the photo…', 'Foto wird geprüft…'],
  'location.uploadOne': ['Upload', 'Hochladen'],
  'location.waiting': [
    'Photos that hold the place where they were taken wait for you ({count}): each is uploaded without it unless you tick “Keep location”.',
    'Fotos mit dem Ort ihrer Aufnahme warten auf Sie ({count}): Jedes wird ohne ihn hochgeladen, außer Sie wählen „Ort behalten“.',
  ],
  'location.uploadAll': [
    'Upload the waiting photos ({count})',
    'Wartende Fotos hochladen ({count})',
  ],
  'location.removedBadge': ['Location removed', 'Ort entfernt'],
  'location.keptBadge': ['Location kept', 'Ort behalten'],
  'duplicate.found': [
    'This file is already in the library: “{name}” ({details}).',
    'Diese Datei ist schon in der Bibliothek: „{name}“ ({details}).',
  ],
  'duplicate.announce': [
    'This file is already in the library: use the existing asset, or upload anyway.',
    'Diese Datei ist schon in der Bibliothek: vorhandenes Asset verwenden oder trotzdem hochladen.',
  ],
  'duplicate.use': ['Use the existing asset', 'Vorhandenes Asset verwenden'],
  'duplicate.upload': ['Upload anyway', 'Trotzdem hochladen'],
} as const satisfies Translations
