// @vitest-environment node
// Before anything is sent, with `multiple`: the preflight store against the local Storyblok
// (the real client and upload pipeline, the S3 POST on node:http).
import { describe, expect, it, vi } from 'vitest'
import { emptyDraft } from '../../src/domain/draft'
import { usePreflightStore } from '../../src/stores/preflight'
import { NodeXhr } from '../../scripts/support/nodeXhr'
import { photo, seen } from '../domain/location/oracle'
import { makePng } from '../fixtures/png'
import { useFormStores } from '../support/formStores'

const { local, setup } = useFormStores()

function stores(options: Record<string, string> = {}) {
  const form = setup(
    { options: { multiple: 'true', ...options } },
    { createXhr: () => new NodeXhr(), imageSize: async () => null },
  )
  return { ...form, preflight: usePreflightStore() }
}

const jpeg = (name = 'street.jpg') =>
  new File([new Uint8Array(photo('android-rotated-ii.jpg'))], name, { type: 'image/jpeg' })
const png = (name = 'plain.png') =>
  new File([new Uint8Array(makePng(40, 30))], name, { type: 'image/png' })

/** The stored file of asset `id`, as its URL serves it. */
async function storedFile(id: number): Promise<Uint8Array> {
  const asset = (await local.control.assets()).find((entry) => entry.id === id)
  return new Uint8Array(await (await fetch(String(asset?.filename))).arrayBuffer())
}

