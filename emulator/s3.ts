// The S3-style upload target: `POST <origin>/s3.amazonaws.com/a.storyblok.com`.
//
// The multipart body is parsed as a stream (busboy). The policy is checked as soon as the
// fields before `file` are known; the file is then piped to tmp/ (never held in memory),
// counted against the policy's content-length-range, and renamed into files/<key> only when
// the whole request arrived intact. On any failure the temp file is removed; when the
// connection drops there is nobody to answer, and nothing is left behind either.
import busboy from 'busboy'
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { unlink } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { drain, sendEmpty } from './http.ts'
import { verifyUploadFields, type FormField, type VerifiedUpload } from './policy.ts'
import type { RequestContext, Route } from './router.ts'
import { S3Error, sendS3Error } from './s3Error.ts'
import type { AssetStore } from './store.ts'
import { BUCKET, S3_HOST, type UrlLayout } from './urls.ts'

export interface S3Deps {
  store: AssetStore
  urls: UrlLayout
}

/** S3 refuses more than 20 KB of form fields before the file. */
const MAX_PRE_DATA_BYTES = 20 * 1024

const exactlyOneFile = (): S3Error =>
  new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.', {
    ArgumentName: 'file',
  })
const malformed = (): S3Error =>
  new S3Error(
    400,
    'MalformedPOSTRequest',
    'The body of your POST request is not well-formed multipart/form-data.',
  )
const internalError = (): S3Error =>
  new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.')

/** A file being written to tmp/. */
interface PendingFile {
  readonly tempPath: string
  readonly bytes: () => number
  readonly md5: () => string
  /** Resolves once every byte is on disk (after the source ended). */
  readonly written: Promise<void>
  /** Stops writing and removes the temp file; resolves when it is gone. */
  abort(): Promise<void>
}

function writeToTemp(
  store: AssetStore,
  source: Readable,
  maxBytes: number,
  onTooLarge: () => void,
): PendingFile {
  const tempPath = store.tempFilePath()
  const out = createWriteStream(tempPath, { flags: 'wx' })
  const hash = createHash('md5')
  let bytes = 0
  let aborted = false
  let cleaned: Promise<void> | undefined

  const abort = (): Promise<void> => {
    aborted = true
    // The rest of the part is read and discarded, so the form (and the request) can complete.
    source.resume()
    cleaned ??= new Promise<void>((resolve) => {
      const remove = (): void => void unlink(tempPath).then(resolve, resolve)
      if (out.closed) remove()
      else {
        out.once('close', remove)
        out.destroy()
      }
    })
    return cleaned
  }

  const written = new Promise<void>((resolve, reject) => {
    out.once('finish', () => resolve())
    out.once('error', (error) => reject(error))
    out.once('close', () => {
      if (aborted) reject(new Error('upload aborted'))
    })
  })
  // Observed by the caller through `written`; this only keeps an early rejection from being unhandled.
  written.catch(() => undefined)

  source.on('data', (chunk: Buffer) => {
    if (aborted) return
    bytes += chunk.length
    if (bytes > maxBytes) {
      onTooLarge()
      return
    }
    hash.update(chunk)
    if (!out.write(chunk)) {
      source.pause()
      out.once('drain', () => {
        if (!aborted) source.resume()
      })
    }
  })
  source.once('end', () => {
    if (!aborted) out.end()
  })
  source.once('error', () => void abort())

  return { tempPath, bytes: () => bytes, md5: () => hash.copy().digest('hex'), written, abort }
}

type Outcome =
  | { kind: 'stored'; key: string; etag: string }
  | { kind: 'error'; error: S3Error }
  /** The client went away before the request was complete: there is nobody to answer. */
  | { kind: 'aborted' }

