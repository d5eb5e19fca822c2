// @vitest-environment happy-dom
// The editor protocol's shared code (emulator/editor/protocol.ts), and the unit tests' fake
// container built on it (test/support/container.ts), driven by the real SDK.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFieldPlugin, type FieldPluginResponse } from '@storyblok/field-plugin'
import { parsePluginMessage } from '../../emulator/editor/protocol'
import { CONTAINER_ORIGIN, installContainer, type FakeContainer } from '../support/container'

describe('parsePluginMessage', () => {
  const base = { action: 'plugin-changed', uid: 'u', callbackId: 'c' }

  it('reads each event with the fields it needs', () => {
    expect(parsePluginMessage({ ...base, event: 'update', model: { id: 1 } })).toEqual({
      uid: 'u',
      callbackId: 'c',
      event: 'update',
      model: { id: 1 },
    })
    expect(
      parsePluginMessage({
        ...base,
        event: 'toggleModal',
        status: true,
        modalSize: { width: 600 },
      }),
    ).toEqual({
      uid: 'u',
      callbackId: 'c',
      event: 'toggleModal',
      status: true,
      modalSize: { width: '600' },
    })
    expect(
      parsePluginMessage({ action: 'prompt-ai', uid: 'u', event: 'promptAI', promptAIPayload: 1 }),
    ).toEqual({ uid: 'u', event: 'promptAI', promptAIPayload: 1 })
  })

  it('keeps an update of undefined, and drops a callbackId that is not a string', () => {
    expect(
      parsePluginMessage({ ...base, callbackId: 5, event: 'update', model: undefined }),
    ).toEqual({ uid: 'u', event: 'update', model: undefined })
  })

  it('refuses what is not a message of the plugin', () => {
    for (const data of [
      null,
      'update',
      { ...base, event: 'update' },
      { ...base, event: 'toggleModal', status: 'yes' },
      { ...base, event: 'heightChange', height: Number.NaN },
      { ...base, event: 'promptAI', promptAIPayload: 1 },
      { ...base, action: 'state-changed', event: 'update', model: 1 },
      { ...base, uid: 1, event: 'getContext' },
      { ...base, event: 'unknown' },
    ])
      expect(parsePluginMessage(data)).toBeUndefined()
  })
})

/** A seeded generator, so that the drawn delays (and the SDK's callback ids) repeat. */
function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

describe('the fake container', () => {
  let container: FakeContainer | undefined
  afterEach(() => {
    container?.restore()
    container = undefined
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  /** The SDK in this window; every state it is handed, in order. */
  function plugin(): { states: FieldPluginResponse<unknown>[] } {
    const states: FieldPluginResponse<unknown>[] = []
    createFieldPlugin({ targetOrigin: CONTAINER_ORIGIN, onUpdateState: (s) => states.push(s) })
    return { states }
  }

  const loadedData = (states: FieldPluginResponse<unknown>[]) =>
    states.flatMap((state) => (state.type === 'loaded' ? [state] : []))

  it('answers updates late and out of order, each with the value it answers (echoDelayMs)', async () => {
    vi.useFakeTimers()
    vi.spyOn(Math, 'random').mockImplementation(seededRandom(7))
    container = installContainer({ content: 'start', echoDelayMs: [80, 160] })
    const { states } = plugin()
    // The `loaded` answer is not delayed.
    await vi.advanceTimersByTimeAsync(0)
    const [first] = loadedData(states)
    if (!first) throw new Error('the SDK never loaded')
    const values = Array.from({ length: 20 }, (_, index) => `value ${index}`)
    const written = values.map((value) => first.actions.setContent(value))
    expect(container.content()).toBe('value 19')
    await vi.advanceTimersByTimeAsync(79)
    expect(loadedData(states)).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(81)
    // Each promise resolves with the echo of its own update.
    expect((await Promise.all(written)).map((data) => data.content)).toEqual(values)
    const echoed = loadedData(states)
      .slice(1)
      .map((state) => state.data.content)
    expect(echoed).toHaveLength(20)
    expect(echoed).not.toEqual(values)
    expect([...echoed].sort()).toEqual([...values].sort())
  })

  it('sends spaceId null when told to, as the official Sandbox does', async () => {
    container = installContainer({ spaceId: null })
    const sent: unknown[] = []
    window.addEventListener('message', (event) => sent.push(event.data))
    const { states } = plugin()
    // Wait for the `loaded` answer.
    await vi.waitFor(() => expect(loadedData(states)).toHaveLength(1))
    expect(sent).toEqual([expect.objectContaining({ action: 'loaded', spaceId: null })])
  })
})