describe('preflight store', () => {
  it('holds a photo with a location, sending nothing, until the editor uploads it without', async () => {
    const { preflight, list, uploads } = stores()
    const key = await preflight.admit(jpeg(), 'street.jpg', emptyDraft(), null)
    expect(preflight.holdOf(key)).toEqual({ kind: 'location' })
    expect(preflight.located).toEqual([key])
    expect(preflight.holding).toBe(true)
    expect(uploads.stateOf(key)).toBeUndefined()
    expect((await local.control.state()).requests).toMatchObject({ list: 0, sign: 0 })
    preflight.release(key)
    await vi.waitFor(() => expect(list.find(key)?.asset).toBeTruthy(), { timeout: 5000 })
    expect(preflight.holding).toBe(false)
    expect((await seen(await storedFile(list.find(key)?.asset?.id ?? 0))).gps).toEqual([])
  })

  it('sends the photo as it is when its “Keep location” is ticked', async () => {
    const { preflight, list } = stores()
    const key = await preflight.admit(jpeg(), 'street.jpg', emptyDraft(), null)
    preflight.keepLocation(key, true)
    expect(list.find(key)?.upload?.location?.keep).toBe(true)
    preflight.releaseAll()
    await vi.waitFor(() => expect(list.find(key)?.asset).toBeTruthy(), { timeout: 5000 })
    const stored = await seen(await storedFile(list.find(key)?.asset?.id ?? 0))
    expect(stored.position).toEqual({ latitude: expect.any(Number), longitude: expect.any(Number) })
  })

  it('holds nothing with the keepLocation option: the photo goes as it is', async () => {
    const { preflight, list } = stores({ keepLocation: 'true' })
    const key = await preflight.admit(jpeg(), 'street.jpg', emptyDraft(), null)
    expect(preflight.holdOf(key)?.kind).not.toBe('location')
    await vi.waitFor(() => expect(list.find(key)?.asset).toBeTruthy(), { timeout: 5000 })
    expect(
      (await seen(await storedFile(list.find(key)?.asset?.id ?? 0))).gps.length,
    ).toBeGreaterThan(0)
  })

  it('uploads into the folder it was admitted with, after one search there', async () => {
    await local.control.seedFolder({ id: 12, name: '2024' })
    const { preflight, list } = stores()
    const key = await preflight.admit(png(), 'plain.png', emptyDraft(), 12)
    await vi.waitFor(() => expect(list.find(key)?.asset).toBeTruthy(), { timeout: 5000 })
    const [asset] = await local.control.assets()
    expect(asset?.asset_folder_id).toBe(12)
    const log = await local.control.managementApiLog()
    expect(log.filter((entry) => entry.route === 'list')).toHaveLength(1)
  })

  it('counts a file in the batch from the moment it is admitted, while it is looked for', async () => {
    await local.control.addFault({ route: 'list', delayMs: 200, times: 2 })
    const { preflight, uploads } = stores()
    await preflight.admit(png('a.png'), 'a.png', emptyDraft(), null)
    await preflight.admit(png('b.png'), 'b.png', emptyDraft(), null)
    expect(uploads.batch.files).toBe(2)
    await vi.waitFor(() => expect(uploads.batch.done).toBe(2), { timeout: 5000 })
  })

  it('offers the asset the library holds: used, it makes no new asset and takes the editor’s texts as edits', async () => {
    const first = stores()
    const firstKey = await first.preflight.admit(png(), 'plain.png', emptyDraft(), null)
    await vi.waitFor(() => expect(first.list.find(firstKey)?.asset).toBeTruthy(), { timeout: 5000 })
    const existing = first.list.find(firstKey)?.asset

    const { preflight, list, uploads } = stores()
    const key = await preflight.admit(png(), 'plain.png', { ...emptyDraft(), alt: 'Mine' }, null)
    await vi.waitFor(() => expect(preflight.holdOf(key)?.kind).toBe('duplicate'))
    expect(uploads.stateOf(key)).toBeUndefined()
    preflight.useExisting(key)
    const item = list.find(key)
    expect(item?.asset?.id).toBe(existing?.id)
    expect(item?.upload).toBeNull()
    expect(item?.draft.alt).toBe('Mine')
    expect(await local.control.assets()).toHaveLength(1)
    expect((await local.control.state()).requests.sign).toBe(1)
  })

  it('uploads anyway on request: a second asset beside the first', async () => {
    const first = stores()
    const firstKey = await first.preflight.admit(png(), 'plain.png', emptyDraft(), null)
    await vi.waitFor(() => expect(first.list.find(firstKey)?.asset).toBeTruthy(), { timeout: 5000 })

    const { preflight, list } = stores()
    const key = await preflight.admit(png(), 'plain.png', emptyDraft(), null)
    await vi.waitFor(() => expect(preflight.holdOf(key)?.kind).toBe('duplicate'))
    preflight.uploadAnyway(key)
    await vi.waitFor(() => expect(list.find(key)?.asset).toBeTruthy(), { timeout: 5000 })
    expect(await local.control.assets()).toHaveLength(2)
  })

  it('uploads nothing for an item removed while it was looked for, or cancelled then', async () => {
    await local.control.addFault({ route: 'list', delayMs: 300, times: 2 })
    const { preflight, list, uploads } = stores()
    const removed = await preflight.admit(png('a.png'), 'a.png', emptyDraft(), null)
    const cancelled = await preflight.admit(png('b.png'), 'b.png', emptyDraft(), null)
    list.remove(removed)
    uploads.cancel(cancelled)
    expect(uploads.stateOf(cancelled)?.step).toBe('cancelled')
    await vi.waitFor(() => expect(preflight.holding).toBe(false), { timeout: 5000 })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await local.control.state()).requests.sign).toBe(0)
    // Retry uploads the cancelled one.
    uploads.retry(cancelled)
    await vi.waitFor(() => expect(list.find(cancelled)?.asset).toBeTruthy(), { timeout: 5000 })
  })

  it('offers the asset the library holds for an item cancelled while it was looked for', async () => {
    const first = stores()
    const firstKey = await first.preflight.admit(png(), 'plain.png', emptyDraft(), null)
    await vi.waitFor(() => expect(first.list.find(firstKey)?.asset).toBeTruthy(), { timeout: 5000 })

    await local.control.addFault({ route: 'list', delayMs: 300, times: 1 })
    const { preflight, uploads } = stores()
    const key = await preflight.admit(png(), 'plain.png', emptyDraft(), null)
    uploads.cancel(key)
    expect(uploads.stateOf(key)?.step).toBe('cancelled')
    // Not a Retry that would upload it without asking: the offer, as for any other duplicate.
    await vi.waitFor(() => expect(preflight.holdOf(key)?.kind).toBe('duplicate'), {
      timeout: 5000,
    })
    expect(uploads.stateOf(key)).toBeUndefined()
    expect((await local.control.state()).requests.sign).toBe(1)
  })
})
