import { readonly, ref } from 'vue'

// One polite and one assertive live region for the whole plugin (rendered by App.vue), so
// that progress and results are announced to screen readers and not only drawn.
const polite = ref('')
const assertive = ref('')

export interface UseAnnouncerReturn {
  polite: Readonly<typeof polite>
  assertive: Readonly<typeof assertive>
  /** Polite: progress and results. */
  announce: (message: string) => void
  /** Assertive: errors that need the editor's attention. */
  alert: (message: string) => void
}

function set(target: typeof polite, message: string) {
  // A live region only speaks when its text changes: clear it first so a repeated message is
  // announced again.
  target.value = ''
  queueMicrotask(() => {
    target.value = message
  })
}

export function useAnnouncer(): UseAnnouncerReturn {
  return {
    polite: readonly(polite),
    assertive: readonly(assertive),
    announce: (message) => set(polite, message),
    alert: (message) => set(assertive, message),
  }
}
