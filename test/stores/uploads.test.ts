// @vitest-environment node
// The uploads store against the local Storyblok on a real port: the real client and pipeline,
// the S3 POST on node:http. Every item exists from the moment its upload starts.
import { describe, expect, it, vi } from 'vitest'
import { isAbortError, isHttpError, isIntegrityError } from '../../src/api/errors'
import type { UploadStep } from '../../src/api/upload/job'
import { emptyDraft } from '../../src/domain/draft'
import { readJournal } from '../../src/plugin/uploadJournal'
import { NodeXhr } from '../../scripts/support/nodeXhr'
import { makePng } from '../fixtures/png'
import { useFormStores } from '../support/formStores'

const { local, setup } = useFormStores()

const png = makePng(40, 30)
const photo = (name = 'photo.png') => new File([new Uint8Array(png)], name, { type: 'image/png' })

/** The stores, uploading through node:http, sizes read without a browser. */
function stores(options: Record<string, string> = {}) {
  return setup(
    { options },
    {
      createXhr: () => new NodeXhr(),
      imageSize: async (_file, type) =>
        type.startsWith('image/') ? { width: 40, height: 30 } : null,
    },
  )
}

/** Waits until item `key`'s upload is at `step`. */
async function until(uploads: ReturnType<typeof stores>['uploads'], key: number, step: UploadStep) {
  // The upload runs on its own; the test waits for the step it needs.
  await vi.waitFor(() => expect(uploads.stateOf(key)?.step).toBe(step), { timeout: 5000 })
}

