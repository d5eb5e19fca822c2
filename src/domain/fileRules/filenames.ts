// The name a file is stored under: the plugin's clean-up, then Storyblok's own rule.
import { extensionOf } from './contentTypes'

/**
 * Why a name was changed; each maps to a message `fileChecks.change.<code>`. `characters` is
 * everything that makes a name safe for URLs: folders, hidden characters, spaces, symbols,
 * the edges, the extension's case and the `file` fallback.
 */
export type FilenameChange = 'characters' | 'length' | 'dots'

/** Longest name the plugin sends, in UTF-16 code units, as JavaScript counts. */
export const MAX_FILENAME_LENGTH = 120

// Invisible characters: controls (C0, C1), format characters (soft hyphen, zero-width space,
// word joiner, BOM, and every bidi mark, embedding, override and isolate, which can make
// `gnp.exe` read as `exe.png`), and line and paragraph separators. ZWNJ and ZWJ (U+200C/D)
// and the tag characters stay: scripts and emoji sequences (flags, families) need them.
// eslint-disable-next-line no-misleading-character-class -- single code points, ZWJ itself
const HIDDEN = /(?![\u200c\u200d\u{e0020}-\u{e007f}])[\p{Cc}\p{Cf}\u2028\u2029]/gu

// What a name may hold: letters, marks and digits of any script, emoji (with their joiners,
// variation selectors, skin tones, flags and tags), `-`, `_` and `.`. Everything else (URL
// delimiters such as `#?%&+`, quotes, brackets, slashes, spaces) breaks URLs, CSS `url()` or
// HTML attributes somewhere downstream, and becomes `-`. Variation selectors and the keycap
// are marks (`\p{M}`); the joiners (U+200C/D) are listed. The classes match one code point at
// a time on purpose, so lint's "misleading character class" does not apply.
const ALLOWED =
  '\\p{L}\\p{M}\\p{N}\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\p{Regional_Indicator}' +
  '\\u200c\\u200d\\u{e0020}-\\u{e007f}_.'
// A run of replaced characters with the dashes around it becomes a single `-`.
// eslint-disable-next-line no-misleading-character-class
const REPLACED_RUN = new RegExp(`-*[^${ALLOWED}-][^${ALLOWED}]*`, 'gu')

/** The name without folders and invisible characters: safe to show in a message. */
export function displayFilename(name: string): string {
  return name
    .replace(/^.*[/\\]/s, '')
    .replace(HIDDEN, '')
    .normalize('NFC')
}

/** `sanitizeFilename`, and which of its rules changed the name. */
export function cleanFilename(name: string): { name: string; changes: FilenameChange[] } {
  const trimmed = displayFilename(name).replace(/^[\s.]+|[\s.]+$/g, '')
  const extension = extensionOf(trimmed)
  const join = (stem: string) => (extension ? `${stem}.${extension}` : stem)
  // Dashes that only replaced characters at an edge go too.
  const stem =
    (extension ? trimmed.slice(0, -extension.length - 1) : trimmed)
      .replace(REPLACED_RUN, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'file'
  const clean = join(stem)
  // Cut at whole characters as people see them (an emoji family is one), the extension kept.
  const parts = Array.from(new Intl.Segmenter().segment(stem), (part) => part.segment)
  while (join(parts.join('')).length > MAX_FILENAME_LENGTH) parts.pop()
  const result = join(parts.join('').replace(/[-.]+$/, '') || 'file')

  const changes: FilenameChange[] = []
  // NFC is not reported: it changes code points, not what anyone sees.
  if (clean !== name.normalize('NFC')) changes.push('characters')
  if (result !== clean) changes.push('length')
  if (predictStoryblokFilename(result) !== result) changes.push('dots')
  return { name: result, changes }
}

/**
 * The plugin's own clean-up, applied before signing so the stored name is safe and
 * predictable: only the last path segment; no invisible or bidi control characters; NFC; no
 * leading or trailing dots, dashes or spaces; each run of spaces or characters outside
 * letters, digits, emoji, `-`, `_` and `.` becomes one `-` (spaces too: `%20` in every URL is
 * legal but unreadable); a lower-case extension; at most 120 UTF-16 code units (cut at a
 * whole character, the extension kept); `file` when nothing is left. Dots stay: what Storyblok
 * does with them is `predictStoryblokFilename`.
 */
export function sanitizeFilename(name: string): string {
  return cleanFilename(name).name
}

/** Storyblok's own rule, applied to whatever name it is given: every dot but the last becomes `_`. */
export function predictStoryblokFilename(name: string): string {
  return name.replace(/\.(?=.*\.)/g, '_')
}

/** The name the asset will have in Storyblok when the plugin uploads a file called `name`. */
export function finalFilename(name: string): string {
  return predictStoryblokFilename(sanitizeFilename(name))
}
