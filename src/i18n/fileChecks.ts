// Messages for the checks a file passes before it is uploaded (src/domain/fileRules/), keyed
// by problem code. Each says what is wrong and what to do next, in as few words as will do:
// every byte ships in the field plugin. `{name}` and `{suggested}` arrive bidi-isolated.
import type { Translations } from './types'

export const fileCheckMessages = {
  'fileChecks.empty': [
    '“{name}” is empty. Choose another file.',
    '„{name}“ ist leer. Wählen Sie eine andere Datei.',
  ],
  'fileChecks.too-large': [
    '“{name}” is over {max}. Choose a smaller file.',
    '„{name}“ ist über {max}. Wählen Sie eine kleinere Datei.',
  ],
  'fileChecks.not-accepted': [
    '“{name}” can’t be used here. Choose {accepted}.',
    '„{name}“ geht hier nicht. Wählen Sie {accepted}.',
  ],
  'fileChecks.type-mismatch': [
    '“{name}” holds {detected} data, not .{extension}, so it would be served wrongly. Rename it “{suggested}”.',
    '„{name}“ enthält {detected}-Daten, nicht .{extension}, und würde falsch ausgeliefert. Benennen Sie sie in „{suggested}“ um.',
  ],
  'fileChecks.no-extension': [
    '“{name}” has no extension, so it would only download. Rename it “{suggested}”.',
    '„{name}“ hat keine Endung und wäre nur herunterladbar. Benennen Sie sie in „{suggested}“ um.',
  ],
  'fileChecks.no-extension-unknown': [
    '“{name}” has no extension, so it would only download. Add one, such as .pdf.',
    '„{name}“ hat keine Endung und wäre nur herunterladbar. Ergänzen Sie eine, etwa .pdf.',
  ],
  'fileChecks.unreadable': [
    '“{name}” can’t be read. Choose it again.',
    '„{name}“ ist nicht lesbar. Wählen Sie sie erneut.',
  ],
  'fileChecks.renamed': ['It will be stored as “{name}”.', 'Sie wird als „{name}“ gespeichert.'],
  'fileChecks.change.characters': [
    'Spaces and symbols became “-”.',
    'Leerzeichen und Symbole wurden zu „-“.',
  ],
  'fileChecks.change.length': [
    'It was cut to {max} characters.',
    'Sie wurde auf {max} Zeichen gekürzt.',
  ],
  'fileChecks.change.dots': [
    'Storyblok turns extra dots into “_”.',
    'Storyblok macht weitere Punkte zu „_“.',
  ],
  'fileChecks.group.images': ['images', 'Bilder'],
  'fileChecks.group.videos': ['videos', 'Videos'],
  'fileChecks.group.audios': ['audio', 'Audio'],
  'fileChecks.group.texts': ['documents', 'Dokumente'],
  'fileChecks.hint.accept': ['Accepted: {accepted}.', 'Erlaubt: {accepted}.'],
  'fileChecks.hint.maxSize': ['Up to {max} per file.', 'Bis {max} pro Datei.'],
} as const satisfies Translations
