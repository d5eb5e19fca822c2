// Messages for the focus point picker (src/components/FocusPicker.vue). The English labels of
// the slider, the numeric inputs and the clear button are what the browser tests look for.
const en = {
  'focus.label': 'Focus point',
  'focus.instructions':
    'Click or drag to set the point that crops keep in view. Arrow keys move it (Shift: further), Home centres it, Delete clears it.',
  'focus.valueText': 'x {x}%, y {y}%',
  'focus.notSet': 'Not set',
  'focus.x': 'Focus X (px)',
  'focus.y': 'Focus Y (px)',
  'focus.clear': 'Clear focus point',
  'focus.previews': 'Crop previews',
} as const

export const focusMessages: { en: typeof en; de: Record<keyof typeof en, string> } = {
  en,
  de: {
    'focus.label': 'Fokuspunkt',
    'focus.instructions':
      'Klicken oder ziehen setzt den Punkt, den Zuschnitte zeigen. Pfeiltasten verschieben ihn (Umschalt: weiter), Pos1 zentriert, Entf entfernt ihn.',
    'focus.valueText': 'x {x} %, y {y} %',
    'focus.notSet': 'Nicht gesetzt',
    'focus.x': 'Fokus X (px)',
    'focus.y': 'Fokus Y (px)',
    'focus.clear': 'Fokuspunkt entfernen',
    'focus.previews': 'Zuschnitt-Vorschau',
  },
}
