import {
  onScopeDispose,
  readonly,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue'

/**
 * An object URL for a Blob (a local preview of a chosen file), revoked as soon as the Blob
 * changes or the calling scope ends, so no file stays pinned in memory.
 */
export function useObjectUrl(blob: MaybeRefOrGetter<Blob | null>): Readonly<Ref<string | null>> {
  const url = shallowRef<string | null>(null)
  const release = () => {
    if (url.value) URL.revokeObjectURL(url.value)
    url.value = null
  }
  watch(
    () => toValue(blob),
    (next) => {
      release()
      if (next) url.value = URL.createObjectURL(next)
    },
    { immediate: true },
  )
  onScopeDispose(release)
  return readonly(url)
}
