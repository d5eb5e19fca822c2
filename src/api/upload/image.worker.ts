// An image file's pixel size and a small copy of it, worked out in a worker: reading and
// decoding a file of tens of megabytes keeps the thread that does it busy for a second or more,
// and the page's own thread must stay free for the editor's typing while the file uploads
// (imageWorker.ts). Answers `null` for what it cannot decode (an SVG: workers have no SVG
// renderer; a format this browser does not know).
import type { InspectReply, InspectRequest } from './imageInspection'

addEventListener('message', (event: MessageEvent<InspectRequest>) => {
  const { id, file, previewWidth } = event.data
  inspect(file, previewWidth).then(
    (inspection) => postMessage({ id, inspection } satisfies InspectReply),
    () => postMessage({ id, inspection: null } satisfies InspectReply),
  )
})

async function inspect(file: Blob, previewWidth: number) {
  // Decoded as an `<img>` shows it (EXIF orientation applied), so the size is the one it shows.
  const full = await createImageBitmap(file, { imageOrientation: 'from-image' })
  const size = { width: full.width, height: full.height }
  const width = Math.min(previewWidth, full.width)
  const small = await createImageBitmap(full, { resizeWidth: width, resizeQuality: 'medium' })
  full.close()
  const canvas = new OffscreenCanvas(small.width, small.height)
  canvas.getContext('2d')?.drawImage(small, 0, 0)
  small.close()
  // PNG keeps transparency; at this size it encodes in a few milliseconds.
  return { size, preview: await canvas.convertToBlob({ type: 'image/png' }) }
}
