import { describe, expect, it } from 'vitest'
import type { Asset } from '../../src/domain/asset'
import { draftFromAsset, emptyDraft, fieldValueOf, type AssetDraft } from '../../src/domain/draft'
import { draftAfterSave, planSave, signMetadata, updateFor } from '../../src/domain/save'

const asset: Asset = {
  id: 1,
  filename: 'x',
  alt: 'en',
  title: null,
  copyright: null,
  focus: null,
  is_private: true,
  meta_data: { alt__i18n__fr: 'fr' },
}
const draft: AssetDraft = {
  alt: 'de',
  title: 'Titel',
  copyright: '',
  source: '',
  focus: '1x1:2x2',
  is_private: false,
  expire_at: '',
  internal_tag_ids: [],
  decorative: false,
}

describe('updateFor', () => {
  it('writes the default language’s texts at the top level and in meta_data (merged)', () => {
    expect(updateFor(asset, draft, ['alt', 'title', 'focus'], 'default')).toEqual({
      alt: 'de',
      title: 'Titel',
      focus: '1x1:2x2',
      meta_data: { alt__i18n__fr: 'fr', alt: 'de', title: 'Titel' },
    })
  })

  it('writes nothing it was not given', () => {
    expect(updateFor(asset, draft, ['focus'], 'default')).toEqual({ focus: '1x1:2x2' })
  })

  it('writes one language’s texts into meta_data, keeping the other translations', () => {
    expect(updateFor(asset, draft, ['alt', 'title'], 'de')).toEqual({
      meta_data: { alt__i18n__fr: 'fr', alt__i18n__de: 'de', title__i18n__de: 'Titel' },
    })
  })
})

describe('planSave', () => {
  const read = { ...asset, alt: 'old', is_private: true }
  const unchanged = draftFromAsset(read, 'default')

  it('writes only what the editor changed: a title change never writes the privacy flag', () => {
    const plan = planSave({
      baseline: read,
      latest: read,
      draft: { ...unchanged, title: 'New' },
      language: 'default',
    })
    expect(plan).toEqual({
      kind: 'write',
      fields: ['title'],
      update: { title: 'New', meta_data: { alt__i18n__fr: 'fr', title: 'New' } },
    })
  })

  it('has nothing to write when nothing changed', () => {
    expect(
      planSave({ baseline: read, latest: read, draft: unchanged, language: 'default' }),
    ).toEqual({
      kind: 'write',
      fields: [],
      update: {},
    })
  })

  it('reports a conflict when the library changed a field the editor changed, to another value', () => {
    const latest = { ...read, alt: 'theirs' }
    const mine = { ...unchanged, alt: 'mine' }
    expect(planSave({ baseline: read, latest, draft: mine, language: 'default' })).toEqual({
      kind: 'conflict',
      fields: ['alt'],
    })
    expect(
      planSave({ baseline: read, latest, draft: mine, language: 'default', overwrite: true }),
    ).toMatchObject({ kind: 'write', update: { alt: 'mine' } })
  })

  it('is no conflict when both made the same change, or the library changed another field', () => {
    const latest = { ...read, alt: 'same', copyright: '© Them' }
    const plan = planSave({
      baseline: read,
      latest,
      draft: { ...unchanged, alt: 'same', title: 'Mine' },
      language: 'default',
    })
    expect(plan).toMatchObject({
      kind: 'write',
      fields: ['alt', 'title'],
      update: { alt: 'same', title: 'Mine' },
    })
  })
})

