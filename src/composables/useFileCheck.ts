import { readonly, shallowRef, type Ref } from 'vue'
import { checkFile, type CheckFileInput, type FileProblem } from '../domain/fileRules/checkFile'

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
  problems: Readonly<Ref<readonly FileProblem[]>>
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

  return { problems: readonly(problems), check, reset }
}
