// Checks that run on a chosen file before anything is sent: the field's `accept` and
// `maxFileSize` options, empty files, bytes that contradict the extension, and the name
// Storyblok will store. Pure; `useFileCheck` reads the bytes and calls `checkFile`.
import { matchesAccept, type AcceptRule } from './accept'
import { extensionOf, typeOfExtension } from './contentTypes'
import {
  cleanFilename,
  displayFilename,
  predictStoryblokFilename,
  type FilenameChange,
} from './filenames'
import { sniffType } from './magic'
import { STORYBLOK_MAX_UPLOAD_BYTES } from './sizes'

/** What can be wrong, each with its message `fileChecks.<code>`. */
export type FileProblemCode =
  | 'empty'
  | 'too-large'
  | 'not-accepted'
  | 'no-extension'
  | 'type-mismatch'
  | 'unreadable'
  | 'renamed'

export interface FileProblem {
  readonly code: FileProblemCode
  /**
   * `error` blocks the upload; `renamed` is `info`. A type mismatch under an extension the
   * plugin does not know is a `warning`: the file would only be offered as a download, which
   * may be what the editor wants.
   */
  readonly severity: 'error' | 'warning' | 'info'
  /** The file's name, safe to show; for `renamed`, the name Storyblok will store. */
  readonly name: string
  /** `too-large`: the field's limit, or Storyblok's. */
  readonly maxBytes?: number
  /** `not-accepted`: what the field accepts. */
  readonly accepted?: Pick<AcceptRule, 'groups' | 'others'>
  /** Type problems: the extension the bytes call for, and the name with it. */
  readonly detected?: string
  readonly extension?: string
  readonly suggested?: string
  /** `renamed`: why. */
  readonly changes?: readonly FilenameChange[]
}

export interface CheckFileInput {
  file: { readonly name: string; readonly size: number; readonly type: string }
  /** The name to upload under, when the editor has edited it. @default file.name */
  name?: string
  /** `null` or absent: anything. */
  rule?: AcceptRule | null
  /** The field's limit; Storyblok's own limit always applies. @default null */
  maxBytes?: number | null
  /** The file's first bytes (64 are enough); `null`: they could not be read. @default none: no type check */
  bytes?: Uint8Array | null
}

/** Every problem with uploading `file` under `name`: errors first, the rename notice last. */
export function checkFile({
  file,
  name = file.name,
  rule,
  maxBytes,
  bytes,
}: CheckFileInput): FileProblem[] {
  const problems: FileProblem[] = []
  const add = (code: FileProblemCode, details?: Partial<FileProblem>) =>
    problems.push({ code, severity: 'error', name: displayFilename(name), ...details })
  const { name: clean, changes } = cleanFilename(name)
  const finalName = predictStoryblokFilename(clean)
  const extension = extensionOf(finalName)
  const stem = extension ? finalName.slice(0, -extension.length - 1) : finalName
  const limit = Math.min(maxBytes ?? Infinity, STORYBLOK_MAX_UPLOAD_BYTES)
  const fitting = bytes && file.size ? sniffType(bytes) : null
  const suggested = fitting ? `${stem}.${fitting[0]}` : undefined

  // A file deleted or moved after it was chosen cannot be read (`NotReadableError`).
  if (bytes === null) add('unreadable')
  if (!file.size) add('empty')
  if (file.size > limit) add('too-large', { maxBytes: limit })
  // The browser's type describes the original name; after a new extension it says nothing.
  const type = extension === extensionOf(file.name) ? file.type : ''
  if (rule && !matchesAccept(rule, { name: finalName, type })) {
    add('not-accepted', { accepted: rule })
  }
  if (!extension) add('no-extension', { suggested })
  else if (fitting && !fitting.includes(extension)) {
    add('type-mismatch', {
      severity: typeOfExtension(extension) ? 'error' : 'warning',
      detected: fitting[0],
      extension,
      suggested,
    })
  }
  if (changes[0]) add('renamed', { severity: 'info', name: finalName, changes })
  return problems
}

/** Whether any problem stops the upload (errors do; warnings and notices do not). */
export function blocksUpload(problems: readonly FileProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error')
}
