import { readonly, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import { readImageSize, type ReadImageSizeOptions } from '../api/upload/imageSize'
import type { PixelSize } from '../domain/imageSize'

export interface UseImageSizeOptions extends Omit<ReadImageSizeOptions, 'type'> {
  /** The file's type, when the caller knows better than `file.type`. @default file.type */
  type?: MaybeRefOrGetter<string | undefined>
}

export interface UseImageSizeReturn {
  /** The size of the current file's image, once read; `null` for none or not an image. */
  size: Readonly<Ref<PixelSize | null>>
  /** Whether the current file is still being read. */
  reading: Readonly<Ref<boolean>>
}

/**
 * The pixel size of the chosen file, read as soon as it is chosen (for the sign call's `size`),
 * so that starting the upload never waits for it. A newer file makes an older read stale.
 */
export function useImageSize(
  file: MaybeRefOrGetter<Blob | null>,
  options: UseImageSizeOptions = {},
): UseImageSizeReturn {
  const size = shallowRef<PixelSize | null>(null)
  const reading = ref(false)
  let run = 0

  watch(
    () => [toValue(file), toValue(options.type)] as const,
    async ([next, type]) => {
      const current = ++run
      size.value = null
      reading.value = !!next
      if (!next) return
      const read = await readImageSize(next, { ...options, type: type || undefined })
      if (current !== run) return
      size.value = read
      reading.value = false
    },
    { immediate: true },
  )

  return { size: readonly(size), reading: readonly(reading) }
}