describe('uploads store', () => {
  it('opens the new file in the form at once, and then gives it the finished asset', async () => {
    const { uploads, store, list } = stores()
    const key = uploads.add(photo(), 'photo.png', emptyDraft())
    // Describable before anything is sent.
    expect(store.key).toBe(key)
    expect(store.upload?.filename).toBe('photo.png')
    expect(list.values).toEqual([])
    await until(uploads, key, 'done')
    expect(store.asset?.filename).toMatch(/\/40x30\/.+\/photo\.png$/)
    expect(store.upload).toBeNull()
    expect(list.values.map((value) => value.name)).toEqual(['photo.png'])
  })

  it('leaves exactly one finished asset in the space', async () => {
    const { uploads } = stores()
    const key = uploads.add(photo(), 'photo.png', emptyDraft())
    await until(uploads, key, 'done')
    const state = await local.control.state()
    expect(state.assets.map((asset) => [asset.uploaded, asset.finished])).toEqual([[true, true]])
  })

  it('goes queued → signing → uploading → finishing → done', async () => {
    const { uploads } = stores()
    const steps: UploadStep[] = []
    const key = uploads.add(photo(), 'photo.png', emptyDraft())
    await vi.waitFor(() => {
      const step = uploads.stateOf(key)?.step
      if (step && steps.at(-1) !== step) steps.push(step)
      expect(step).toBe('done')
    })
    expect(steps[0]).toBe('queued')
    expect(steps.at(-1)).toBe('done')
  })

  it('writes what the editor typed during the upload to the library once it ends', async () => {
    const { uploads, store, client } = stores()
    await local.control.addFault({ route: 's3', delayMs: 300 })
    const key = uploads.add(photo(), 'photo.png', emptyDraft())
    await until(uploads, key, 'uploading')
    store.edit('alt', 'A red square')
    store.edit('copyright', '© Me')
    await until(uploads, key, 'done')
    // The texts are written after finish_upload, then the item holds the library's answer.
    await vi.waitFor(() => expect(store.isDirty).toBe(false))
    const id = store.asset?.id ?? -1
    const saved = await client.getAsset(id)
    expect(saved.alt).toBe('A red square')
    expect(saved.copyright).toBe('© Me')
    expect(store.fieldValue).toMatchObject({ alt: 'A red square', copyright: '© Me' })
  })

  it('sends the texts written before the sign with the sign call, and privacy from the first byte', async () => {
    const { uploads } = stores()
    await local.control.addFault({ route: 'sign', delayMs: 50 })
    const key = uploads.add(photo(), 'photo.png', {
      ...emptyDraft(),
      alt: 'Early',
      is_private: true,
    })
    await until(uploads, key, 'done')
    const state = await local.control.state()
    expect(state.assets[0]).toMatchObject({ alt: 'Early', is_private: true })
    // Nothing was left to write after the upload.
    expect(state.requests.update ?? 0).toBe(0)
  })

  it('keeps the item and its texts after a cancel, removes the created entry, and uploads on Retry', async () => {
    const { uploads, store } = stores()
    await local.control.addFault({ route: 's3', delayMs: 2000 })
    const key = uploads.add(photo(), 'photo.png', emptyDraft())
    await until(uploads, key, 'uploading')
    store.edit('alt', 'Kept for Retry')
    uploads.cancel(key)
    await until(uploads, key, 'cancelled')
    expect(isAbortError(uploads.stateOf(key)?.error)).toBe(true)
    expect((await local.control.state()).assets).toEqual([])
    expect(store.draft.alt).toBe('Kept for Retry')
    await local.control.clearFaults()
    uploads.retry(key)
    await until(uploads, key, 'done')
    const state = await local.control.state()
    expect(state.assets).toHaveLength(1)
    await vi.waitFor(() => expect(store.asset?.alt).toBe('Kept for Retry'))
  })

  it('reports a refused sign as the item’s error, with the item kept', async () => {
    const { uploads, store } = stores()
    await local.control.addFault({ route: 'sign', status: 422, body: { filename: ['is invalid'] } })
    const key = uploads.add(photo(), 'photo.png', emptyDraft())
    await until(uploads, key, 'error')
    expect(isHttpError(uploads.stateOf(key)?.error)).toBe(true)
    expect(store.key).toBe(key)
  })

  it('reports a failed removal after a cancel, and reuses that entry on Retry', async () => {
    const { uploads } = stores()
    await local.control.addFault({ route: 's3', delayMs: 2000 })
    await local.control.addFault({ route: 'delete', status: 500, times: -1 })
    const key = uploads.add(photo(), 'photo.png', emptyDraft())
    await until(uploads, key, 'uploading')
    uploads.cancel(key)
    await until(uploads, key, 'cancelled')
    expect(isHttpError(uploads.stateOf(key)?.cleanupError)).toBe(true)
    await local.control.clearFaults()
    uploads.retry(key)
    await until(uploads, key, 'done')
    const state = await local.control.state()
    expect(state.assets).toHaveLength(1)
    expect(state.requests.sign).toBe(2)
  })

  it('finishes again alone after a failed finish, without uploading again', async () => {
    const { uploads } = stores()
    await local.control.addFault({ route: 'finish', status: 422, body: { error: 'not yet' } })
    const key = uploads.add(photo(), 'photo.png', emptyDraft())
    await until(uploads, key, 'error')
    uploads.retry(key)
    await until(uploads, key, 'done')
    const state = await local.control.state()
    expect(state.requests.s3).toBe(1)
    expect(state.requests.finish).toBe(2)
  })

  it('removes an asset whose stored file is not the one sent, and uploads anew on Retry', async () => {
    const { uploads } = stores()
    await local.control.addFault({ route: 'get', patch: { content_length: 1 } })
    const key = uploads.add(photo(), 'photo.png', emptyDraft())
    await until(uploads, key, 'error')
    expect(isIntegrityError(uploads.stateOf(key)?.error)).toBe(true)
    expect((await local.control.state()).assets).toEqual([])
    uploads.retry(key)
    await until(uploads, key, 'done')
    expect((await local.control.state()).assets).toHaveLength(1)
  })

  it('stops the upload of an item that leaves the field, and removes what it created', async () => {
    const { uploads, list } = stores()
    await local.control.addFault({ route: 's3', delayMs: 2000 })
    const key = uploads.add(photo(), 'photo.png', emptyDraft())
    await until(uploads, key, 'uploading')
    list.remove(key)
    // The uploads store sees the list change before the next render.
    await vi.waitFor(() => expect(uploads.stateOf(key)).toBeUndefined())
    await vi.waitFor(async () => expect((await local.control.state()).assets).toEqual([]))
  })

  it('notes the entry it creates in the journal until it is the field’s', async () => {
    const { uploads, session, env } = stores()
    await local.control.addFault({ route: 's3', delayMs: 300 })
    const key = uploads.add(photo(), 'photo.png', emptyDraft())
    await until(uploads, key, 'uploading')
    const noted = readJournal(session.uid, { storage: env.storage }).assets
    expect(noted.map((entry) => entry.filename)).toEqual(['photo.png'])
    await until(uploads, key, 'done')
    expect(readJournal(session.uid, { storage: env.storage }).assets).toEqual([])
  })

  it('uploads at most three files at once, in the order they were dropped', async () => {
    const { uploads, list } = stores({ multiple: 'true' })
    await local.control.addFault({ route: 's3', delayMs: 200, times: -1 })
    const keys = ['a.png', 'b.png', 'c.png', 'd.png', 'e.png'].map((name) =>
      uploads.add(photo(name), name, emptyDraft()),
    )
    await vi.waitFor(() => expect(uploads.stateOf(keys[0] ?? -1)?.step).toBe('uploading'))
    const running = keys.filter((key) => uploads.stateOf(key)?.step === 'uploading')
    expect(running.length).toBeLessThanOrEqual(3)
    for (const key of keys) await until(uploads, key, 'done')
    expect(list.values.map((value) => value.name)).toEqual([
      'a.png',
      'b.png',
      'c.png',
      'd.png',
      'e.png',
    ])
    expect(uploads.batch).toMatchObject({ files: 5, done: 5 })
  })

  it('replaces the file of an asset under the same id, with the form’s texts, keeping the draft', async () => {
    const { uploads, store, list } = stores()
    const first = uploads.add(photo(), 'photo.png', emptyDraft())
    await until(uploads, first, 'done')
    const id = store.asset?.id
    store.edit('title', 'Unsaved title')
    uploads.replace(first, photo('other.png'), 'other.png')
    expect(store.upload?.replaces).toBe(true)
    await until(uploads, first, 'done')
    expect(store.asset?.id).toBe(id)
    expect(store.draft.title).toBe('Unsaved title')
    expect(list.items).toHaveLength(1)
    expect((await local.control.state()).assets).toHaveLength(1)
  })
})
