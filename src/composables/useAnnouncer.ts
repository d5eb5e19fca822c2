import { readonly, ref, type Ref } from 'vue'

// One polite live region for the whole plugin (rendered by App.vue), so that progress and
// results are announced to screen readers and not only drawn. Errors need no call here: they
// render with role="alert", which is announced at once.
const message = ref('')

export interface UseAnnouncerReturn {
  message: Readonly<Ref<string>>
  announce: (text: string) => void
}

export function useAnnouncer(): UseAnnouncerReturn {
  return {
    message: readonly(message),
    announce: (text) => {
      // A live region only speaks when its text changes: clear it first so that a repeated
      // message is announced again.
      message.value = ''
      queueMicrotask(() => (message.value = text))
    },
  }
}
