// Hints about alt text, not blockers: what accessibility guides warn about most often.
// https://www.w3.org/WAI/tutorials/images/decision-tree/

export type AltHint = 'same-as-filename' | 'redundant-prefix' | 'too-long' | 'same-as-title'

/** About the length a screen-reader user is comfortable with; longer belongs in a caption. */
export const ALT_MAX_LENGTH = 150

const REDUNDANT_PREFIX =
  /^(an? )?(image|picture|photo|photograph|graphic|screenshot) of\b|^(ein )?(bild|foto|grafik) (von|vom)\b/i

function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[\s_.-]+/g, ' ')
    .trim()
}

export function altHints({
  alt,
  filename,
  title,
}: {
  alt: string
  filename: string
  title: string
}): AltHint[] {
  const text = alt.trim()
  if (text === '') return []
  const hints: AltHint[] = []
  const base = filename.slice(filename.lastIndexOf('/') + 1)
  if (base !== '' && comparable(text) === comparable(base)) hints.push('same-as-filename')
  if (REDUNDANT_PREFIX.test(text)) hints.push('redundant-prefix')
  if (text.length > ALT_MAX_LENGTH) hints.push('too-long')
  if (title.trim() !== '' && text.toLowerCase() === title.trim().toLowerCase()) {
    hints.push('same-as-title')
  }
  return hints
}
