// An editor for editor-session tests that behaves like real ones: it stores every write at once
// and echoes it late, at a delay a test chooses (so echoes reorder), or never; values also
// change from outside (`send`).
import type { FieldPluginData, FieldPluginResponse } from '@storyblok/field-plugin'
import { vi } from 'vitest'
import { shallowRef } from 'vue'
import { fakeActions, loadedData, type LoadedOptions } from './editorState'

/** An editor that stores every write at once and echoes it after `delay()` ms (or never: `null`). */
export function busyEditor(initial: LoadedOptions, delay: () => number | null) {
  let loaded = initial
  const plugin = shallowRef<FieldPluginResponse<unknown>>({ type: 'loading' })
  const actions = fakeActions(initial)
  const stored: unknown[] = []
  const send = (patch: Partial<LoadedOptions> = {}) => {
    loaded = { ...loaded, ...patch }
    plugin.value = { type: 'loaded', data: loadedData(loaded), actions }
  }
  actions.setContent = vi.fn((content: unknown) => {
    stored.push(content)
    loaded = { ...loaded, content }
    const wait = delay()
    return new Promise<FieldPluginData<unknown>>((resolve) => {
      if (wait === null) return
      setTimeout(() => {
        // As the SDK does: the promise settles first, then the state is handed over.
        resolve(loadedData({ ...loaded, content }))
        plugin.value = { type: 'loaded', data: loadedData({ ...loaded, content }), actions }
      }, wait)
    })
  })
  return { plugin, send, stored, holds: () => loaded.content }
}

export type BusyEditor = ReturnType<typeof busyEditor>

/** A jittered delay in [min, max] ms from a fixed sequence (reproducible, and it reorders). */
export function jitter(min: number, max: number) {
  let seed = 7
  return () => {
    seed = (seed * 48271) % 2147483647
    return min + (seed % (max - min + 1))
  }
}
