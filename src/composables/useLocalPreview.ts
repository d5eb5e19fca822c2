// A chosen image file shown from its own pixels, with no request, while it waits to upload and
// while it uploads: a copy some 480 pixels wide made in a worker (api/upload/imageWorker.ts),
// enough for the form's 240 CSS pixels on a dense screen. An `<img>` of the file itself has the
// page's thread read every byte of it: for a photo of 50 MB, a second and more in which the alt
// text does not take what the editor types (BENCHMARKS.md, "Describe while the bytes fly"). A
// file the worker cannot copy (an SVG; no worker) is shown as it is.
import { getCurrentScope, onScopeDispose, shallowRef, toValue, watch } from 'vue'
import type { MaybeRefOrGetter, Ref } from 'vue'
import { inspectImage, type ImageInspection } from '../api/upload/imageWorker'
import { useObjectUrl } from './useObjectUrl'

export interface UseLocalPreviewOptions {
  /**
   * Looks at the file off the page's thread (its size and a small copy); `null` where it cannot.
   * @default inspectImage
   */
  inspect?: (file: Blob) => Promise<ImageInspection | null>
}

/** An object URL of the preview of `file` (`null` while there is none), revoked when it changes. */
export function useLocalPreview(
  file: MaybeRefOrGetter<Blob | null>,
  options: UseLocalPreviewOptions = {},
): Readonly<Ref<string | null>> {
  const { inspect = inspectImage } = options
  const shown = shallowRef<Blob | null>(null)
  // Counts the files asked for: the copy of a file that is no longer shown is dropped.
  let execution = 0
  watch(
    () => toValue(file),
    async (next) => {
      const run = ++execution
      shown.value = null
      if (!next) return
      const inspected = await inspect(next).catch(() => null)
      if (run === execution) shown.value = inspected?.preview ?? next
    },
    { immediate: true },
  )
  if (getCurrentScope()) onScopeDispose(() => void ++execution)
  return useObjectUrl(shown)
}
