import { onScopeDispose } from 'vue'

/**
 * Calls `onFiles` with the files pasted anywhere in the plugin (a screenshot, a copied file);
 * text pastes are left alone. The listener goes with the calling scope.
 */
export function usePastedFiles(onFiles: (files: File[]) => void): void {
  function onPaste(event: ClipboardEvent) {
    const files = [...(event.clipboardData?.files ?? [])]
    if (!files.length) return
    event.preventDefault()
    onFiles(files)
  }
  document.addEventListener('paste', onPaste)
  onScopeDispose(() => document.removeEventListener('paste', onPaste))
}
