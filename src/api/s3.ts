// The S3 step of an upload: a browser-style POST of the signed form to `post_url`.
// XMLHttpRequest, not fetch: only XHR reports upload progress (`upload.onprogress`).

import { AbortError, NetworkError, S3Error, TimeoutError } from './errors'
import { onAbort } from './abort'
import type { SignedUpload, UploadProgress } from './types'

export interface ProgressEventLike {
  readonly loaded: number
  readonly total: number
  readonly lengthComputable: boolean
}

/**
 * A handler type checked bivariantly (the `bivarianceHack` of React's typings), so that
 * `XMLHttpRequest`, whose handlers take a full `ProgressEvent`, fits `XhrLike`.
 */
type Handler = { bivarianceHack(event: ProgressEventLike): void }['bivarianceHack'] | null

/** The subset of `XMLHttpRequest` this module uses; tests and Node provide their own. */
export interface XhrLike {
  open(method: string, url: string): void
  send(body: FormData): void
  abort(): void
  readonly status: number
  readonly responseText: string
  readonly upload: { onprogress: Handler }
  onload: Handler
  onerror: Handler
  onabort: Handler
}

export interface PostToS3Options {
  /**
   * The name the file part is sent under: the final, cleaned name. A browser sends `File.name`
   * otherwise, and S3 refuses a name with control characters (NUL, BEL) that the editor never saw.
   * @default the file's own name
   */
  filename?: string
  signal?: AbortSignal
  onProgress?: (progress: UploadProgress) => void
  /** @default () => new XMLHttpRequest() */
  createXhr?: () => XhrLike
  /**
   * Fails with `TimeoutError` when no progress has been seen for this long. A stall timeout,
   * not a total-time limit: a 4 GB upload on a slow line is long but healthy. @default 60000
   */
  timeoutMs?: number
}

/**
 * Posts `file` with the signed fields: every entry of `fields` unchanged and in order, then
 * `file` last (S3 ignores fields after the file). No Content-Type header (the browser writes the
 * multipart boundary) and never an Authorization header: the policy is the credential.
 */
export function postToS3(
  { post_url: url, fields }: SignedUpload,
  file: Blob,
  {
    filename,
    signal,
    onProgress,
    createXhr = () => new XMLHttpRequest(),
    timeoutMs = 60_000,
  }: PostToS3Options = {},
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError(signal.reason))
    const xhr = createXhr()
    let timer: ReturnType<typeof setTimeout> | undefined
    // The first call wins: later events (the XHR's own abort after a stall) change nothing.
    const settle = (error?: unknown): void => {
      clearTimeout(timer)
      unsubscribe()
      if (error) reject(error)
      else resolve()
    }
    const fail = (error: unknown): void => {
      settle(error)
      xhr.abort()
    }
    const arm = (): void => {
      clearTimeout(timer)
      timer = setTimeout(() => fail(new TimeoutError('Stalled')), timeoutMs)
    }

    xhr.open('POST', url)
    xhr.upload.onprogress = (event) => {
      arm()
      onProgress?.({
        loaded: event.loaded,
        total: event.lengthComputable ? event.total : file.size,
      })
    }
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status > 299)
        return settle(new S3Error(xhr.status, xhr.responseText, 'POST', url))
      onProgress?.({ loaded: file.size, total: file.size })
      settle()
    }
    xhr.onerror = () => settle(new NetworkError())
    xhr.onabort = () => settle(new AbortError())
    // Abort the transfer at once; the rejection does not wait for the XHR's own events.
    const unsubscribe = onAbort(signal, () => fail(new AbortError(signal?.reason)))

    const form = new FormData()
    for (const [key, value] of Object.entries(fields)) form.append(key, value)
    if (filename === undefined) form.append('file', file)
    else form.append('file', file, filename)
    arm()
    xhr.send(form)
  })
}
