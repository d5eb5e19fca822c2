// What the page and its image worker say to each other (imageWorker.ts, image.worker.ts).
import type { PixelSize } from '../../domain/imageSize'

export interface ImageInspection {
  size: PixelSize
  /** A PNG at most `previewWidth` pixels wide. */
  preview: Blob
}

export interface InspectRequest {
  id: number
  file: Blob
  previewWidth: number
}

export interface InspectReply {
  id: number
  /** `null` when the worker could not decode the file. */
  inspection: ImageInspection | null
}
