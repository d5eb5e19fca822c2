// Messages for the checks a file passes before it is uploaded (src/plugin/fileRules.ts). Each
// says what is wrong in plain words and what to do next. `{name}` arrives bidi-isolated.
const en = {
  'fileChecks.empty': '“{name}” is empty (0 bytes). Choose another file.',
  'fileChecks.tooLarge':
    '“{name}” is {size}; the limit for this field is {max}. Choose a smaller file.',
  'fileChecks.notAccepted':
    '“{name}” can’t be used here: this field accepts {accepted} only. Choose another file.',
  'fileChecks.typeMismatch':
    '“{name}” contains {detected} data, but its name ends in .{extension}. Storyblok would serve it with the wrong type. Rename it to “{suggested}”.',
  'fileChecks.typeMismatchUnknown':
    '“{name}” contains {detected} data, but its name ends in .{extension}. Storyblok would serve it with the wrong type. Choose another file or give it the right extension.',
  'fileChecks.typeUnknownExtension':
    '“{name}” contains {detected} data, but Storyblok does not know the extension .{extension} and would only offer it as a download. Rename it to “{suggested}” to show it in web pages.',
  'fileChecks.noExtension':
    '“{name}” has no extension, so Storyblok would only offer it as a download. Rename it to “{suggested}”.',
  'fileChecks.noExtensionUnknown':
    '“{name}” has no extension, so Storyblok would only offer it as a download. Add one that says what the file is, such as .pdf or .jpg.',
  'fileChecks.unreadable':
    '“{name}” could not be read; it may have been moved or deleted. Choose it again.',
  'fileChecks.renamed': 'Storyblok will store it as “{final}”.',
  'fileChecks.change.path': 'Folder names were removed.',
  'fileChecks.change.hiddenCharacters':
    'Hidden characters, which can disguise a file’s real type, were removed.',
  'fileChecks.change.edges': 'Dots, dashes and spaces at the start or end were removed.',
  'fileChecks.change.spaces': 'Spaces became “-”.',
  'fileChecks.change.characters': 'Characters that break web addresses became “-”.',
  'fileChecks.change.extensionCase': 'The extension is now lower case.',
  'fileChecks.change.length': 'The name was shortened to {max} characters.',
  'fileChecks.change.empty': 'No usable characters were left, so the name is now “file”.',
  'fileChecks.change.dots': 'Storyblok replaces every dot but the last with “_”.',
  'fileChecks.group.images': 'images (JPG, PNG, GIF, WebP, AVIF, SVG, …)',
  'fileChecks.group.videos': 'videos (MP4, WebM, MOV, …)',
  'fileChecks.group.audios': 'audio files (MP3, WAV, M4A, OGG, …)',
  'fileChecks.group.texts': 'documents (PDF, Word, TXT, CSV, Markdown, JSON)',
  'fileChecks.hint.accept': 'Accepted: {accepted}.',
  'fileChecks.hint.anyType': 'Any file type.',
  'fileChecks.hint.maxSize': 'Up to {max} per file.',
  'fileChecks.option.accept':
    'The “accept” option contains “{value}”, which is not a file type. Use MIME types (image/png), wildcards (image/*), extensions (.pdf) or images, videos, audios, texts.',
  'fileChecks.option.maxFileSize':
    'The “maxFileSize” option “{value}” is not a size. Use bytes (1048576) or a number with KB, MB or GB (20MB).',
} as const

export const fileCheckMessages: { en: typeof en; de: Record<keyof typeof en, string> } = {
  en,
  de: {
    'fileChecks.empty': '„{name}“ ist leer (0 Byte). Wählen Sie eine andere Datei.',
    'fileChecks.tooLarge':
      '„{name}“ ist {size} groß; dieses Feld erlaubt höchstens {max}. Wählen Sie eine kleinere Datei.',
    'fileChecks.notAccepted':
      '„{name}“ ist hier nicht möglich: Dieses Feld nimmt nur {accepted} an. Wählen Sie eine andere Datei.',
    'fileChecks.typeMismatch':
      '„{name}“ enthält {detected}-Daten, aber der Name endet auf .{extension}. Storyblok würde die Datei mit dem falschen Typ ausliefern. Benennen Sie sie in „{suggested}“ um.',
    'fileChecks.typeMismatchUnknown':
      '„{name}“ enthält {detected}-Daten, aber der Name endet auf .{extension}. Storyblok würde die Datei mit dem falschen Typ ausliefern. Wählen Sie eine andere Datei oder geben Sie ihr die richtige Endung.',
    'fileChecks.typeUnknownExtension':
      '„{name}“ enthält {detected}-Daten, aber Storyblok kennt die Endung .{extension} nicht und würde die Datei nur zum Herunterladen anbieten. Benennen Sie sie in „{suggested}“ um, damit Webseiten sie anzeigen.',
    'fileChecks.noExtension':
      '„{name}“ hat keine Endung, deshalb würde Storyblok die Datei nur zum Herunterladen anbieten. Benennen Sie sie in „{suggested}“ um.',
    'fileChecks.noExtensionUnknown':
      '„{name}“ hat keine Endung, deshalb würde Storyblok die Datei nur zum Herunterladen anbieten. Ergänzen Sie eine passende Endung wie .pdf oder .jpg.',
    'fileChecks.unreadable':
      '„{name}“ konnte nicht gelesen werden; die Datei wurde evtl. verschoben oder gelöscht. Wählen Sie sie erneut.',
    'fileChecks.renamed': 'Storyblok speichert sie als „{final}“.',
    'fileChecks.change.path': 'Ordnernamen wurden entfernt.',
    'fileChecks.change.hiddenCharacters':
      'Unsichtbare Zeichen, die den echten Dateityp verschleiern können, wurden entfernt.',
    'fileChecks.change.edges':
      'Punkte, Bindestriche und Leerzeichen am Anfang oder Ende wurden entfernt.',
    'fileChecks.change.spaces': 'Leerzeichen wurden zu „-“.',
    'fileChecks.change.characters': 'Zeichen, die Webadressen stören, wurden zu „-“.',
    'fileChecks.change.extensionCase': 'Die Endung ist jetzt kleingeschrieben.',
    'fileChecks.change.length': 'Der Name wurde auf {max} Zeichen gekürzt.',
    'fileChecks.change.empty':
      'Vom Namen blieben keine verwendbaren Zeichen übrig, er lautet jetzt „file“.',
    'fileChecks.change.dots': 'Storyblok ersetzt jeden Punkt außer dem letzten durch „_“.',
    'fileChecks.group.images': 'Bilder (JPG, PNG, GIF, WebP, AVIF, SVG, …)',
    'fileChecks.group.videos': 'Videos (MP4, WebM, MOV, …)',
    'fileChecks.group.audios': 'Audiodateien (MP3, WAV, M4A, OGG, …)',
    'fileChecks.group.texts': 'Dokumente (PDF, Word, TXT, CSV, Markdown, JSON)',
    'fileChecks.hint.accept': 'Erlaubt: {accepted}.',
    'fileChecks.hint.anyType': 'Alle Dateitypen.',
    'fileChecks.hint.maxSize': 'Bis {max} pro Datei.',
    'fileChecks.option.accept':
      'Die Option „accept“ enthält „{value}“, das ist kein Dateityp. Verwenden Sie MIME-Typen (image/png), Platzhalter (image/*), Endungen (.pdf) oder images, videos, audios, texts.',
    'fileChecks.option.maxFileSize':
      'Die Option „maxFileSize“ „{value}“ ist keine Größe. Verwenden Sie Bytes (1048576) oder eine Zahl mit KB, MB oder GB (20MB).',
  },
}
