import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, shallowRef } from 'vue'
import type { ImageInspection } from '../../src/api/upload/imageWorker'
import { useLocalPreview } from '../../src/composables/useLocalPreview'

/** Object URLs name the blob they were made for. */
const urls = new Map<string, Blob>()

beforeEach(() => {
  urls.clear()
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${urls.size + 1}`
    urls.set(url, blob as Blob)
    return url
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
})

afterEach(() => vi.restoreAllMocks())

const photo = new Blob(['a photo of many megabytes'], { type: 'image/png' })
const copy = new Blob(['a small copy'], { type: 'image/png' })
const inspection: ImageInspection = { size: { width: 4000, height: 3000 }, preview: copy }

/** Runs the composable in a scope of its own; resolves once its first look has answered. */
async function preview(
  file: Blob | null,
  inspect: (file: Blob) => Promise<ImageInspection | null>,
) {
  const scope = effectScope()
  const url = scope.run(() => useLocalPreview(() => file, { inspect }))
  // The look at the file answers on a later microtask; the URL follows on the next tick.
  await vi.waitFor(() => expect(url?.value ?? null).not.toBeNull())
  return url?.value ?? null
}

describe('useLocalPreview', () => {
  it('shows the small copy the worker made, not the file', async () => {
    const url = await preview(photo, async () => inspection)
    expect(urls.get(url ?? '')).toBe(copy)
  })

  it('shows the file itself where the worker cannot copy it', async () => {
    const url = await preview(photo, async () => null)
    expect(urls.get(url ?? '')).toBe(photo)
  })

  it('shows the file itself when the look at it fails', async () => {
    const url = await preview(photo, () => Promise.reject(new Error('no worker')))
    expect(urls.get(url ?? '')).toBe(photo)
  })

  it('shows nothing for no file', async () => {
    const scope = effectScope()
    const url = scope.run(() => useLocalPreview(() => null, { inspect: async () => inspection }))
    await nextTick()
    expect(url?.value).toBeNull()
  })

  it('drops the copy of a file that is no longer shown when it arrives', async () => {
    const file = shallowRef<Blob | null>(photo)
    let answer: (inspection: ImageInspection | null) => void = () => undefined
    const scope = effectScope()
    const url = scope.run(() =>
      useLocalPreview(file, { inspect: () => new Promise((resolve) => (answer = resolve)) }),
    )
    file.value = null
    await nextTick()
    answer(inspection)
    // The late answer is dropped: nothing is shown for no file.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(url?.value).toBeNull()
  })
})
