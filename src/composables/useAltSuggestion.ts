// "Suggest alt text": Storyblok's AI describes an uploaded image in the story's language. The
// answer fills an empty alt text through `apply` (one undoable step). Where the editor has text
// in the field, typed before asking or while the answer was on its way, the answer is only
// offered: it replaces nothing until the editor accepts it.
import {
  onScopeDispose,
  readonly,
  ref,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue'
import type { ManagementClient } from '../api/types'

export type SuggestionStatus = 'idle' | 'busy' | 'offered' | 'failed'

export interface UseAltSuggestionOptions {
  client: MaybeRefOrGetter<ManagementClient | null>
  /** The uploaded asset; nothing is asked without one. */
  assetId: MaybeRefOrGetter<number | undefined>
  /** The language to write in, e.g. `de`. */
  language: MaybeRefOrGetter<string>
  /** The alt text in the form now. */
  alt: MaybeRefOrGetter<string>
  /** Puts a suggestion in the form. */
  apply: (text: string) => void
}

export interface UseAltSuggestionReturn {
  status: Readonly<Ref<SuggestionStatus>>
  /** The text offered while `status` is `offered`. */
  suggestion: Readonly<Ref<string>>
  /** Why the last request failed, while `status` is `failed`. */
  error: Readonly<Ref<unknown>>
  suggest: () => Promise<void>
  /** Takes the offered text. */
  accept: () => void
  /** Drops the offer or the error, and a request under way. */
  dismiss: () => void
}

export function useAltSuggestion(options: UseAltSuggestionOptions): UseAltSuggestionReturn {
  const status = ref<SuggestionStatus>('idle')
  const suggestion = ref('')
  const error = shallowRef<unknown>(null)
  let controller: AbortController | null = null

  function dismiss() {
    controller?.abort()
    controller = null
    status.value = 'idle'
    suggestion.value = ''
    error.value = null
  }

  async function suggest() {
    const client = toValue(options.client)
    const assetId = toValue(options.assetId)
    if (!client || assetId === undefined) return
    dismiss()
    const own = (controller = new AbortController())
    status.value = 'busy'
    try {
      const text = await client.generateAltText(assetId, toValue(options.language), {
        signal: own.signal,
      })
      if (own.signal.aborted) return
      if (toValue(options.alt).trim()) {
        suggestion.value = text
        status.value = 'offered'
      } else {
        options.apply(text)
        status.value = 'idle'
      }
    } catch (cause) {
      if (own.signal.aborted) return
      error.value = cause
      status.value = 'failed'
    }
  }

  function accept() {
    if (status.value === 'offered') options.apply(suggestion.value)
    dismiss()
  }

  // Another asset or language (not the same asset read again): an answer on its way would
  // describe the wrong thing.
  watch([() => toValue(options.assetId), () => toValue(options.language)], dismiss)
  onScopeDispose(dismiss)

  return {
    status: readonly(status),
    suggestion: readonly(suggestion),
    error: readonly(error),
    suggest,
    accept,
    dismiss,
  }
}
