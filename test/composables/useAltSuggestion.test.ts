// "Suggest alt text": what the composable asks for, and when it writes or only offers the answer.
import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref, shallowRef } from 'vue'
import { HttpError } from '../../src/api/errors'
import type { ManagementClient } from '../../src/api/types'
import { useAltSuggestion } from '../../src/composables/useAltSuggestion'
import { fakeClient, untilAborted } from '../api/fakeClient'

/** A client whose alt text answers wait until the test resolves them. */
function heldClient() {
  const pending: { resolve: (text: string) => void; signal?: AbortSignal }[] = []
  const { client, calls } = fakeClient({
    generateAltText: (_id, _language, options) =>
      new Promise<string>((resolve, reject) => {
        pending.push({ resolve, signal: options?.signal })
        options?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        )
      }),
  })
  return { client, calls, pending }
}

function setup(client: ManagementClient | null, { alt = '' } = {}) {
  const state = { alt: ref(alt), assetId: ref<number | undefined>(7), language: ref('de') }
  const applied: string[] = []
  const scope = effectScope()
  const suggestion = scope.run(() =>
    useAltSuggestion({
      client: () => client,
      assetId: state.assetId,
      language: state.language,
      alt: state.alt,
      apply: (text) => {
        applied.push(text)
        state.alt.value = text
      },
    }),
  )
  if (!suggestion) throw new Error('no composable')
  return { ...suggestion, ...state, applied, scope }
}

describe('useAltSuggestion', () => {
  it('asks for the asset in the language, and fills an empty alt text', async () => {
    const { client, calls } = fakeClient()
    const s = setup(client)
    await s.suggest()
    expect(calls.altText).toEqual([[7, 'de']])
    expect(s.applied).toEqual(['Alt text for 7 in de'])
    expect(s.status.value).toBe('idle')
  })

  it('only offers the answer when the editor has text, and writes it when accepted', async () => {
    const { client } = fakeClient()
    const s = setup(client, { alt: 'Mine' })
    await s.suggest()
    expect.soft(s.status.value).toEqual('offered')
    expect.soft(s.suggestion.value).toEqual('Alt text for 7 in de')
    expect.soft(s.applied).toEqual([])
    s.accept()
    expect.soft(s.status.value).toEqual('idle')
    expect.soft(s.applied).toEqual(['Alt text for 7 in de'])
  })

  it('keeps what the editor typed while the answer was on its way', async () => {
    const { client, pending } = heldClient()
    const s = setup(client)
    const asked = s.suggest()
    expect(s.status.value).toBe('busy')
    s.alt.value = 'Typed meanwhile'
    pending[0]?.resolve('Suggested')
    await asked
    expect.soft(s.status.value).toEqual('offered')
    expect.soft(s.alt.value).toEqual('Typed meanwhile')
    expect.soft(s.applied).toEqual([])
    s.dismiss()
    expect.soft(s.status.value).toEqual('idle')
    expect.soft(s.suggestion.value).toEqual('')
  })

  it('drops a request under way when the asset or the language changes, or on unmount', async () => {
    const { client, pending } = heldClient()
    const s = setup(client)
    const first = s.suggest()
    s.language.value = 'en'
    await nextTick()
    expect(pending[0]?.signal?.aborted).toBe(true)
    await first
    expect.soft(s.status.value).toEqual('idle')
    expect.soft(s.applied).toEqual([])

    const second = s.suggest()
    s.scope.stop()
    expect(pending[1]?.signal?.aborted).toBe(true)
    await second
    expect(s.applied).toEqual([])
  })

  it('keeps a request under way when the same asset is read again', async () => {
    const { client, pending } = heldClient()
    const asset = shallowRef({ id: 7 })
    const applied: string[] = []
    const scope = effectScope()
    const s = scope.run(() =>
      useAltSuggestion({
        client: () => client,
        assetId: () => asset.value.id,
        language: () => 'en',
        alt: () => '',
        apply: (text) => applied.push(text),
      }),
    )
    const asked = s?.suggest()
    asset.value = { id: 7 }
    await nextTick()
    pending[0]?.resolve('Still wanted')
    await asked
    expect(applied).toEqual(['Still wanted'])
    scope.stop()
  })

  it('reports a refusal and writes nothing', async () => {
    const refusal = new HttpError(403, ['AI is not enabled'], 'GET', 'https://x/alt')
    const { client } = fakeClient({ generateAltText: () => Promise.reject(refusal) })
    const s = setup(client)
    await s.suggest()
    expect.soft(s.status.value).toEqual('failed')
    expect.soft(s.error.value).toEqual(refusal)
    expect.soft(s.applied).toEqual([])
  })

  it('asks nothing without a client or an uploaded asset', async () => {
    const s = setup(null)
    await s.suggest()
    const { client, calls } = fakeClient()
    const t = setup(client)
    t.assetId.value = undefined
    await t.suggest()
    expect.soft(s.status.value).toEqual('idle')
    expect.soft(t.status.value).toEqual('idle')
    expect.soft(calls.altText).toEqual([])
  })

  it('keeps the abort from a dismiss out of the error', async () => {
    const { client } = fakeClient({
      generateAltText: (_id, _language, options) => untilAborted<string>(options?.signal),
    })
    const s = setup(client)
    const asked = s.suggest()
    s.dismiss()
    await asked
    expect.soft(s.status.value).toEqual('idle')
    expect.soft(s.error.value).toEqual(null)
  })
})