function receiveUpload(deps: S3Deps, req: IncomingMessage): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fieldSize: MAX_PRE_DATA_BYTES + 1, fields: 200, parts: 400 },
      })
    } catch {
      void drain(req).then(() => resolve({ kind: 'error', error: malformed() }))
      return
    }

    const fields: FormField[] = []
    let preDataBytes = 0
    let error: S3Error | undefined
    let fileSeen = false
    let file: PendingFile | undefined
    let accepted: VerifiedUpload | undefined
    let settled = false
    let dropped = false

    const settle = (outcome: Outcome): void => {
      if (settled) return
      settled = true
      resolve(outcome)
    }
    const fail = (reason: S3Error): void => {
      error ??= reason
      void file?.abort()
    }

    const startFile = (source: Readable): void => {
      fileSeen = true
      const verdict = verifyUploadFields(fields, BUCKET, Date.now())
      if (verdict instanceof S3Error) {
        fail(verdict)
        source.resume()
        return
      }
      accepted = verdict
      file = writeToTemp(deps.store, source, verdict.maxBytes, () =>
        fail(
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

    parser.on('field', (name, value, info) => {
      if (error) return
      if (fileSeen) {
        // Real S3 ignores fields after the file; the emulator refuses them so that a form in the
        // wrong order fails here and not only when a required field happens to come last.
        fail(exactlyOneFile())
        return
      }
      if (name.toLowerCase() === 'file') {
        startFile(Readable.from([Buffer.from(value, 'utf8')]))
        return
      }
      preDataBytes += Buffer.byteLength(name) + Buffer.byteLength(value)
      if (info.valueTruncated || preDataBytes > MAX_PRE_DATA_BYTES) {
        fail(
          new S3Error(
            400,
            'MaxPostPreDataLengthExceeded',
            'Your POST request fields preceeding the upload file was too large.',
          ),
        )
        return
      }
      fields.push({ name, value })
    })

    parser.on('file', (name, stream) => {
      if (error) {
        stream.resume()
        return
      }
      if (fileSeen || name.toLowerCase() !== 'file') {
        fail(exactlyOneFile())
        stream.resume()
        return
      }
      startFile(stream)
    })

    parser.on('error', () => {
      if (dropped) return
      fail(malformed())
      req.unpipe(parser)
      void Promise.all([drain(req), file?.abort()]).then(() =>
        settle({ kind: 'error', error: error ?? malformed() }),
      )
    })

    parser.on('close', () => {
      void (async (): Promise<Outcome> => {
        if (!error && !fileSeen) error = exactlyOneFile()
        if (error || !file || !accepted) {
          await file?.abort()
          return { kind: 'error', error: error ?? exactlyOneFile() }
        }
        try {
          await file.written
        } catch {
          await file.abort()
          return { kind: 'error', error: error ?? internalError() }
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
        const etag = `"${file.md5()}"`
        try {
          await deps.store.commitFile(file.tempPath, accepted.key)
        } catch {
          await file.abort()
          return { kind: 'error', error: internalError() }
        }
        deps.store.putObject({
          key: accepted.key,
          size: file.bytes(),
          contentType: accepted.contentType,
          cacheControl: accepted.cacheControl ?? null,
          expires: accepted.expires ?? null,
          etag,
          lastModified: new Date().toISOString(),
        })
        // A new object for the asset's current key has to be finished again.
        const asset = deps.store.assetForKey(accepted.key)
        if (asset && asset.key === accepted.key && asset.finishedKey === accepted.key) {
          asset.finishedKey = null
          deps.store.changed()
        }
        return { kind: 'stored', key: accepted.key, etag }
      })().then(settle)
    })

    // A dropped connection: remove whatever was written, answer nothing.
    req.once('close', () => {
      if (req.complete) return
      dropped = true
      req.unpipe(parser)
      parser.destroy()
      void (file?.abort() ?? Promise.resolve()).then(() => settle({ kind: 'aborted' }))
    })

    req.pipe(parser)
  })
}

async function handleUpload(deps: S3Deps, ctx: RequestContext): Promise<void> {
  const { req, res } = ctx
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
    await drain(req)
    sendS3Error(
      res,
      new S3Error(
        412,
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        {
          Condition: 'Bucket POST must be of the enclosure-type multipart/form-data',
        },
      ),
    )
    return
  }
  const outcome = await receiveUpload(deps, req)
  if (outcome.kind === 'aborted') {
    res.destroy()
    return
  }
  if (outcome.kind === 'error') {
    sendS3Error(res, outcome.error)
    return
  }
  sendEmpty(res, 204, { ETag: outcome.etag, Location: deps.urls.s3ObjectUrl(outcome.key) })
}

export function s3Routes(deps: S3Deps): Route[] {
  return [
    {
      methods: ['POST'],
      pattern: `/${S3_HOST}/${BUCKET}`,
      area: 's3',
      name: 's3',
      handle: (ctx) => handleUpload(deps, ctx),
    },
    {
      methods: ['POST'],
      pattern: `/${S3_HOST}/*rest`,
      area: 's3',
      handle: async ({ req, res }) => {
        await drain(req)
        sendS3Error(res, new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist'))
      },
    },
  ]
}
