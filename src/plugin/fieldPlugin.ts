// The SDK boundary. We call `createFieldPlugin` ourselves instead of the SDK's Vue helper,
// whose 1.7.1 release registers `onUnmounted(cleanup)` before `cleanup` is assigned (its
// listeners outlive the component) and patches arrays in place (see
// docs/reference/field-plugin.md, "Known defects").
import {
  createFieldPlugin,
  pluginUrlParamsFromUrl,
  type FieldPluginResponse,
} from '@storyblok/field-plugin'
import { getCurrentScope, onScopeDispose, shallowRef, type ShallowRef } from 'vue'
import { parseFieldValue } from '../domain/fieldValue'
import { parseListValue } from '../domain/listValue'

/**
 * For `createFieldPlugin`: a recognised asset, or list of assets (the `multiple` option), is
 * normalised; anything else passes through unchanged, so that the editor's value is never lost
 * (the SDK only logs `error`).
 */
export function validateContent(content: unknown): { content: unknown; error?: string } {
  if (Array.isArray(content)) {
    const list = parseListValue(content)
    if (list.kind === 'list') return { content: [...list.items, ...list.beyond] }
  }
  const parsed = parseFieldValue(content)
  if (parsed.kind === 'asset') return { content: parsed.value }
  if (parsed.kind === 'unknown') {
    return {
      content,
      error: 'The field holds a value that is not an asset; it is kept until an asset is chosen.',
    }
  }
  return { content }
}

const LOCAL_HOSTS = /^(localhost|127\.0\.0\.1)(:\d+)?$/

/**
 * The origin the SDK must accept messages from. In production this is `undefined`, so the SDK
 * keeps its own check (app.storyblok.com or the plugin sandbox). The dev server and the
 * `local` build also accept the local Storyblok's editor page, and only when it runs on this
 * machine.
 */
export function containerOrigin(
  search: string,
  { allowLocal }: { allowLocal: boolean },
): string | undefined {
  if (!allowLocal) return undefined
  const params = pluginUrlParamsFromUrl(search)
  if (!params || !LOCAL_HOSTS.test(params.host)) return undefined
  return `${params.secure ? 'https' : 'http'}://${params.host}`
}

export interface UseFieldPluginOptions {
  /**
   * Whether the editor page on localhost may talk to the plugin. Only builds made for it (the
   * dev server and the `local-editor` build) can allow it: the production build never does.
   * @default __LOCAL_CONTAINER__ (true in the dev server and the `local-editor` build)
   */
  allowLocalContainer?: boolean
  /**
   * Ask the editor to re-create the iframe inside its modal (what must survive is kept in
   * sessionStorage by the form).
   * @default true
   */
  enablePortalModal?: boolean
}

export interface UseFieldPluginReturn {
  plugin: Readonly<ShallowRef<FieldPluginResponse<unknown>>>
}

export function useFieldPlugin(options: UseFieldPluginOptions = {}): UseFieldPluginReturn {
  const { allowLocalContainer = __LOCAL_CONTAINER__, enablePortalModal = true } = options
  const plugin = shallowRef<FieldPluginResponse<unknown>>({ type: 'loading' })
  const cleanup = createFieldPlugin<unknown>({
    onUpdateState: (state) => {
      plugin.value = state
    },
    validateContent,
    // A compile-time constant: the production bundle ships without the local origin check.
    targetOrigin: __LOCAL_CONTAINER__
      ? containerOrigin(window.location.search, { allowLocal: allowLocalContainer })
      : undefined,
    enablePortalModal,
  })
  if (getCurrentScope()) onScopeDispose(() => cleanup())
  return { plugin }
}
