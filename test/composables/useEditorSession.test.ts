// The editor session against a simulated editor that behaves like real ones: every write is
// echoed late, at a random delay (so echoes reorder), some never; values also change from outside.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { createTestPinia, testEnvironment } from '../support/pinia'
import { useEditorSession } from '../../src/composables/useEditorSession'
import type { AssetFieldValue } from '../../src/domain/fieldValue'
import { useAssetFormStore } from '../../src/stores/assetForm'
import { useSessionStore } from '../../src/stores/session'
import { native } from '../fixtures/fieldValues'
import { busyEditor, jitter, type BusyEditor } from '../support/busyEditor'

const asset = { ...native, meta_data: {} } satisfies Record<string, unknown>

let scope = effectScope()

beforeEach(() => {
  vi.useFakeTimers()
  createTestPinia(testEnvironment({ now: () => Date.now() }))
  scope = effectScope()
})

afterEach(() => {
  scope.stop()
  vi.useRealTimers()
})

function start(editor: BusyEditor) {
  scope.run(() => useEditorSession({ plugin: editor.plugin }))
  editor.send()
  return { form: useAssetFormStore(), session: useSessionStore() }
}

async function type(form: ReturnType<typeof useAssetFormStore>, text: string, everyMs: number) {
  for (let end = 1; end <= text.length; end++) {
    form.edit('alt', text.slice(0, end))
    await vi.advanceTimersByTimeAsync(everyMs)
  }
}

const SENTENCE = 'A small red rectangle on a white page'

describe('useEditorSession', () => {
  it.each([
    ['at once', () => 0],
    ['80–160 ms late', jitter(80, 160)],
    ['200–400 ms late', jitter(200, 400)],
  ])('keeps every keystroke typed at 40 ms a key when echoes come %s', async (_label, delay) => {
    const editor = busyEditor({ content: asset }, delay)
    const { form } = start(editor)
    await nextTick()
    await type(form, SENTENCE, 40)
    await vi.advanceTimersByTimeAsync(1000)
    expect(form.draft.alt).toBe(SENTENCE)
    expect(editor.holds()).toMatchObject({ alt: SENTENCE })
  })

  it('keeps every focus step of a held arrow key with echoes 200–400 ms late', async () => {
    const editor = busyEditor({ content: asset }, jitter(200, 400))
    const { form } = start(editor)
    await nextTick()
    for (let x = 10; x < 25; x++) {
      form.edit('focus', `${x}x10:${x + 1}x11`)
      // A held key repeats about every 33 ms.
      await vi.advanceTimersByTimeAsync(33)
    }
    await vi.advanceTimersByTimeAsync(1000)
    expect(form.draft.focus).toBe('24x10:25x11')
  })

  it('keeps undo correct while echoes of the undone values are still on their way', async () => {
    const editor = busyEditor({ content: asset }, jitter(200, 400))
    const { form } = start(editor)
    await nextTick()
    await type(form, 'A cat', 40)
    await vi.advanceTimersByTimeAsync(1500)
    await type(form, 'A cat on a mat', 40)
    form.undo()
    await vi.advanceTimersByTimeAsync(1000)
    expect.soft(form.draft.alt).toEqual('A cat')
    expect.soft((editor.holds() as AssetFieldValue).alt).toEqual('A cat')
  })

  it('keeps typing when some echoes never come', async () => {
    let count = 0
    const editor = busyEditor({ content: asset }, () => (++count % 3 === 0 ? null : 120))
    const { form } = start(editor)
    await nextTick()
    await type(form, SENTENCE, 40)
    await vi.advanceTimersByTimeAsync(1000)
    expect(form.draft.alt).toBe(SENTENCE)
  })

  it('opens a value changed from outside, even while its own writes are on their way', async () => {
    const editor = busyEditor({ content: asset }, () => 300)
    const { form } = start(editor)
    await nextTick()
    form.edit('alt', 'Mine')
    await vi.advanceTimersByTimeAsync(50)
    editor.send({ content: { ...asset, id: 555, alt: 'Someone else’s' } })
    await vi.advanceTimersByTimeAsync(1000)
    // The late echo of the earlier write does not take the outside value back.
    expect.soft(form.fromField?.id).toBe(555)
    expect.soft(form.draft.alt).toBe('Someone else’s')
  })

  it('opens an emptied field (the Sandbox’s “Reset value”) with the uploader', async () => {
    const editor = busyEditor({ content: asset }, () => 100)
    const { form } = start(editor)
    await nextTick()
    editor.send({ content: undefined })
    await nextTick()
    expect(form.fieldValue).toBeNull()
  })

  it('opens the other language’s value when the story language changes', async () => {
    const editor = busyEditor({ content: asset }, () => 0)
    const { form } = start(editor)
    await nextTick()
    editor.send({ storyLang: 'de', content: { ...asset, alt: 'Eine Katze' } })
    await nextTick()
    expect.soft(form.language).toEqual('de')
    expect.soft(form.draft.alt).toEqual('Eine Katze')
  })

  it('does not write when it opens a value', async () => {
    const editor = busyEditor({ content: asset }, () => 0)
    start(editor)
    await vi.advanceTimersByTimeAsync(100)
    expect(editor.stored).toEqual([])
  })

  it('makes its client in the Sandbox (no space from the editor) with the spaceId option', async () => {
    const editor = busyEditor(
      {
        content: '',
        spaceId: undefined,
        options: { managementToken: 't', spaceId: '288868932106293' },
      },
      () => 0,
    )
    const { session } = start(editor)
    await nextTick()
    expect.soft(session.problems).toEqual([])
    expect.soft(session.client !== null).toEqual(true)
  })

  it('says which option is missing in the Sandbox without the spaceId option', async () => {
    const editor = busyEditor(
      { content: '', spaceId: undefined, options: { managementToken: 't' } },
      () => 0,
    )
    const { session } = start(editor)
    await nextTick()
    expect.soft(session.problems).toEqual([{ option: 'spaceId', code: 'no-space' }])
    expect.soft(session.client).toEqual(null)
  })
})
