// What a worker can tell about an image file (image.worker.ts, bundled inline: the plugin ships
// as one file): its pixel size, for the sign call and the focus picker, and a small copy, for
// the preview while it uploads. One worker for the plugin, one look per file: the size and the
// preview share it. Where no worker starts (a Content Security Policy without
// `worker-src blob:`, a test environment), every answer is `null`, and the callers read the
// file on the page's thread as before.
import ImageWorker from './image.worker?worker&inline'
import type { ImageInspection, InspectReply, InspectRequest } from './imageInspection'

export type { ImageInspection }

/** The width of the copy: the form's 240 CSS pixels on a screen of twice the density. */
export const PREVIEW_WIDTH = 480

/** The worker once started; `'none'` where none can start. */
let worker: Worker | 'none' | undefined
let nextId = 0
const waiting = new Map<number, (inspection: ImageInspection | null) => void>()
const looked = new WeakMap<Blob, Promise<ImageInspection | null>>()

function startWorker(): Worker | 'none' {
  try {
    const started = new ImageWorker()
    started.addEventListener('message', (event: MessageEvent<InspectReply>) => {
      waiting.get(event.data.id)?.(event.data.inspection)
      waiting.delete(event.data.id)
    })
    started.addEventListener('error', () => {
      // A worker that cannot run (refused by a policy) answers nothing: whoever waits gets `null`.
      for (const resolve of waiting.values()) resolve(null)
      waiting.clear()
      worker = 'none'
    })
    return started
  } catch {
    return 'none'
  }
}

function ask(file: Blob): Promise<ImageInspection | null> {
  worker ??= startWorker()
  const running = worker
  if (running === 'none') return Promise.resolve(null)
  const id = ++nextId
  return new Promise((resolve) => {
    waiting.set(id, resolve)
    running.postMessage({ id, file, previewWidth: PREVIEW_WIDTH } satisfies InspectRequest)
  })
}

/**
 * The size and a small copy of `file`, worked out off the page's thread, once per file; `null`
 * when there is no worker or the file is no image it can decode.
 */
export function inspectImage(file: Blob): Promise<ImageInspection | null> {
  let inspection = looked.get(file)
  if (!inspection) {
    inspection = ask(file)
    looked.set(file, inspection)
  }
  return inspection
}
