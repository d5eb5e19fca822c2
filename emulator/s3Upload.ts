// One request to the S3-style upload target, as its multipart form arrives (s3.ts parses it):
// the fields before `file` are checked against the policy as soon as the file starts; the file
// is then piped to tmp/, counted against the policy's content-length-range, and renamed into
// files/<key> only when the whole request arrived intact. On any failure the temp file is
// removed.
import type busboy from 'busboy'
import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { verifyUploadFields, type FormField, type VerifiedUpload } from './policy.ts'
import { S3Error } from './s3Error.ts'
import type { AssetStore } from './store.ts'
import { writeToTemp, type PendingFile } from './tempFile.ts'
import { BUCKET } from './urls.ts'

/** S3 refuses more than 20 KB of form fields before the file. */
export const MAX_PRE_DATA_BYTES = 20 * 1024

const exactlyOneFile = (): S3Error =>
  new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', {
    ArgumentName: 'file',
  })
export const malformed = (): S3Error =>
  new S3Error(
    400,
    'MalformedPOSTRequest',
    'The body of your POST request is not well-formed multipart/form-data.',
  )
const internalError = (): S3Error =>
  new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.')

export type Outcome =
  | { kind: 'stored'; key: string; etag: string }
  | { kind: 'error'; error: S3Error }
  /** The client went away before the request was complete: there is nobody to answer. */
  | { kind: 'aborted' }

/** One upload request being received: the form's fields, then its one file. */
export class UploadReception {
  private readonly fields: FormField[] = []
  private preDataBytes = 0
  private error: S3Error | undefined
  private fileSeen = false
  private file: PendingFile | undefined
  private accepted: VerifiedUpload | undefined

  constructor(private readonly store: AssetStore) {}

  /** The first failure is the answer; the file written so far is removed. */
  fail(reason: S3Error): void {
    this.error ??= reason
    void this.file?.abort()
  }

  /** The first failure, once there is one. */
  get failure(): S3Error | undefined {
    return this.error
  }

  private startFile(source: Readable): void {
    this.fileSeen = true
    const verdict = verifyUploadFields(this.fields, BUCKET, Date.now())
    if (verdict instanceof S3Error) {
      this.fail(verdict)
      source.resume()
      return
    }
    this.accepted = verdict
    this.file = writeToTemp(this.store, source, verdict.maxBytes, () =>
      this.fail(
        new S3Error(
          400,
          'EntityTooLarge',
          'Your proposed upload exceeds the maximum allowed size',
          {
            MaxSizeAllowed: String(verdict.maxBytes),
          },
        ),
      ),
    )
  }

  onField(name: string, value: string, info: busboy.FieldInfo): void {
    if (this.error) return
    if (this.fileSeen) {
      // Real S3 ignores fields after the file; the emulator refuses them so that a form in the
      // wrong order fails here and not only when a required field happens to come last.
      this.fail(exactlyOneFile())
      return
    }
    if (name.toLowerCase() === 'file') {
      this.startFile(Readable.from([Buffer.from(value, 'utf8')]))
      return
    }
    this.preDataBytes += Buffer.byteLength(name) + Buffer.byteLength(value)
    if (info.valueTruncated || this.preDataBytes > MAX_PRE_DATA_BYTES) {
      this.fail(
        new S3Error(
          400,
          'MaxPostPreDataLengthExceeded',
          'Your POST request fields preceeding the upload file was too large.',
        ),
      )
      return
    }
    this.fields.push({ name, value })
  }

  onFile(name: string, stream: Readable): void {
    if (this.error) {
      stream.resume()
      return
    }
    if (this.fileSeen || name.toLowerCase() !== 'file') {
      this.fail(exactlyOneFile())
      stream.resume()
      return
    }
    this.startFile(stream)
  }

  /** Removes whatever was written (a dropped connection, a broken form). */
  abort(): Promise<void> {
    return this.file?.abort() ?? Promise.resolve()
  }

  /** The answer, once the form has been read to its end. */
  async finish(req: IncomingMessage): Promise<Outcome> {
    if (!this.error && !this.fileSeen) this.error = exactlyOneFile()
    const { file, accepted } = this
    if (this.error || !file || !accepted) {
      await file?.abort()
      return { kind: 'error', error: this.error ?? exactlyOneFile() }
    }
    try {
      await file.written
    } catch {
      await file.abort()
      return { kind: 'error', error: this.error ?? internalError() }
    }
    if (file.bytes() < accepted.minBytes) {
      await file.abort()
      return {
        kind: 'error',
        error: new S3Error(
          400,
          'EntityTooSmall',
          'Your proposed upload is smaller than the minimum allowed size',
          {
            ProposedSize: String(file.bytes()),
            MinSizeAllowed: String(accepted.minBytes),
          },
        ),
      }
    }
    if (!req.complete) {
      await file.abort()
      return { kind: 'aborted' }
    }
    return this.commit(file, accepted)
  }

  /** Moves the file into files/<key> and records the object. */
  private async commit(file: PendingFile, accepted: VerifiedUpload): Promise<Outcome> {
    const etag = `"${file.md5()}"`
    try {
      await this.store.commitFile(file.tempPath, accepted.key)
    } catch {
      await file.abort()
      return { kind: 'error', error: internalError() }
    }
    this.store.putObject({
      key: accepted.key,
      size: file.bytes(),
      contentType: accepted.contentType,
      cacheControl: accepted.cacheControl ?? null,
      expires: accepted.expires ?? null,
      etag,
      lastModified: new Date().toISOString(),
    })
    // A new object for the asset's current key has to be finished again.
    const asset = this.store.assetForKey(accepted.key)
    if (asset && asset.key === accepted.key && asset.finishedKey === accepted.key) {
      asset.finishedKey = null
      this.store.changed()
    }
    return { kind: 'stored', key: accepted.key, etag }
  }
}
