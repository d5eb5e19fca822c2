// Plain-language text for the file checks (domain/fileRules/checkFile.ts) and the field's
// limits: what is wrong and what to do next.
import { formatBytes } from '../domain/fileRules/sizes'
import { MAX_FILENAME_LENGTH } from '../domain/fileRules/filenames'
import type { AcceptRule } from '../domain/fileRules/accept'
import type { FileProblem } from '../domain/fileRules/checkFile'
import { locale as currentLocale, translate, type MessageParams } from './locale'
import type { MessageKey } from './messages'

export interface DescribeOptions {
  /** @default the plugin's `translate` in the current locale */
  t?: (key: MessageKey, params?: MessageParams) => string
  /** For numbers. @default the current locale */
  locale?: string
}

/**
 * Wraps a user-chosen name in a first-strong isolate (U+2068 … U+2069), so a right-to-left
 * name cannot reorder the sentence around it. The names have had their own bidi controls
 * removed (`displayFilename`), so the isolate cannot be unbalanced.
 */
function isolate(text: string): string {
  return `\u2068${text}\u2069`
}

/** What a rule accepts, in words: "images, PDF". */
export function describeAccept(
  { groups, others }: Pick<AcceptRule, 'groups' | 'others'>,
  { t = translate }: DescribeOptions = {},
): string {
  return [...groups.map((group) => t(`fileChecks.group.${group}`)), ...others].join(', ')
}

/** The limits shown before a file is chosen: accepted types and the maximum size. */
export function describeLimits(
  rule: AcceptRule,
  maxBytes: number | null,
  options: DescribeOptions = {},
): string[] {
  const { t = translate, locale = currentLocale.value } = options
  return [
    ...(rule.anything
      ? []
      : [t('fileChecks.hint.accept', { accepted: describeAccept(rule, options) })]),
    ...(maxBytes === null
      ? []
      : [t('fileChecks.hint.maxSize', { max: formatBytes(maxBytes, locale) })]),
  ]
}

/** One problem in plain words, with the next step. */
export function describeFileProblem(problem: FileProblem, options: DescribeOptions = {}): string {
  const { t = translate, locale = currentLocale.value } = options
  const { code, suggested, accepted } = problem
  const key = code === 'no-extension' && !suggested ? 'no-extension-unknown' : code
  return [
    t(`fileChecks.${key}`, {
      name: isolate(problem.name),
      max: formatBytes(problem.maxBytes ?? 0, locale),
      accepted: accepted ? describeAccept(accepted, options) : '',
      detected: problem.detected?.toUpperCase() ?? '',
      extension: problem.extension ?? '',
      suggested: isolate(suggested ?? ''),
    }),
    ...(problem.changes ?? []).map((change) =>
      t(`fileChecks.change.${change}`, { max: MAX_FILENAME_LENGTH }),
    ),
  ].join(' ')
}
