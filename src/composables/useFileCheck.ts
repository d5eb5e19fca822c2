import { computed, readonly, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import { translate, type Locale, type MessageParams } from '../i18n/locale'
import type { MessageKey } from '../i18n/messages'
import {
  acceptLabels,
  blocksUpload,
  checkFile,
  displayFilename,
  extensionForType,
  formatBytes,
  MAX_FILENAME_CHARACTERS,
  type AcceptGroup,
  type AcceptRule,
  type FileProblem,
  type FilenameChange,
  type ValidationProblem,
} from '../plugin/fileRules'

/** How many leading bytes `sniffType` needs. */
export const SNIFF_BYTES = 64

export type FileCheckStatus = 'idle' | 'checking' | 'done'

export interface UseFileCheckOptions {
  /**
   * Reads the first `length` bytes of a file.
   * @default (file, length) => file.slice(0, length).arrayBuffer()
   */
  readHead?: (file: Blob, length: number) => Promise<ArrayBuffer>
}

export interface FileCheckSettings {
  /** The name to upload under, when the editor has edited it. @default file.name */
  name?: string
  /** `null` or absent: anything. */
  rule?: AcceptRule | null
  /** @default no limit but Storyblok's */
  maxBytes?: number | null
}

export interface UseFileCheckReturn {
  status: Readonly<Ref<FileCheckStatus>>
  /** The last check's problems, errors first. */
  problems: Readonly<ShallowRef<readonly FileProblem[]>>
  /** No problem of severity `error`. */
  canUpload: ComputedRef<boolean>
  /** Checks a file; a newer call makes an older one's result stale (it is returned, not kept). */
  check: (file: File, settings?: FileCheckSettings) => Promise<FileProblem[]>
  reset: () => void
}

export function useFileCheck(options: UseFileCheckOptions = {}): UseFileCheckReturn {
  const { readHead = (file, length) => file.slice(0, length).arrayBuffer() } = options

  const status = shallowRef<FileCheckStatus>('idle')
  const problems = shallowRef<readonly FileProblem[]>([])
  let run = 0

  async function check(file: File, settings: FileCheckSettings = {}): Promise<FileProblem[]> {
    const current = ++run
    status.value = 'checking'
    let result: FileProblem[]
    try {
      const bytes = file.size > 0 ? new Uint8Array(await readHead(file, SNIFF_BYTES)) : undefined
      result = checkFile({ file, bytes, ...settings })
    } catch {
      // A file deleted or moved after it was chosen cannot be read (`NotReadableError`).
      const name = displayFilename(settings.name ?? file.name)
      result = [
        { code: 'unreadable', severity: 'error', name },
        ...checkFile({ file, ...settings }),
      ]
    }
    if (current === run) {
      problems.value = result
      status.value = 'done'
    }
    return result
  }

  function reset() {
    run++
    problems.value = []
    status.value = 'idle'
  }

  return {
    status: readonly(status),
    problems: readonly(problems),
    canUpload: computed(() => status.value === 'done' && !blocksUpload(problems.value)),
    check,
    reset,
  }
}

// ---------------------------------------------------------------------------------------------
// Plain-language text for problems and limits

type Translate = (key: MessageKey, params?: MessageParams) => string

export interface DescribeOptions {
  /** @default the plugin's `translate` in the current locale */
  t?: Translate
  /** For numbers and lists. @default 'en' */
  locale?: Locale | string
}

const GROUP_KEYS: Record<AcceptGroup, MessageKey> = {
  images: 'fileChecks.group.images',
  videos: 'fileChecks.group.videos',
  audios: 'fileChecks.group.audios',
  texts: 'fileChecks.group.texts',
}

const CHANGE_KEYS: Record<FilenameChange, MessageKey> = {
  path: 'fileChecks.change.path',
  'hidden-characters': 'fileChecks.change.hiddenCharacters',
  edges: 'fileChecks.change.edges',
  spaces: 'fileChecks.change.spaces',
  characters: 'fileChecks.change.characters',
  'extension-case': 'fileChecks.change.extensionCase',
  length: 'fileChecks.change.length',
  empty: 'fileChecks.change.empty',
  dots: 'fileChecks.change.dots',
}

/**
 * Wraps a user-chosen name in a first-strong isolate (U+2068 … U+2069), so a right-to-left
 * name cannot reorder the sentence around it. The names have had their own bidi controls
 * removed (`displayFilename`), so the isolate cannot be unbalanced.
 */
function isolate(text: string): string {
  return `\u2068${text}\u2069`
}

function typeLabel(type: string): string {
  return (extensionForType(type) ?? type).toUpperCase()
}

function list(items: string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(items)
}

/** What a rule accepts, in words: "images (JPG, PNG, …) or PDF". */
export function describeAccept(rule: AcceptRule, options: DescribeOptions = {}): string {
  const { t = translate, locale = 'en' } = options
  const { groups, others } = acceptLabels(rule)
  return list([...groups.map((group) => t(GROUP_KEYS[group])), ...others], locale)
}

/** The limits shown before a file is chosen: accepted types and the maximum size. */
export function describeLimits(
  rule: AcceptRule,
  maxBytes: number | null,
  options: DescribeOptions = {},
): string[] {
  const { t = translate, locale = 'en' } = options
  const lines = [
    rule.anything
      ? t('fileChecks.hint.anyType')
      : t('fileChecks.hint.accept', { accepted: describeAccept(rule, options) }),
  ]
  if (maxBytes !== null)
    lines.push(t('fileChecks.hint.maxSize', { max: formatBytes(maxBytes, locale) }))
  return lines
}

/** The message for an invalid `accept` or `maxFileSize` option. */
export function describeOptionProblem(
  problem: ValidationProblem,
  options: DescribeOptions = {},
): string {
  const { t = translate } = options
  const key =
    problem.option === 'accept' ? 'fileChecks.option.accept' : 'fileChecks.option.maxFileSize'
  return t(key, { value: problem.value })
}

/** Sizes that round to the same text ("20 MB" over "20 MB") get more digits, then bytes. */
function sizePair(size: number, max: number, locale: string): { size: string; max: string } {
  for (const digits of [1, 3]) {
    const pair = { size: formatBytes(size, locale, digits), max: formatBytes(max, locale, digits) }
    if (pair.size !== pair.max) return pair
  }
  const bytes = new Intl.NumberFormat(locale)
  return { size: `${bytes.format(size)} B`, max: `${bytes.format(max)} B` }
}

/** One problem in plain words, with the next step. */
export function describeFileProblem(problem: FileProblem, options: DescribeOptions = {}): string {
  const { t = translate, locale = 'en' } = options
  const name = isolate(problem.name)
  switch (problem.code) {
    case 'empty':
      return t('fileChecks.empty', { name })
    case 'too-large':
      return t('fileChecks.tooLarge', { name, ...sizePair(problem.size, problem.maxBytes, locale) })
    case 'not-accepted': {
      const { groups, others } = problem.accepted
      const accepted = list([...groups.map((group) => t(GROUP_KEYS[group])), ...others], locale)
      return t('fileChecks.notAccepted', { name, accepted })
    }
    case 'type-mismatch': {
      const params = { name, detected: typeLabel(problem.detected), extension: problem.extension }
      if (problem.suggestedName === null) return t('fileChecks.typeMismatchUnknown', params)
      const suggested = isolate(problem.suggestedName)
      return problem.severity === 'warning'
        ? t('fileChecks.typeUnknownExtension', { ...params, suggested })
        : t('fileChecks.typeMismatch', { ...params, suggested })
    }
    case 'no-extension':
      return problem.suggestedName === null
        ? t('fileChecks.noExtensionUnknown', { name })
        : t('fileChecks.noExtension', { name, suggested: isolate(problem.suggestedName) })
    case 'unreadable':
      return t('fileChecks.unreadable', { name })
    case 'renamed':
      return [
        t('fileChecks.renamed', { final: isolate(problem.finalName) }),
        ...problem.changes.map((change) =>
          t(CHANGE_KEYS[change], { max: MAX_FILENAME_CHARACTERS }),
        ),
      ].join(' ')
  }
}
