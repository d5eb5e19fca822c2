// The editor session of a field with the `multiple` option, against a simulated editor
// (../support/busyEditor.ts) that stores every write and echoes it late.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { createTestPinia, testEnvironment } from '../support/pinia'
import { useEditorSession } from '../../src/composables/useEditorSession'
import { createUploadJournal, readJournal } from '../../src/plugin/uploadJournal'
import { useAssetFormStore } from '../../src/stores/assetForm'
import { useAssetListStore } from '../../src/stores/assetList'
import { assetFieldValue, native } from '../fixtures/fieldValues'
import { busyEditor, jitter, type BusyEditor } from '../support/busyEditor'
import { useEmulator } from '../support/emulator'
import { seedAsset, seedUnfinished } from '../support/seed'
import type { LoadedOptions } from '../support/editorState'

const local = useEmulator()
let scope = effectScope()

/** A new iframe: its own stores and effects; sessionStorage stays. */
function newFrame() {
  scope.stop()
  createTestPinia(testEnvironment({ now: () => Date.now(), storage: sessionStorage }))
  scope = effectScope()
}

beforeEach(() => {
  newFrame()
  sessionStorage.clear()
})

afterEach(() => {
  scope.stop()
  vi.useRealTimers()
})

const one = assetFieldValue({ id: 1, name: 'one.png', alt: 'One' })
const two = assetFieldValue({ id: 2, name: 'two.png', alt: 'Two' })

/** A `multiple` field holding `content`; without a token, so nothing is read from a library. */
const field = (content: unknown, loaded: LoadedOptions = {}): LoadedOptions => ({
  content,
  ...loaded,
  options: { multiple: 'true', ...loaded.options },
})

function start(editor: BusyEditor) {
  scope.run(() => useEditorSession({ plugin: editor.plugin }))
  editor.send()
  return { form: useAssetFormStore(), list: useAssetListStore() }
}

/** The ids of a field value in the multiasset shape. */
const ids = (content: unknown) =>
  Array.isArray(content) ? content.map((value: { id?: unknown }) => value.id) : content

describe('useEditorSession with the multiple option', () => {
  it('opens the field’s list and writes nothing', async () => {
    const editor = busyEditor(field([one, two]), () => 0)
    const { list } = start(editor)
    // The session opens the value on Vue's next flush.
    await nextTick()
    expect.soft(list.values.map((value) => value.alt)).toEqual(['One', 'Two'])
    expect.soft(editor.stored).toEqual([])
  })

  it('writes a change of the list in the native multiasset shape', async () => {
    const editor = busyEditor(field([one, two]), () => 0)
    const { list } = start(editor)
    // The session opens the value on Vue's next flush.
    await nextTick()
    list.move(list.items[1]?.key ?? -1, 0)
    // The write goes out on the revision watcher.
    await vi.waitFor(() => expect(editor.stored).toHaveLength(1))
    expect(ids(editor.holds())).toEqual([2, 1])
  })

  it('offers a single asset value as the first item without writing it back', async () => {
    const editor = busyEditor(field(native), () => 0)
    const { list } = start(editor)
    // Time for a write to go out, if one would.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect.soft(ids(list.fieldValue)).toEqual([native.id])
    expect.soft(list.fromSingle).toEqual(true)
    expect.soft(editor.stored).toEqual([])
  })

  it('stores a single asset value as a list once the editor acts', async () => {
    const editor = busyEditor(field(native), () => 0)
    const { list, form } = start(editor)
    // The session opens the value on Vue's next flush.
    await nextTick()
    list.describe(list.items[0]?.key ?? -1)
    form.edit('alt', 'A cat, described')
    // The write goes out on the revision watcher.
    await vi.waitFor(() => expect(editor.stored).toHaveLength(1))
    expect(editor.holds()).toEqual([
      expect.objectContaining({ id: native.id, alt: 'A cat, described' }),
    ])
    expect(list.fromSingle).toBe(false)
  })

  it('keeps the described item and every keystroke while its own writes echo late', async () => {
    vi.useFakeTimers()
    const editor = busyEditor(field([one, two]), jitter(200, 400))
    const { list, form } = start(editor)
    // The session opens the value on Vue's next flush.
    await nextTick()
    const key = list.items[1]?.key
    list.describe(key ?? -1)
    for (const end of [1, 2, 3, 4, 5, 6]) {
      form.edit('alt', 'A blue'.slice(0, end))
      // A key every 40 ms, while the echoes of the earlier ones arrive.
      await vi.advanceTimersByTimeAsync(40)
    }
    // Every echo has arrived.
    await vi.advanceTimersByTimeAsync(1000)
    expect.soft(list.openKey).toEqual(key)
    expect.soft(form.draft.alt).toEqual('A blue')
    expect.soft(form.canUndo).toEqual(true)
    expect(editor.holds()).toMatchObject([{ id: 1 }, { id: 2, alt: 'A blue' }])
  })

  it('keeps a value it does not understand untouched, and says so', async () => {
    const foreign = [native, 'not an asset']
    const editor = busyEditor(field(foreign), () => 0)
    const { list } = start(editor)
    // Time for a write to go out, if one would.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect.soft(list.unknownValue).toBe(true)
    expect.soft(list.items).toEqual([])
    expect.soft(editor.stored).toEqual([])
    expect.soft(editor.holds()).toEqual(foreign)
  })

  it('describes the same item again, with its undo history, in a re-created iframe', async () => {
    const editor = busyEditor(field([one, two]), () => 0)
    const first = start(editor)
    // The session opens the value on Vue's next flush.
    await nextTick()
    first.list.describe(first.list.items[1]?.key ?? -1)
    first.form.edit('alt', 'Two, edited')
    // The write goes out, and the item and the snapshot are noted, on Vue's flush.
    await vi.waitFor(() => expect(editor.stored).toHaveLength(1))
    newFrame()
    const { list, form } = start(busyEditor(field(editor.holds()), () => 0))
    // The session opens the value on Vue's next flush.
    await nextTick()
    expect.soft(list.openIndex).toEqual(1)
    expect.soft(form.draft.alt).toEqual('Two, edited')
    expect.soft(form.canUndo).toEqual(true)
  })

  it('removes only what earlier uploads provably left: never an asset the list holds, never a finished one', async () => {
    const { emulator, control } = local
    const [held, alsoHeld, finished] = await Promise.all(
      ['a.png', 'b.png', 'c.png'].map((filename) => seedAsset(emulator, { filename })),
    )
    const cutOff = await seedUnfinished(emulator, 'd.png')
    const journal = createUploadJournal('field-uid')
    const now = Date.now()
    for (const [asset, filename] of [
      [held, 'a.png'],
      [alsoHeld, 'b.png'],
      [finished, 'c.png'],
    ] as const)
      journal.track({ id: asset?.id ?? -1, filename, startedAt: now })
    journal.track({ id: cutOff.id, filename: 'd.png', startedAt: cutOff.startedAt })
    const content = [held, alsoHeld].map((asset) => assetFieldValue({ id: asset?.id }))
    const options = {
      managementToken: emulator.token,
      apiBaseUrl: emulator.apiBaseUrl,
      rateLimit: '50',
    }
    start(busyEditor(field(content, { spaceId: emulator.spaceId, options }), () => 0))
    // The clean-up runs in the background once the client exists.
    await vi.waitFor(() => expect(readJournal('field-uid').assets).toEqual([]))
    const left = (await control.assets()).map((asset) => asset.id)
    // The finished asset the journal named is not the journal's to remove: it stays.
    expect(new Set(left)).toEqual(new Set([held?.id, alsoHeld?.id, finished?.id]))
  })
})
