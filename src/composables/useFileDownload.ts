import { readonly, ref, shallowRef, type Ref } from 'vue'
import { s3ObjectUrl } from '../domain/urls'

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

/** The file's server answered, but not with the file. */
export class DownloadStatusError extends Error {
  constructor(readonly status: number) {
    super(`The file's server answered ${status}`)
    this.name = 'DownloadStatusError'
  }
}

/**
 * Saves a file instead of opening it. An SVG opened as a page runs its scripts; downloaded, it
 * is only a file. A cross-origin link's `download` attribute is ignored by browsers, so the file
 * is fetched and saved from a local object URL (revoked at once). Where the CDN answers without
 * CORS headers (it keeps those of the file's first request, often the preview `<img>`'s), the
 * browser refuses the answer, and the file is fetched again from its S3 object URL.
 */
export function useFileDownload(options: UseFileDownloadOptions = {}): UseFileDownloadReturn {
  const { fetch: fetchFn = (input) => globalThis.fetch(input) } = options
  const downloading = ref(false)
  const error = shallowRef<unknown>(null)

  async function fetchFile(url: string): Promise<Blob> {
    const response = await fetchFn(url)
    if (!response.ok) throw new DownloadStatusError(response.status)
    return response.blob()
  }

  async function fetchEither(url: string): Promise<Blob> {
    try {
      return await fetchFile(url)
    } catch (failure) {
      // `fetch` rejects with a TypeError when the browser refuses the answer (CORS) or none came.
      const bucket = s3ObjectUrl(url)
      if (!bucket || !(failure instanceof TypeError)) throw failure
      return fetchFile(bucket)
    }
  }

  async function download(url: string, name: string) {
    downloading.value = true
    error.value = null
    try {
      const objectUrl = URL.createObjectURL(await fetchEither(url))
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
