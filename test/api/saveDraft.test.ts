import { describe, expect, it } from 'vitest'
import { saveDraft } from '../../src/api/saveDraft'
import type { AssetUpdate } from '../../src/api/types'
import { draftFromAsset, type AssetDraft } from '../../src/domain/draft'
import { fakeClient, storedAsset } from './fakeClient'

const baseline = storedAsset(5, { alt: 'old', meta_data: {} })
const unchanged = draftFromAsset(baseline, 'default')
const mine: AssetDraft = { ...unchanged, alt: 'Mine' }

/** A library that answers each read with the next of `reads` (the last one repeats), and notes writes. */
function library(...reads: ReturnType<typeof storedAsset>[]) {
  const updates: [number, AssetUpdate][] = []
  let read = 0
  const fake = fakeClient({
    getAsset: async () => reads[Math.min(read++, reads.length - 1)] ?? baseline,
    updateAsset: async (id, update) => void updates.push([id, update]),
  })
  return { ...fake, updates }
}

describe('saveDraft', () => {
  it('writes what the editor changed and resolves with the library’s answer', async () => {
    const saved = { ...baseline, alt: 'Mine' }
    const { client, calls, updates } = library(baseline, saved)
    const outcome = await saveDraft(client, { baseline, draft: () => mine, language: 'default' })
    expect(outcome).toEqual({ kind: 'saved', saved, fields: ['alt'] })
    expect(updates).toEqual([[5, { alt: 'Mine', meta_data: { alt: 'Mine' } }]])
    expect(calls.get).toEqual([5, 5])
  })

  it('writes nothing, and still reads the result, when nothing changed', async () => {
    const { client, calls, updates } = library(baseline)
    const outcome = await saveDraft(client, {
      baseline,
      draft: () => unchanged,
      language: 'default',
    })
    expect.soft(outcome).toEqual({ kind: 'saved', saved: baseline, fields: [] })
    expect.soft(updates).toEqual([])
    expect.soft(calls.get).toEqual([5, 5])
  })

  it('reports a conflict with the library’s asset and writes nothing', async () => {
    const latest = { ...baseline, alt: 'Theirs' }
    const { client, updates } = library(latest)
    const outcome = await saveDraft(client, { baseline, draft: () => mine, language: 'default' })
    expect.soft(outcome).toEqual({ kind: 'conflict', latest, fields: ['alt'] })
    expect.soft(updates).toEqual([])
  })

  it('writes the editor’s value over the library’s with overwrite', async () => {
    const { client, updates } = library({ ...baseline, alt: 'Theirs' })
    const outcome = await saveDraft(client, {
      baseline,
      draft: () => mine,
      language: 'default',
      overwrite: true,
    })
    expect.soft(outcome?.kind).toEqual('saved')
    expect.soft(updates.map(([, update]) => update.alt)).toEqual(['Mine'])
  })

  it('saves what the editor typed while the library was read', async () => {
    let draft = mine
    const { client, updates } = library(baseline)
    const reading = client.getAsset
    client.getAsset = (...args) => {
      draft = { ...mine, alt: 'Mine, typed on' }
      return reading(...args)
    }
    await saveDraft(client, { baseline, draft: () => draft, language: 'default' })
    expect(updates.map(([, update]) => update.alt)).toEqual(['Mine, typed on'])
  })

  it('resolves null without writing when the editor moved on before the library answered', async () => {
    const { client, updates } = library(baseline)
    const outcome = await saveDraft(client, {
      baseline,
      draft: () => mine,
      language: 'default',
      wanted: () => false,
    })
    expect.soft(outcome).toEqual(null)
    expect.soft(updates).toEqual([])
  })

  it('resolves null when the editor moved on while the write was under way', async () => {
    let wanted = true
    const { client, updates } = library(baseline)
    const writing = client.updateAsset
    client.updateAsset = async (...args) => {
      wanted = false
      return writing(...args)
    }
    const outcome = await saveDraft(client, {
      baseline,
      draft: () => mine,
      language: 'default',
      wanted: () => wanted,
    })
    expect.soft(outcome).toEqual(null)
    expect.soft(updates.length).toEqual(1)
  })

  it('rejects with the client’s error', async () => {
    const failure = new Error('503')
    const { client } = library(baseline)
    client.updateAsset = () => Promise.reject(failure)
    await expect(
      saveDraft(client, { baseline, draft: () => mine, language: 'default' }),
    ).rejects.toBe(failure)
  })
})
