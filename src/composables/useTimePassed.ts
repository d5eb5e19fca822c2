// A flag that turns true once some time has passed since the calling scope started: for what
// should only show when a wait gets long (App.vue's "Loading…").
import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue'

export interface UseTimePassedOptions {
  /** @default globalThis.setTimeout */
  setTimeout?: (callback: () => void, ms: number) => unknown
  /** @default globalThis.clearTimeout */
  clearTimeout?: (handle: unknown) => void
}

/** `true` from `ms` after the call on; the timer ends with the calling scope. */
export function useTimePassed(
  ms: number,
  options: UseTimePassedOptions = {},
): Readonly<Ref<boolean>> {
  const {
    setTimeout: start = (callback, delay) => globalThis.setTimeout(callback, delay),
    clearTimeout: stop = (handle) => globalThis.clearTimeout(handle as number),
  } = options
  const passed = ref(false)
  const timer = start(() => (passed.value = true), ms)
  if (getCurrentScope()) onScopeDispose(() => stop(timer))
  return readonly(passed)
}
