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
    'Storyblok refused the token: it is wrong, revoked, expired or written in the wrong form. Check the “managementToken” option: a personal access token goes in as it is, without “Bearer”; an OAuth token as “Bearer <token>”.',
    'Storyblok hat das Token abgelehnt: falsch, widerrufen, abgelaufen oder falsch eingetragen. Prüfen Sie „managementToken“: Ein persönliches Zugriffstoken steht dort so, wie es ist, ohne „Bearer“; ein OAuth-Token als „Bearer <Token>“.',
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
  'error.gateway': [
    'The upload gateway does not allow this: {detail}',
    'Das Upload-Gateway erlaubt das nicht: {detail}',
  ],
  'error.gateway.privacy-change': [
    'The upload gateway does not let editors change the privacy of an existing asset; nothing was saved. Undo the change, or ask a developer to allow it (GATEWAY_ALLOW_PRIVACY_CHANGE).',
    'Das Upload-Gateway erlaubt es nicht, die Sichtbarkeit eines bestehenden Assets zu ändern; nichts wurde gespeichert. Machen Sie die Änderung rückgängig oder bitten Sie eine Entwicklerin, es zu erlauben (GATEWAY_ALLOW_PRIVACY_CHANGE).',
  ],
  'error.gateway.expiry-change': [
    'The upload gateway does not let editors set or remove an asset’s expiry (it can take the asset off published pages); nothing was saved. Undo the change, or ask a developer to allow it (GATEWAY_ALLOW_EXPIRY).',
    'Das Upload-Gateway erlaubt es nicht, den Ablauf eines Assets zu setzen oder zu entfernen (er kann das Asset von veröffentlichten Seiten nehmen); nichts wurde gespeichert. Machen Sie die Änderung rückgängig oder bitten Sie eine Entwicklerin, es zu erlauben (GATEWAY_ALLOW_EXPIRY).',
  ],
  'error.gateway.replace': [
    'The upload gateway does not let editors replace the file of an existing asset; the asset is unchanged. Upload the file as a new asset, or ask a developer to allow it (GATEWAY_ALLOW_REPLACE).',
    'Das Upload-Gateway erlaubt es nicht, die Datei eines bestehenden Assets zu ersetzen; das Asset ist unverändert. Laden Sie die Datei als neues Asset hoch oder bitten Sie eine Entwicklerin, es zu erlauben (GATEWAY_ALLOW_REPLACE).',
  ],
  'error.gateway.folder': [
    'The upload gateway does not allow uploads into this folder; nothing was uploaded.',
    'Das Upload-Gateway erlaubt keine Uploads in diesen Ordner; nichts wurde hochgeladen.',
  ],
  'error.gateway.max-size': [
    'The file is larger than the upload gateway allows; nothing was kept. Choose a smaller file.',
    'Die Datei ist größer, als das Upload-Gateway erlaubt; nichts wurde behalten. Wählen Sie eine kleinere.',
  ],
  'error.gateway.type': [
    'The upload gateway does not accept this type of file; nothing was uploaded.',
    'Das Upload-Gateway nimmt diesen Dateityp nicht an; nichts wurde hochgeladen.',
  ],
  'error.gateway.declared': [
    'The stored file is not the one that was announced, so the upload gateway removed it. Try again.',
    'Die gespeicherte Datei ist nicht die angekündigte; das Upload-Gateway hat sie entfernt. Erneut versuchen.',
  ],
  'error.gateway.origin': [
    'The upload gateway does not accept calls from where this plugin runs. A developer must add its origin to GATEWAY_ALLOWED_ORIGINS.',
    'Das Upload-Gateway nimmt keine Aufrufe von dort an, wo dieses Plugin läuft. Eine Entwicklerin muss den Ursprung in GATEWAY_ALLOWED_ORIGINS eintragen.',
  ],
  'error.gateway.preview-token': [
    'The upload gateway accepts only editors of this space, and the editor did not send this space’s preview token. Nothing was uploaded or saved; what you typed is kept. Open the story in Storyblok’s Visual Editor. For developers: see GATEWAY_REQUIRE_PREVIEW_TOKEN.',
    'Das Upload-Gateway nimmt nur Bearbeitende dieses Space an, und der Editor hat das Vorschau-Token dieses Space nicht mitgeschickt. Nichts wurde hochgeladen oder gespeichert; Ihre Eingaben bleiben erhalten. Öffnen Sie die Story im Visual Editor von Storyblok. Für Entwickler: siehe GATEWAY_REQUIRE_PREVIEW_TOKEN.',
  ],
  'error.gateway.settings': [
    'The upload gateway is not set up correctly: {detail}',
    'Das Upload-Gateway ist nicht richtig eingerichtet: {detail}',
  ],
  'error.gateway.busy': [
    'Storyblok is busy for everyone using the upload gateway. Try again in a moment.',
    'Storyblok ist für alle am Upload-Gateway ausgelastet. Gleich erneut versuchen.',
  ],
  'error.details': ['Details', 'Details'],
  'error.retry': ['Retry', 'Erneut versuchen'],
  'error.chooseAnother': ['Choose another file', 'Andere Datei wählen'],
  'error.checkToken': [
    'Check the token in the field’s options.',
    'Prüfen Sie das Token in den Optionen des Felds.',
  ],
} as const satisfies Translations
