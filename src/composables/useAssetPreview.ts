// What the form's preview may show. A public asset is shown from its CDN URL. A private
// asset's URL only answers with a signature, which the Delivery API gives for an *asset token*
// (`GET <delivery base>/assets/me?token=…&filename=…` → `asset.signed_url`); without that
// option the preview says why it cannot show the image. Only files of the space's own library
// (on Storyblok's CDN, or the local Storyblok's) are ever loaded: a field's value can name any
// URL, a tracking pixel among them.
import { readonly, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import { isRecord } from '../domain/record'

export type PreviewStatus = 'none' | 'loading' | 'ready' | 'needs-token' | 'untrusted' | 'error'

export interface UseAssetPreviewOptions {
  /** The asset's CDN URL. */
  url: MaybeRefOrGetter<string>
  /** Whether a URL is a file of this space's library (and so may be loaded). */
  isLibraryUrl: (url: string) => boolean
  /** Whether the library holds the asset as private (not the unsaved checkbox). */
  isPrivate: MaybeRefOrGetter<boolean>
  /** Option `assetToken`. */
  assetToken: MaybeRefOrGetter<string | undefined>
  /** e.g. `https://api.storyblok.com/v2/cdn`; `null` when unknown. */
  deliveryBaseUrl: MaybeRefOrGetter<string | null>
  /** @default globalThis.fetch */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>
}

export interface UseAssetPreviewReturn {
  status: Readonly<Ref<PreviewStatus>>
  /** The URL to put in `<img src>`, or null. */
  src: Readonly<Ref<string | null>>
  error: Readonly<Ref<unknown>>
  refresh: () => Promise<void>
}

function signedUrlOf(body: unknown): string | null {
  const asset = isRecord(body) && body.asset
  return isRecord(asset) && typeof asset.signed_url === 'string' ? asset.signed_url : null
}

export function useAssetPreview(options: UseAssetPreviewOptions): UseAssetPreviewReturn {
  const { fetch: fetchFn = (input, init) => globalThis.fetch(input, init) } = options
  const status = ref<PreviewStatus>('none')
  const src = ref<string | null>(null)
  const error = shallowRef<unknown>(null)
  let execution = 0

  /** Sets what the preview shows; `src` only with `ready`. */
  function show(next: PreviewStatus, url: string | null = null) {
    status.value = next
    src.value = url
  }

  async function refresh() {
    const run = ++execution
    const url = toValue(options.url)
    error.value = null
    if (url === '') return show('none')
    if (!options.isLibraryUrl(url)) return show('untrusted')
    if (!toValue(options.isPrivate)) return show('ready', url)
    const token = toValue(options.assetToken)
    const base = toValue(options.deliveryBaseUrl)
    if (!token || !base) return show('needs-token')
    show('loading')
    try {
      const query = new URLSearchParams({ token, filename: url })
      const response = await fetchFn(`${base}/assets/me?${query.toString()}`)
      if (!response.ok) throw new Error(`Delivery API answered ${response.status}`)
      const signed = signedUrlOf(await response.json())
      if (run !== execution) return
      if (signed && options.isLibraryUrl(signed)) show('ready', signed)
      else show('untrusted')
    } catch (cause) {
      if (run !== execution) return
      error.value = cause
      show('error')
    }
  }

  watch(
    () => [
      toValue(options.url),
      options.isLibraryUrl(toValue(options.url)),
      toValue(options.isPrivate),
      toValue(options.assetToken),
      toValue(options.deliveryBaseUrl),
    ],
    () => void refresh(),
    { immediate: true },
  )

  return { status: readonly(status), src: readonly(src), error: readonly(error), refresh }
}
