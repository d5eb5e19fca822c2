import type { Translations } from './types'

export const formMessages = {
  'form.filename': ['File', 'Datei'],
  'form.download': ['Download', 'Herunterladen'],
  'form.downloadFailed': [
    'The file could not be downloaded: {reason}. Try again, or download it from the asset library.',
    'Die Datei konnte nicht heruntergeladen werden: {reason}. Versuchen Sie es erneut oder laden Sie sie aus der Asset-Bibliothek herunter.',
  ],
  'form.downloadStatus': ['the server answered {status}', 'der Server antwortete {status}'],
  'form.downloadNoAnswer': [
    'no answer the browser may read (offline, or the server does not allow it here)',
    'keine Antwort, die der Browser lesen darf (offline, oder der Server erlaubt es hier nicht)',
  ],
  'form.privacyCorrected': [
    'The field’s value disagreed with the asset library about privacy; the library’s setting is shown.',
    'Der Feldwert widersprach der Asset-Bibliothek beim Datenschutz; die Einstellung der Bibliothek wird gezeigt.',
  ],
  'form.filenameReadOnly': [
    'Storyblok cannot rename an uploaded file.',
    'Storyblok kann hochgeladene Dateien nicht umbenennen.',
  ],
  'form.alt': ['Alt text', 'Alternativtext'],
  'form.title': ['Title', 'Titel'],
  'form.copyright': ['Copyright', 'Copyright'],
  'form.source': ['Source', 'Quelle'],
  'form.focus': ['Focus point', 'Fokuspunkt'],
  'form.private': ['Private asset', 'Privates Asset'],
  'form.save': ['Save to asset library', 'In der Asset-Bibliothek speichern'],
  'form.saving': ['Saving…', 'Wird gespeichert…'],
  'form.saved': ['Saved to the asset library.', 'In der Asset-Bibliothek gespeichert.'],
  'form.unsaved': [
    'Not saved to the asset library: {fields}',
    'Nicht in der Bibliothek gespeichert: {fields}',
  ],
  'form.undo': ['Undo', 'Rückgängig'],
  'form.redo': ['Redo', 'Wiederholen'],
  'form.reset': ['Reset', 'Zurücksetzen'],
  'form.replace': ['Replace file', 'Datei ersetzen'],
  'form.chooseFromLibrary': ['Choose from library', 'Aus der Bibliothek wählen'],
  'form.remove': ['Remove asset', 'Asset entfernen'],
  'form.language': ['Language: {language}', 'Sprache: {language}'],
  'form.languageDefault': ['default', 'Standard'],
  'form.decorative': ['Decorative image', 'Dekoratives Bild'],
  'form.ai.suggest': ['Suggest alt text', 'Alternativtext vorschlagen'],
  'form.ai.busy': ['Suggesting alt text…', 'Alternativtext wird vorgeschlagen…'],
  'form.ai.done': [
    'Alt text suggested. Undo removes it.',
    'Alternativtext vorgeschlagen. Rückgängig entfernt ihn.',
  ],
  'form.ai.offer': ['Suggested: “{text}”', 'Vorschlag: „{text}“'],
  'form.ai.use': ['Use suggestion', 'Vorschlag übernehmen'],
  'form.ai.keep': ['Keep mine', 'Meinen behalten'],
  'form.ai.refused': [
    'Storyblok’s AI could not describe this image: AI may be off for this space or not part of its plan, or the image is of a kind it does not read. The alt text is unchanged.',
    'Storyblok-KI konnte dieses Bild nicht beschreiben: KI ist für diesen Space vielleicht aus oder nicht im Tarif, oder das Bild ist von einer Art, die sie nicht liest. Der Alternativtext ist unverändert.',
  ],
  'form.altRequired': [
    'Images need alt text here. Describe the image or mark it decorative.',
    'Bilder brauchen hier einen Alternativtext. Beschreiben Sie das Bild oder markieren Sie es als dekorativ.',
  ],
  'form.altHint.same-as-filename': [
    'Repeats the file name; say what the image shows.',
    'Wiederholt den Dateinamen; sagen Sie, was das Bild zeigt.',
  ],
  'form.altHint.redundant-prefix': [
    'Screen readers already say “image”.',
    'Screenreader sagen bereits „Bild“.',
  ],
  'form.altHint.too-long': [
    'Over 150 characters; put details in a caption.',
    'Über 150 Zeichen; Details gehören in eine Bildunterschrift.',
  ],
  'form.altHint.same-as-title': [
    'Same as the title; it may be read twice.',
    'Gleich dem Titel; wird evtl. doppelt vorgelesen.',
  ],
  'form.conflict': [
    'Changed in the library since you opened it: {fields}.',
    'In der Bibliothek geändert, seit Sie es geöffnet haben: {fields}.',
  ],
  'form.conflictOverwrite': ['Save mine anyway', 'Trotzdem meine speichern'],
  'form.conflictTakeTheirs': ['Use the library’s values', 'Werte der Bibliothek übernehmen'],
  'form.preview.needs-token': [
    'Private asset: set the “assetToken” option to preview it.',
    'Privates Asset: Setzen Sie „assetToken“ für die Vorschau.',
  ],
  'form.preview.untrusted': [
    'Not a file of this space’s asset library, so it is not shown.',
    'Keine Datei aus der Asset-Bibliothek dieses Space, daher nicht angezeigt.',
  ],
  'form.preview.error': [
    'The private preview could not be loaded.',
    'Die private Vorschau ließ sich nicht laden.',
  ],
  'form.largerView': ['Open larger view', 'Größere Ansicht öffnen'],
  'form.closeLargerView': ['Close larger view', 'Größere Ansicht schließen'],
} as const satisfies Translations
