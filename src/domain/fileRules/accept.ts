// The field's `accept` option: which files it takes.
import { extensionOf, labelOfType, normalizeType, typeOfExtension } from './contentTypes'

/** Storyblok's own asset-field file types. */
export type AcceptGroup = 'images' | 'videos' | 'audios' | 'texts'

export interface AcceptRule {
  /** No restriction (empty option, `*` or `*∕*`). */
  readonly anything: boolean
  /** Normalised, as `<input accept>` takes them: `image/*`, `application/pdf`, `.pdf`. */
  readonly patterns: readonly string[]
  /** For messages: the groups named or implied (`image/*` is `images`) ... */
  readonly groups: readonly AcceptGroup[]
  /** ... and short labels for the rest, such as `PDF` or `font/*`. */
  readonly others: readonly string[]
}

// `texts` is documents: every `text/*` type, plus PDF, Word, OpenDocument text, RTF, JSON and
// Markdown (by extension, so that files the browser gives no type count too). Spreadsheets
// and slides are not text; a field that wants them names them (`texts,.xlsx,.pptx`).
const TEXTS = 'text/*,.pdf,.doc,.docx,.odt,.rtf,.json,.md'
const GROUPS: ReadonlyMap<string, AcceptGroup> = new Map([
  ['image/*', 'images'],
  ['video/*', 'videos'],
  ['audio/*', 'audios'],
  [TEXTS, 'texts'],
])

/**
 * Parses the `accept` option: comma-separated MIME types (`image/png`), wildcards (`image/*`),
 * extensions (`.pdf`, or a bare known extension such as `pdf`) and Storyblok's groups
 * `images`, `videos`, `audios`, `texts`. Empty means anything. The first token the plugin
 * cannot read is returned as `{ invalid }`, so the editor sees exactly which one to fix; a list
 * of nothing but commas (`",,,"`) is `{ invalid: '' }`: it would refuse every file.
 */
export function parseAccept(option: string): AcceptRule | { invalid: string } {
  const patterns: string[] = []
  const groups: AcceptGroup[] = []
  const others: string[] = []
  let anything = !option.trim()

  // Empty entries (`png,,pdf`, a trailing comma) are no entries.
  for (const raw of option.split(',').filter((entry) => entry.trim())) {
    // A group is its patterns: `images` is `image/*`.
    const token = normalizeType(raw)
      .replace(/^(image|video|audio)s$/, '$1/*')
      .replace(/^texts$/, TEXTS)
    const group = GROUPS.get(token)
    const extension = /^\.?([\p{L}\p{N}]{1,16})$/u.exec(token)?.[1]
    if (/^\*(\/\*)?$/.test(token)) {
      anything = true
    } else if (
      group ||
      /^(application|audio|font|image|model|text|video)\/[\w.+*-]+$/.test(token)
    ) {
      patterns.push(...token.split(','))
      if (group) groups.push(group)
      else others.push(token.endsWith('*') ? token : labelOfType(token))
    } else if (extension && (token[0] === '.' || typeOfExtension(extension))) {
      patterns.push(`.${extension}`)
      others.push(extension.toUpperCase())
    } else {
      return { invalid: raw.trim() }
    }
  }
  return anything || patterns.length ? { anything, patterns, groups, others } : { invalid: '' }
}

/** The value for `<input type="file" accept>`, or `undefined` when anything goes. */
export function acceptAttribute(rule: AcceptRule): string | undefined {
  return rule.anything ? undefined : rule.patterns.join(',')
}

/**
 * Whether a file may be uploaded under `name`. The type that counts is the one S3 will serve,
 * which the extension decides; the browser's `type` is only used when the extension is unknown
 * to the plugin (the browser may know more, e.g. for `.jfif`).
 */
export function matchesAccept(rule: AcceptRule, file: { name: string; type: string }): boolean {
  const extension = extensionOf(file.name)
  const type = typeOfExtension(extension) ?? normalizeType(file.type)
  return (
    rule.anything ||
    [`.${extension}`, type, type.replace(/\/.*/, '/*')].some((pattern) =>
      rule.patterns.includes(pattern),
    )
  )
}
