// The S3-style upload target: `POST <origin>/s3.amazonaws.com/a.storyblok.com`.
//
// The multipart body is parsed as a stream (busboy) and handed, field by field, to an
// UploadReception (s3Upload.ts): the policy is checked as soon as the fields before `file` are
// known; the file is then piped to tmp/ (never held in memory), counted against the policy's
// content-length-range, and renamed into files/<key> only when the whole request arrived
// intact. On any failure the temp file is removed; when the connection drops there is nobody
// to answer, and nothing is left behind either.
import busboy from 'busboy'
import type { IncomingMessage } from 'node:http'
import { drain, sendEmpty } from './http.ts'
import type { RequestContext, Route } from './router.ts'
import { S3Error, sendS3Error } from './s3Error.ts'
import { MAX_PRE_DATA_BYTES, UploadReception, malformed, type Outcome } from './s3Upload.ts'
import type { AssetStore } from './store.ts'
import { BUCKET, S3_HOST, type UrlLayout } from './urls.ts'

export interface S3Deps {
  store: AssetStore
  urls: UrlLayout
}

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
    const upload = new UploadReception(deps.store)
    let settled = false
    let dropped = false
    const settle = (outcome: Outcome): void => {
      if (settled) return
      settled = true
      resolve(outcome)
    }

    parser.on('field', (name, value, info) => upload.onField(name, value, info))
    parser.on('file', (name, stream) => upload.onFile(name, stream))
    parser.on('error', () => {
      if (dropped) return
      upload.fail(malformed())
      req.unpipe(parser)
      void Promise.all([drain(req), upload.abort()]).then(() =>
        settle({ kind: 'error', error: upload.failure ?? malformed() }),
      )
    })
    parser.on('close', () => void upload.finish(req).then(settle))

    // A dropped connection: remove whatever was written, answer nothing.
    req.once('close', () => {
      if (req.complete) return
      dropped = true
      req.unpipe(parser)
      parser.destroy()
      void upload.abort().then(() => settle({ kind: 'aborted' }))
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
