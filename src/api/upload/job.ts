// One upload's request and everything it has learnt so far: the explicit state its steps share
// (./sign.ts, ./send.ts, ./finish.ts, ./cleanUp.ts), read top to bottom in ./run.ts.
import type { AssetUpdate } from '../../domain/asset'
import type { UploadJournal } from '../../domain/uploadJournal'
import type { Sleep } from '../abort'
import type { XhrLike } from '../s3'
import type { ManagementClient, SignedUpload, UploadProgress } from '../types'
import type { Connectivity } from './connectivity'

/** One file to upload, and where. */
export interface UploadRequest {
  client: ManagementClient
  file: Blob
  /** The name to store (the asset's file name cannot change after upload); the file is sent under it. */
  filename: string
  /**
   * Description and privacy, sent with the sign call: a private upload is never public. A
   * function is asked at each sign, so texts written while the file waited go along.
   */
  metadata?: AssetUpdate | (() => AssetUpdate)
  /** `"WxH"` for images. */
  size?: string
  assetFolderId?: number
  /** Upload a new file under this existing asset ("Replace file"). */
  replaceAssetId?: number
}

/** Where an upload is; `queued` until the queue starts it. */
export type UploadStep =
  | 'queued'
  | 'signing'
  | 'uploading'
  | 'waiting-online'
  | 'finishing'
  | 'cancelling'
  | 'done'
  | 'error'
  | 'cancelled'

/** A signed upload, and when its policy runs out (ms since the epoch). */
export interface Signature {
  signed: SignedUpload
  expiresAt: number
}

export interface UploadJob {
  readonly request: UploadRequest
  /** This upload creates its asset (not a replace): only then may it remove it. */
  readonly creates: boolean
  /** The asset: `replaceAssetId`, or the one the first sign created (reused by a retry, never doubled). */
  assetId: number | undefined
  /** The upload gateway's ticket for `assetId`. */
  ticket: string | undefined
  /** The signature in use. */
  signature: Signature | undefined
  /** The S3 POST succeeded: a retry finishes again, never uploads again. */
  fileStored: boolean
  /** The `Content-Type` the signature fixed, checked after finishing. */
  contentType: string | undefined
  /** When the last run started signing (the sweep looks for entries created since). */
  startedAt: number | undefined
  /** When the sign call that created the asset started (for the journal). */
  signStartedAt: number | undefined
  /** Sign calls that may have created an entry that was never seen: swept afterwards. */
  strays: number
  /** Times going offline cut a step short. */
  pauses: number
}

export function createJob(request: UploadRequest): UploadJob {
  return {
    request,
    creates: request.replaceAssetId === undefined,
    assetId: request.replaceAssetId,
    ticket: undefined,
    signature: undefined,
    fileStored: false,
    contentType: undefined,
    startedAt: undefined,
    signStartedAt: undefined,
    strays: 0,
    pauses: 0,
  }
}

/** The runtime an upload uses; tests give their own. */
export interface UploadEnvironment {
  connectivity: Connectivity
  /** @default () => new XMLHttpRequest() */
  createXhr?: () => XhrLike
  now: () => number
  sleep: Sleep
  /** For the backoff's jitter. */
  random: () => number
  /** S3 POST attempts, the first included. */
  maxAttempts: number
  /** The S3 POST fails after this long without progress. @default 60000 */
  stallTimeoutMs?: number
  /** When the sweep looks for stray entries (./sweep.ts). */
  sweepDelaysMs: readonly number[]
  /** Notes what an upload may leave behind, for the next start to clean up. */
  journal?: UploadJournal
}

/** What an upload tells while it runs. */
export interface UploadHooks {
  onStep?: (step: UploadStep) => void
  onProgress?: (progress: UploadProgress) => void
  /** A sweep for entries an unanswered sign may have left started; it runs on after the upload. */
  onSweep?: (sweep: Promise<number>) => void
  /** A call is tried again after `error` (a 429 asks the whole queue to slow down). */
  onRetry?: (error: unknown) => void
}

/** What a step needs: the job's environment, what to tell, and the editor's cancel. */
export interface StepContext {
  env: UploadEnvironment
  hooks: UploadHooks
  signal: AbortSignal
}
