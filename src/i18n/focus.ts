// Messages for the focus point picker (src/components/FocusPicker.vue).
const en = {
  'focus.label': 'Focus point',
  'focus.instructions':
    'Crops keep the focus point in view. Click or tap the image to set it, or drag the marker. With the keyboard: arrow keys move it (hold Shift for larger steps), Home centres it, Delete clears it. You can also type the position in pixels.',
  'focus.valueText': 'x {x}%, y {y}%',
  'focus.notSet': 'Not set; crops are centred',
  'focus.x': 'Focus X (px)',
  'focus.y': 'Focus Y (px)',
  'focus.clear': 'Clear focus point',
  'focus.previews': 'Crop previews',
  'focus.noSize': 'The focus point can’t be set because the image’s pixel size is unknown.',
} as const

export const focusMessages: { en: typeof en; de: Record<keyof typeof en, string> } = {
  en,
  de: {
    'focus.label': 'Fokuspunkt',
    'focus.instructions':
      'Zuschnitte behalten den Fokuspunkt im Bild. Klicken oder tippen Sie auf das Bild, um ihn zu setzen, oder ziehen Sie die Markierung. Mit der Tastatur: Pfeiltasten verschieben ihn (mit Umschalt in größeren Schritten), Pos1 zentriert ihn, Entf entfernt ihn. Sie können die Position auch in Pixeln eingeben.',
    'focus.valueText': 'x {x} %, y {y} %',
    'focus.notSet': 'Nicht gesetzt; Zuschnitte sind zentriert',
    'focus.x': 'Fokus X (px)',
    'focus.y': 'Fokus Y (px)',
    'focus.clear': 'Fokuspunkt entfernen',
    'focus.previews': 'Vorschau der Zuschnitte',
    'focus.noSize':
      'Der Fokuspunkt kann nicht gesetzt werden, weil die Pixelgröße des Bildes unbekannt ist.',
  },
}
