import { readonly, ref, shallowRef, type Ref } from 'vue'

export interface UseFileDownloadOptions {
  /** @default globalThis.fetch */
  fetch?: (input: string) => Promise<Response>
}

export interface UseFileDownloadReturn {
  downloading: Readonly<Ref<boolean>>
  error: Readonly<Ref<unknown>>
  /** Saves the file at `url` as `name`. */
  download: (url: string, name: string) => Promise<void>
}

/**
 * Saves a file instead of opening it. An SVG opened as a page runs its scripts; downloaded, it
 * is only a file. A cross-origin link's `download` attribute is ignored by browsers, so the file
 * is fetched and saved from a local object URL (revoked at once).
 */
export function useFileDownload(options: UseFileDownloadOptions = {}): UseFileDownloadReturn {
  const { fetch: fetchFn = (input) => globalThis.fetch(input) } = options
  const downloading = ref(false)
  const error = shallowRef<unknown>(null)

  async function download(url: string, name: string) {
    downloading.value = true
    error.value = null
    try {
      const response = await fetchFn(url)
      if (!response.ok) throw new Error(`The CDN answered ${response.status}`)
      const objectUrl = URL.createObjectURL(await response.blob())
      const link = document.createElement('a')
      link.href = objectUrl
      link.download = name
      link.click()
      URL.revokeObjectURL(objectUrl)
    } catch (failure) {
      error.value = failure
    } finally {
      downloading.value = false
    }
  }

  return { downloading: readonly(downloading), error: readonly(error), download }
}
