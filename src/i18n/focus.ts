// Messages for the focus point picker (src/components/FocusPicker.vue). The English labels of
// the slider, the numeric inputs and the clear button are what the browser tests look for.
import type { Translations } from './types'

export const focusMessages = {
  'focus.label': ['Focus point', 'Fokuspunkt'],
  'focus.instructions': [
    'Click or drag to set the point that crops keep in view. Arrow keys move it (Shift: further), Home centres it, Delete clears it.',
    'Klicken oder ziehen setzt den Punkt, den Zuschnitte zeigen. Pfeiltasten verschieben ihn (Umschalt: weiter), Pos1 zentriert, Entf entfernt ihn.',
  ],
  'focus.valueText': ['x {x}%, y {y}%', 'x {x} %, y {y} %'],
  'focus.notSet': ['Not set', 'Nicht gesetzt'],
  'focus.x': ['Focus X (px)', 'Fokus X (px)'],
  'focus.y': ['Focus Y (px)', 'Fokus Y (px)'],
  'focus.clear': ['Clear focus point', 'Fokuspunkt entfernen'],
  'focus.previews': ['Crop previews', 'Zuschnitt-Vorschau'],
} as const satisfies Translations
