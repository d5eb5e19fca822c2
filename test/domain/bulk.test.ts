import { describe, expect, it } from 'vitest'
import { applyPatch, holdsOther, overwrites } from '../../src/domain/bulk'
import { emptyDraft, type AssetDraft } from '../../src/domain/draft'

const draft = (patch: Partial<AssetDraft> = {}): AssetDraft => ({ ...emptyDraft(), ...patch })

describe('holdsOther', () => {
  it('is false for an empty field: filling it overwrites nothing', () => {
    expect(holdsOther(draft(), 'copyright', { copyright: '© Us' })).toBe(false)
  })

  it('is false for the same value', () => {
    expect(holdsOther(draft({ copyright: '© Us' }), 'copyright', { copyright: '© Us' })).toBe(false)
  })

  it('is true for another value', () => {
    expect(holdsOther(draft({ copyright: '© Them' }), 'copyright', { copyright: '© Us' })).toBe(
      true,
    )
  })

  it('compares tags as sets', () => {
    expect(
      holdsOther(draft({ internal_tag_ids: [7, 3] }), 'internal_tag_ids', {
        internal_tag_ids: [3, 7],
      }),
    ).toBe(false)
  })

  it('takes another privacy as another value', () => {
    expect(holdsOther(draft({ is_private: true }), 'is_private', { is_private: false })).toBe(true)
  })

  it('is false for a field the patch does not set', () => {
    expect(holdsOther(draft({ source: 'x' }), 'source', { copyright: 'y' })).toBe(false)
  })
})

describe('overwrites', () => {
  const items = [
    { key: 1, draft: draft({ copyright: '© Them' }) },
    { key: 2, draft: draft() },
    { key: 3, draft: draft({ copyright: '© Others', source: 'Agency' }) },
  ]

  it('names per field the items holding another value', () => {
    expect(overwrites(items, { copyright: '© Us' }).get('copyright')).toEqual([1, 3])
  })

  it('leaves out a field nothing would overwrite', () => {
    expect(overwrites(items, { copyright: '© Us', source: 'Agency' }).has('source')).toBe(false)
  })
})

describe('applyPatch', () => {
  it('sets the fields of the patch and keeps the rest', () => {
    const next = applyPatch(draft({ alt: 'A dog', copyright: '© Them' }), { copyright: '© Us' })
    expect(next).toEqual(draft({ alt: 'A dog', copyright: '© Us' }))
  })

  it('keeps another value when asked to keep theirs', () => {
    const mine = draft({ copyright: '© Them' })
    expect(applyPatch(mine, { copyright: '© Us' }, true)).toBe(mine)
  })

  it('fills an empty field when asked to keep theirs', () => {
    expect(applyPatch(draft(), { copyright: '© Us' }, true).copyright).toBe('© Us')
  })

  it('answers the same draft when nothing changes', () => {
    const same = draft({ internal_tag_ids: [3] })
    expect(applyPatch(same, { internal_tag_ids: [3] })).toBe(same)
  })
})
