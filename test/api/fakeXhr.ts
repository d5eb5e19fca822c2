// A scriptable stand-in for XMLHttpRequest: records what the S3 step sends and lets a test
// play the server's part (progress, answer, network error).
import type { ProgressEventLike, XhrLike } from '../../src/api/s3'
import { XhrState } from '../../scripts/support/xhrState'

const event = (loaded = 0, total = 0): ProgressEventLike => ({
  loaded,
  total,
  lengthComputable: total > 0,
})

export class FakeXhr extends XhrState implements XhrLike {
  static instances: FakeXhr[] = []

  method = ''
  url = ''
  body: FormData | null = null
  /** Headers set with `setRequestHeader`; the S3 step must never set any. */
  requestHeaders: Record<string, string> = {}
  aborted = false

  constructor() {
    super()
    FakeXhr.instances.push(this)
  }

  open(method: string, url: string): void {
    this.method = method
    this.url = url
  }

  setRequestHeader(name: string, value: string): void {
    this.requestHeaders[name] = value
  }

  send(body: FormData): void {
    this.body = body
  }

  abort(): void {
    this.aborted = true
    this.onabort?.(event())
  }

  // The server's side.
  progress(loaded: number, total: number): void {
    this.upload.onprogress?.(event(loaded, total))
  }

  respond(status: number, text = ''): void {
    this.status = status
    this.responseText = text
    this.onload?.(event())
  }

  failNetwork(): void {
    this.onerror?.(event())
  }

  /** The field names of the sent form, in order. */
  fieldNames(): string[] {
    return this.body ? [...this.body.keys()] : []
  }
}

export function s3ErrorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>1</RequestId></Error>`
}
