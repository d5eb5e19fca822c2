// The S3 step of an upload: a browser-style POST of the signed form to `post_url`.
// XMLHttpRequest, not fetch: only XHR reports upload progress (`upload.onprogress`).

import { AbortError, NetworkError, S3Error, TimeoutError, parseS3ErrorXml } from './errors'
import type { S3UploadOptions, SignedUpload } from './types'

export interface ProgressEventLike {
  readonly loaded: number
  readonly total: number
  readonly lengthComputable: boolean
}

/**
 * A handler type checked bivariantly (the `bivarianceHack` of React's typings), so that
 * `XMLHttpRequest`, whose handlers take a full `ProgressEvent`, fits `XhrLike`.
 */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack']

/** The subset of `XMLHttpRequest` this module uses; tests and Node provide their own. */
export interface XhrLike {
  open(method: string, url: string): void
  send(body: FormData): void
  abort(): void
  readonly status: number
  readonly responseText: string
  readonly upload: { onprogress: Handler<ProgressEventLike> | null }
  onprogress: Handler<ProgressEventLike> | null
  onload: Handler<ProgressEventLike> | null
  onerror: Handler<ProgressEventLike> | null
  onabort: Handler<ProgressEventLike> | null
  ontimeout: Handler<ProgressEventLike> | null
}

export interface PostToS3Options extends S3UploadOptions {
  /** @default () => new XMLHttpRequest() */
  createXhr?: () => XhrLike
  /**
   * Fails with `TimeoutError` when no progress has been seen for this long. A stall timeout,
   * not a total-time limit: a 4 GB upload on a slow line is long but healthy. @default 60000
   */
  timeoutMs?: number
  /** The name of the `file` part. @default the File's name, else the key's last segment */
  filename?: string
}

const SUCCESS = new Set([200, 201, 204])

/**
 * Posts `file` with the signed fields: every entry of `fields` unchanged and in order, then
 * `file` last (S3 ignores fields after the file). No Content-Type header (the browser writes the
 * multipart boundary) and never an Authorization header: the policy is the credential.
 */
export function postToS3(
  signed: SignedUpload,
  file: Blob,
  options: PostToS3Options = {},
): Promise<void> {
  const { onProgress, signal, createXhr = () => new XMLHttpRequest(), timeoutMs = 60_000 } = options
  const url = signed.post_url
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError({ cause: signal.reason }))
      return
    }
    const xhr = createXhr()
    let settled = false
    let stalled = false
    let timer: ReturnType<typeof setTimeout> | undefined

    const cleanup = (): void => {
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    }
    const fail = (error: unknown): void => {
      if (settled) return
      cleanup()
      reject(error)
    }
    const armStallTimer = (): void => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        stalled = true
        fail(new TimeoutError({ timeoutMs, method: 'POST', url }))
        xhr.abort()
      }, timeoutMs)
    }
    function onAbort(): void {
      // Abort the transfer at once; the rejection does not wait for the XHR's own events.
      fail(new AbortError({ cause: signal?.reason }))
      xhr.abort()
    }

    xhr.open('POST', url)
    xhr.upload.onprogress = (event) => {
      armStallTimer()
      onProgress?.({
        loaded: event.loaded,
        total: event.lengthComputable ? event.total : file.size,
      })
    }
    // Download progress (the answer arriving) also shows the connection is alive.
    xhr.onprogress = () => armStallTimer()
    xhr.onload = () => {
      if (settled) return
      const status = xhr.status
      if (SUCCESS.has(status)) {
        cleanup()
        onProgress?.({ loaded: file.size, total: file.size })
        resolve()
        return
      }
      const text = xhr.responseText
      const { code, message } = parseS3ErrorXml(text)
      fail(new S3Error({ status, body: text, url, code, s3Message: message }))
    }
    xhr.onerror = () => fail(new NetworkError({ method: 'POST', url }))
    xhr.ontimeout = () => fail(new TimeoutError({ timeoutMs, method: 'POST', url }))
    xhr.onabort = () =>
      fail(stalled ? new TimeoutError({ timeoutMs, method: 'POST', url }) : new AbortError())
    signal?.addEventListener('abort', onAbort, { once: true })

    const form = new FormData()
    for (const [key, value] of Object.entries(signed.fields)) form.append(key, value)
    form.append('file', file, options.filename ?? fileName(file, signed))
    armStallTimer()
    try {
      xhr.send(form)
    } catch (cause) {
      fail(new NetworkError({ method: 'POST', url, cause }))
    }
  })
}

function fileName(file: Blob, signed: SignedUpload): string {
  if (typeof File !== 'undefined' && file instanceof File && file.name !== '') return file.name
  return signed.fields.key?.split('/').pop() ?? 'file'
}
