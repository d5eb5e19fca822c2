// Messages for the checks a file passes before it is uploaded (src/plugin/fileRules.ts), keyed
// by problem code. Each says what is wrong and what to do next, in as few words as will do:
// every byte ships in the field plugin. `{name}` and `{suggested}` arrive bidi-isolated.
const en = {
  'fileChecks.empty': '“{name}” is empty. Choose another file.',
  'fileChecks.too-large': '“{name}” is over {max}. Choose a smaller file.',
  'fileChecks.not-accepted': '“{name}” can’t be used here. Choose {accepted}.',
  'fileChecks.type-mismatch':
    '“{name}” holds {detected} data, not .{extension}, so it would be served wrongly. Rename it “{suggested}”.',
  'fileChecks.no-extension':
    '“{name}” has no extension, so it would only download. Rename it “{suggested}”.',
  'fileChecks.no-extension-unknown':
    '“{name}” has no extension, so it would only download. Add one, such as .pdf.',
  'fileChecks.unreadable': '“{name}” can’t be read. Choose it again.',
  'fileChecks.renamed': 'It will be stored as “{name}”.',
  'fileChecks.change.characters': 'Spaces and symbols became “-”.',
  'fileChecks.change.length': 'It was cut to {max} characters.',
  'fileChecks.change.dots': 'Storyblok turns extra dots into “_”.',
  'fileChecks.group.images': 'images',
  'fileChecks.group.videos': 'videos',
  'fileChecks.group.audios': 'audio',
  'fileChecks.group.texts': 'documents',
  'fileChecks.hint.accept': 'Accepted: {accepted}.',
  'fileChecks.hint.maxSize': 'Up to {max} per file.',
  'fileChecks.option.accept': '“{value}” in “accept” is not a file type, such as .pdf or image/*.',
  'fileChecks.option.maxFileSize': '“{value}” in “maxFileSize” is not a size, such as 20MB.',
} as const

export const fileCheckMessages: { en: typeof en; de: Record<keyof typeof en, string> } = {
  en,
  de: {
    'fileChecks.empty': '„{name}“ ist leer. Wählen Sie eine andere Datei.',
    'fileChecks.too-large': '„{name}“ ist über {max}. Wählen Sie eine kleinere Datei.',
    'fileChecks.not-accepted': '„{name}“ geht hier nicht. Wählen Sie {accepted}.',
    'fileChecks.type-mismatch':
      '„{name}“ enthält {detected}-Daten, nicht .{extension}, und würde falsch ausgeliefert. Benennen Sie sie in „{suggested}“ um.',
    'fileChecks.no-extension':
      '„{name}“ hat keine Endung und wäre nur herunterladbar. Benennen Sie sie in „{suggested}“ um.',
    'fileChecks.no-extension-unknown':
      '„{name}“ hat keine Endung und wäre nur herunterladbar. Ergänzen Sie eine, etwa .pdf.',
    'fileChecks.unreadable': '„{name}“ ist nicht lesbar. Wählen Sie sie erneut.',
    'fileChecks.renamed': 'Sie wird als „{name}“ gespeichert.',
    'fileChecks.change.characters': 'Leerzeichen und Symbole wurden zu „-“.',
    'fileChecks.change.length': 'Sie wurde auf {max} Zeichen gekürzt.',
    'fileChecks.change.dots': 'Storyblok macht weitere Punkte zu „_“.',
    'fileChecks.group.images': 'Bilder',
    'fileChecks.group.videos': 'Videos',
    'fileChecks.group.audios': 'Audio',
    'fileChecks.group.texts': 'Dokumente',
    'fileChecks.hint.accept': 'Erlaubt: {accepted}.',
    'fileChecks.hint.maxSize': 'Bis {max} pro Datei.',
    'fileChecks.option.accept': '„{value}“ in „accept“ ist kein Dateityp wie .pdf oder image/*.',
    'fileChecks.option.maxFileSize': '„{value}“ in „maxFileSize“ ist keine Größe wie 20MB.',
  },
}