describe('draftAfterSave', () => {
  const read = { ...asset, alt: 'old', is_private: false, meta_data: {} }
  const mine = { ...draftFromAsset(read, 'default'), alt: 'Mine', decorative: false }

  it('is null when the library holds what the draft says', () => {
    expect(draftAfterSave(mine, read, { ...read, alt: 'Mine' }, ['alt'], 'default')).toBeNull()
  })

  it('follows the library for a field the editor did not touch, keeping the edited ones', () => {
    const saved = { ...read, alt: 'Mine', copyright: '© Them', is_private: true }
    expect(draftAfterSave(mine, read, saved, ['alt'], 'default')).toEqual({
      ...mine,
      copyright: '© Them',
      is_private: true,
    })
  })

  it('keeps an edited field even when the library answers with another value', () => {
    const saved = { ...read, alt: 'Trimmed by the library' }
    expect(draftAfterSave(mine, read, saved, ['alt'], 'default')).toBeNull()
  })

  it('keeps a field the editor changed while the save was under way', () => {
    const typedMeanwhile = { ...mine, title: 'Typed while saving' }
    const saved = { ...read, alt: 'Mine' }
    expect(draftAfterSave(typedMeanwhile, read, saved, ['alt'], 'default')).toBeNull()
  })

  it('reads the untouched fields in the story’s language', () => {
    const saved = { ...read, meta_data: { title__i18n__de: 'Titel' } }
    expect(draftAfterSave(mine, read, saved, ['alt'], 'de')).toMatchObject({
      alt: 'Mine',
      title: 'Titel',
    })
  })
})

describe('expiry and tags', () => {
  const read: Asset = {
    ...asset,
    expire_at: '2026-12-05T00:00:00.000Z',
    internal_tag_ids: [3, 7],
  }
  const unchanged = draftFromAsset(read, 'default')

  it('reads the library’s expiry and tags into the draft', () => {
    expect(unchanged.internal_tag_ids).toEqual([3, 7])
  })

  it('writes the tags as a whole', () => {
    expect(
      updateFor(read, { ...unchanged, internal_tag_ids: [3] }, ['internal_tag_ids'], 'de'),
    ).toEqual({ internal_tag_ids: [3] })
  })

  it('writes no expiry as null', () => {
    expect(updateFor(read, { ...unchanged, expire_at: '' }, ['expire_at'], 'default')).toEqual({
      expire_at: null,
    })
  })

  it('sees no change in the same tags in another order', () => {
    const plan = planSave({
      baseline: read,
      latest: read,
      draft: { ...unchanged, internal_tag_ids: [7, 3] },
      language: 'default',
    })
    expect(plan).toEqual({ kind: 'write', fields: [], update: {} })
  })

  it('sees no change in the same expiry written with another offset', () => {
    const plan = planSave({
      baseline: read,
      latest: read,
      draft: { ...unchanged, expire_at: '2026-12-05T01:00:00+01:00' },
      language: 'default',
    })
    expect(plan.fields).toEqual([])
  })

  it('reports a conflict when the library changed the tags the editor changed too', () => {
    const plan = planSave({
      baseline: read,
      latest: { ...read, internal_tag_ids: [9] },
      draft: { ...unchanged, internal_tag_ids: [3] },
      language: 'default',
    })
    expect(plan).toEqual({ kind: 'conflict', fields: ['internal_tag_ids'] })
  })

  it('is no conflict when both set the same tags in another order', () => {
    const plan = planSave({
      baseline: read,
      latest: { ...read, internal_tag_ids: [9, 3] },
      draft: { ...unchanged, internal_tag_ids: [3, 9] },
      language: 'default',
    })
    expect(plan.kind).toBe('write')
  })

  it('writes the expiry without a conflict when the library changed only the tags', () => {
    const plan = planSave({
      baseline: read,
      latest: { ...read, internal_tag_ids: [9] },
      draft: { ...unchanged, expire_at: '' },
      language: 'default',
    })
    expect(plan).toEqual({ kind: 'write', fields: ['expire_at'], update: { expire_at: null } })
  })

  it('never sends the expiry or the tags with a sign, also for a replace', () => {
    const update = signMetadata({ ...unchanged, internal_tag_ids: [1] }, 'default', read)
    expect(
      Object.keys(update).filter((key) => key === 'expire_at' || key === 'internal_tag_ids'),
    ).toEqual([])
  })

  it('keeps them out of the field’s value, which has the native asset field’s keys only', () => {
    const value = fieldValueOf({
      asset: read,
      fromField: null,
      draft: { ...emptyDraft(), expire_at: read.expire_at ?? '', internal_tag_ids: [3] },
      language: 'default',
    })
    expect(Object.keys(value ?? {}).sort()).toEqual(
      [
        'alt',
        'copyright',
        'fieldtype',
        'filename',
        'focus',
        'id',
        'is_external_url',
        'is_private',
        'meta_data',
        'name',
        'source',
        'title',
      ].sort(),
    )
  })
})
