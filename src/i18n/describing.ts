import type { Translations } from './types'

// The messages of expiry and tags (components/LibraryFields.vue), of describing many items at
// once (components/BulkDescribe.vue) and of "Replace file" (components/ReplaceNotice.vue).
export const describingMessages = {
  'form.expiry': ['Expires on', 'Läuft ab am'],
  'form.expiryClear': ['Remove expiry', 'Ablauf entfernen'],
  'form.expiryNone': ['Does not expire.', 'Läuft nicht ab.'],
  'expiry.in': ['Expires in {days} days.', 'Läuft in {days} Tagen ab.'],
  'expiry.tomorrow': ['Expires tomorrow.', 'Läuft morgen ab.'],
  'expiry.today': ['Expires today.', 'Läuft heute ab.'],
  'expiry.expiredToday': ['Expired today.', 'Heute abgelaufen.'],
  'expiry.expiredYesterday': ['Expired yesterday.', 'Gestern abgelaufen.'],
  'expiry.expiredAgo': ['Expired {days} days ago.', 'Vor {days} Tagen abgelaufen.'],
  'expiry.badge': ['Expired', 'Abgelaufen'],
  'form.tags': ['Tags', 'Tags'],
  'form.tagsFilter': ['Find a tag', 'Tag suchen'],
  'form.tagsNone': ['This space has no asset tags yet.', 'Dieser Space hat noch keine Asset-Tags.'],
  'form.tagsNoMatch': ['No tag matches “{text}”.', 'Kein Tag passt zu „{text}“.'],
  'form.tagsLoading': ['Loading the tags…', 'Tags werden geladen…'],
  'form.tagsError': [
    'The tags could not be loaded; tags set on the asset are shown by number.',
    'Die Tags ließen sich nicht laden; gesetzte Tags werden mit ihrer Nummer gezeigt.',
  ],
  'form.tagsSelected': ['{count} selected', '{count} ausgewählt'],
  'form.tagUnknown': ['Tag {id}', 'Tag {id}'],
  'form.libraryPending': ['Waiting for the asset library…', 'Wartet auf die Asset-Bibliothek…'],
  'bulk.select': ['Select {name}', '{name} auswählen'],
  'bulk.selectAll': ['Select all', 'Alle auswählen'],
  'bulk.selected': [
    '{count} of {total} assets selected.',
    '{count} von {total} Assets ausgewählt.',
  ],
  'bulk.describe': ['Describe selected', 'Auswahl beschreiben'],
  'bulk.heading': ['Describe {count} selected assets', '{count} ausgewählte Assets beschreiben'],
  'bulk.hint': [
    'Choose what to set; everything else stays as it is on each asset. One Undo takes the whole step back.',
    'Wählen Sie, was gesetzt wird; alles andere bleibt bei jedem Asset, wie es ist. Ein Rückgängig nimmt den ganzen Schritt zurück.',
  ],
  'bulk.change': ['{field}: set for all', '{field}: für alle setzen'],
  'bulk.apply': ['Apply to {count} assets', 'Auf {count} Assets anwenden'],
  'bulk.cancel': ['Cancel', 'Abbrechen'],
  'bulk.reading': ['Reading the selected assets…', 'Die ausgewählten Assets werden gelesen…'],
  'bulk.unreadable': [
    'Could not read {names} from the asset library; they are left out.',
    '{names} ließen sich nicht aus der Asset-Bibliothek lesen; sie bleiben außen vor.',
  ],
  'bulk.uploading': [
    'Still uploading, left out: {names}.',
    'Wird noch hochgeladen, bleibt außen vor: {names}.',
  ],
  'bulk.altStill': [
    'Alt text describes one image, so it is written per image: {names} still need theirs.',
    'Alternativtext beschreibt ein Bild und wird pro Bild geschrieben: {names} brauchen noch ihren.',
  ],
  'bulk.holdsOtherOne': [
    '{name} already has another {field}: replace it?',
    '{name} hat bereits einen anderen Wert für {field}: ersetzen?',
  ],
  'bulk.holdsOtherMany': [
    '{name} and {count} more already have another {field}: replace theirs?',
    '{name} und {count} weitere haben bereits einen anderen Wert für {field}: ersetzen?',
  ],
  'bulk.replaceTheirs': ['Replace theirs', 'Ihre ersetzen'],
  'bulk.keepTheirs': ['Keep theirs, fill the others', 'Ihre behalten, die übrigen füllen'],
  'bulk.applied': [
    'Set on {count} assets. Undo takes it back.',
    'Bei {count} Assets gesetzt. Rückgängig nimmt es zurück.',
  ],
  'bulk.nothing': [
    'Nothing changed: the selected assets already hold these values.',
    'Nichts geändert: Die ausgewählten Assets haben diese Werte bereits.',
  ],
  'bulk.undone': ['Undone on {count} assets.', 'Bei {count} Assets rückgängig gemacht.'],
  'bulk.redone': ['Redone on {count} assets.', 'Bei {count} Assets wiederholt.'],
  'bulk.field.copyright': ['copyright', 'Copyright'],
  'bulk.field.source': ['source', 'Quelle'],
  'bulk.field.internal_tag_ids': ['set of tags', 'Tags'],
  'bulk.field.expire_at': ['expiry date', 'Ablaufdatum'],
  'bulk.field.is_private': ['privacy setting', 'Datenschutz'],
  'bulk.private': ['Private', 'Privat'],
  'bulk.public': ['Public', 'Öffentlich'],
  'replace.sameAddress': [
    'Published pages keep this asset’s address, {url}: once the new file is uploaded, they show it there, without a change to any story.',
    'Veröffentlichte Seiten behalten die Adresse dieses Assets, {url}: Sobald die neue Datei hochgeladen ist, zeigen sie sie dort, ohne dass eine Story geändert wird.',
  ],
  'replace.private': [
    'This asset is private: pages reach {name} only through signed URLs of its address, and those give the new file once it is uploaded.',
    'Dieses Asset ist privat: Seiten erreichen {name} nur über signierte URLs seiner Adresse, und diese liefern die neue Datei, sobald sie hochgeladen ist.',
  ],
  'replace.keepsNameSize': [
    'The address keeps the current name and image size ({name}, {width} × {height}): choose a file of the same type and size, or upload a different one as a new asset.',
    'Die Adresse behält den bisherigen Namen und die Bildgröße ({name}, {width} × {height}): Wählen Sie eine Datei desselben Typs und derselben Größe, oder laden Sie eine andere als neues Asset hoch.',
  ],
  'replace.keepsName': [
    'The address keeps the current name ({name}): choose a file of the same type, or upload a different one as a new asset.',
    'Die Adresse behält den bisherigen Namen ({name}): Wählen Sie eine Datei desselben Typs, oder laden Sie eine andere als neues Asset hoch.',
  ],
  'replace.caches': [
    'Browsers and caches that already hold the old file may go on showing it for a while.',
    'Browser und Caches, die die alte Datei schon haben, können sie noch eine Weile zeigen.',
  ],
  'replace.moved': [
    'Storyblok stored the new file at another address ({url}): the field now points there, and published pages show the old file until the story is published again.',
    'Storyblok hat die neue Datei unter einer anderen Adresse gespeichert ({url}): Das Feld zeigt jetzt dorthin, und veröffentlichte Seiten zeigen die alte Datei, bis die Story erneut veröffentlicht wird.',
  ],
} as const satisfies Translations
