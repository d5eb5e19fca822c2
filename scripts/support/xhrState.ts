// What every stand-in for XMLHttpRequest holds for src/api/s3.ts (`XhrLike`): the answer and
// the handlers the S3 step sets. NodeXhr (real requests in Node) and the tests' FakeXhr extend it.
import type { ProgressEventLike } from '../../src/api/s3'

export type XhrHandler = ((event: ProgressEventLike) => void) | null

export class XhrState {
  status = 0
  responseText = ''
  upload: { onprogress: XhrHandler } = { onprogress: null }
  onprogress: XhrHandler = null
  onload: XhrHandler = null
  onerror: XhrHandler = null
  onabort: XhrHandler = null
}
