import { shallowRef, type ShallowRef } from 'vue'
import { locale as currentLocale, translate, type MessageParams } from '../i18n/locale'
import type { MessageKey } from '../i18n/messages'
import {
  checkFile,
  formatBytes,
  MAX_FILENAME_LENGTH,
  type AcceptRule,
  type CheckFileInput,
  type FileProblem,
  type ValidationProblem,
} from '../plugin/fileRules'

/** How many leading bytes `sniffType` needs. */
export const SNIFF_BYTES = 64

export interface UseFileCheckOptions {
  /**
   * Reads the first `length` bytes of a file.
   * @default (file, length) => file.slice(0, length).arrayBuffer()
   */
  readHead?: (file: Blob, length: number) => Promise<ArrayBuffer>
}

/** The name to upload under (@default file.name), the accept rule and the size limit. */
export type FileCheckSettings = Omit<CheckFileInput, 'file' | 'bytes'>

export interface UseFileCheckReturn {
  /** The last check's problems, errors first. */
  problems: Readonly<ShallowRef<readonly FileProblem[]>>
  /** Checks a file; a newer call makes an older one's result stale (it is returned, not kept). */
  check: (file: File, settings?: FileCheckSettings) => Promise<FileProblem[]>
  reset: () => void
}

export function useFileCheck(options: UseFileCheckOptions = {}): UseFileCheckReturn {
  const { readHead = (file, length) => file.slice(0, length).arrayBuffer() } = options
  const problems = shallowRef<readonly FileProblem[]>([])
  let run = 0

  async function check(file: File, settings: FileCheckSettings = {}): Promise<FileProblem[]> {
    const current = ++run
    // Bytes that cannot be read are `null`, which `checkFile` reports as unreadable.
    const bytes =
      file.size > 0
        ? await readHead(file, SNIFF_BYTES).then(
            (buffer) => new Uint8Array(buffer),
            () => null,
          )
        : undefined
    const result = checkFile({ ...settings, file, bytes })
    if (current === run) problems.value = result
    return result
  }

  function reset() {
    run++
    problems.value = []
  }

  // Read-only by type only, like the other composables' refs: `readonly()` costs bundle bytes.
  return { problems, check, reset }
}

// ---------------------------------------------------------------------------------------------
// Plain-language text for problems and limits

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

/** The message for an invalid `accept` or `maxFileSize` option. */
export function describeOptionProblem(
  problem: ValidationProblem,
  { t = translate }: DescribeOptions = {},
): string {
  return t(`fileChecks.option.${problem.option}`, { value: problem.value })
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
