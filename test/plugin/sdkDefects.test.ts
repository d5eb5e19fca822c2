// The SDK's known defects in 1.7.1 (docs/reference/field-plugin.md). Each test pins the
// defect we work around, so that an SDK release that fixes it fails here and tells us the
// workaround can go.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, effectScope, h } from 'vue'
import { mount } from '@vue/test-utils'
import { useFieldPlugin as useSdkFieldPlugin } from '@storyblok/field-plugin/vue3'
import { setupFieldPlugin } from '@storyblok/field-plugin/test'
import { createFieldPlugin } from '@storyblok/field-plugin'
import { useFieldPlugin } from '../../src/plugin/fieldPlugin'
import { installContainer, type FakeContainer } from '../support/container'

let container: FakeContainer | undefined
afterEach(() => {
  container?.restore()
  container = undefined
  vi.restoreAllMocks()
})

function removedMessageListeners(spy: { mock: { calls: unknown[][] } }): number {
  return spy.mock.calls.filter((call) => call[0] === 'message').length
}

describe('@storyblok/field-plugin 1.7.1 defects', () => {
  it('defect 1: the SDK’s Vue helper keeps its message listener after unmount', async () => {
    container = installContainer()
    const removeListener = vi.spyOn(window, 'removeEventListener')
    const Probe = defineComponent({
      setup() {
        useSdkFieldPlugin({})
        return () => h('div')
      },
    })
    const wrapper = mount(Probe)
    wrapper.unmount()
    expect(removedMessageListeners(removeListener)).toBe(0)
  })

  it('our wrapper removes its message listener when its scope ends', () => {
    container = installContainer()
    const removeListener = vi.spyOn(window, 'removeEventListener')
    const scope = effectScope()
    scope.run(() => useFieldPlugin({ allowLocalContainer: true }))
    scope.stop()
    expect(removedMessageListeners(removeListener)).toBe(1)
  })

  it('defect 3: under the SDK’s test helper, selectAsset never resolves', async () => {
    const { cleanUp } = setupFieldPlugin()
    try {
      let selectAsset: (() => Promise<unknown>) | undefined
      const stop = createFieldPlugin({
        onUpdateState: (state) => {
          if (state.type === 'loaded') selectAsset = state.actions.selectAsset
        },
      })
      // Wait for the helper's `loaded` answer.
      await vi.waitFor(() => expect(selectAsset).toBeDefined())
      const outcome = await Promise.race([
        selectAsset?.().then(() => 'resolved'),
        new Promise((resolve) => setTimeout(() => resolve('pending'), 50)),
      ])
      stop()
      expect(outcome).toBe('pending')
    } finally {
      cleanUp()
    }
  })

  it('defect 4: Escape anywhere in the plugin asks the editor to close its modal', async () => {
    container = installContainer()
    const scope = effectScope()
    const { plugin } = scope.run(() => useFieldPlugin({ allowLocalContainer: true })) ?? {}
    // Wait for `loaded` from the fake editor.
    await vi.waitFor(() => expect(plugin?.value.type).toBe('loaded'))
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    scope.stop()
    const close = container.received.find((message) => message.event === 'toggleModal')
    expect(close).toMatchObject({ status: false })
    expect(close?.callbackId).toBeUndefined()
  })
})
