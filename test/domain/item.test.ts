import { describe, expect, it } from 'vitest'
import type { Asset } from '../../src/domain/asset'
import { emptyDraft } from '../../src/domain/draft'
import {
  assetIdOf,
  dirtyFieldsOf,
  hasChanges,
  isImageItem,
  keepingLocation,
  nameOf,
  needsAlt,
  newItem,
  newUpload,
  valueOf,
  withLibraryAsset,
} from '../../src/domain/item'
import type { LocationCheck } from '../../src/domain/locationCheck'
import { recordStep } from '../../src/domain/history'
import { assetFieldValue } from '../fixtures/fieldValues'

const asset: Asset = {
  id: 7,
  filename: 'https://s3.amazonaws.com/a.storyblok.com/f/1/400x300/abc/photo.png',
  alt: 'A photo',
  title: null,
  copyright: null,
  focus: null,
  is_private: false,
  meta_data: {},
  content_type: 'image/png',
}
const file = (name: string, type = '') => new File(['x'], name, { type })
const uploading = (name: string, type = '') =>
  newItem(1, {
    upload: { file: file(name, type), filename: name, size: null, replaces: false },
    draft: emptyDraft(),
  })

describe('an item', () => {
  it('has no field value while its new file uploads, and is named after the stored name', () => {
    const item = uploading('photo.png', 'image/png')
    expect(valueOf(item, 'default')).toBeNull()
    expect(assetIdOf(item)).toBeUndefined()
    expect(nameOf(item, 'default')).toBe('photo.png')
  })

  it('takes its value from the library once read, with the draft’s texts', () => {
    const item = newItem(2, { asset, draft: { ...emptyDraft(), alt: 'Typed' } })
    expect(valueOf(item, 'default')).toMatchObject({ id: 7, alt: 'Typed', name: 'photo.png' })
    expect(assetIdOf(item)).toBe(7)
  })

  it('is an image by the library’s type, else by its URL, else by its file', () => {
    expect(isImageItem(newItem(1, { asset, draft: emptyDraft() }))).toBe(true)
    const pdf = { ...asset, content_type: 'application/pdf' }
    expect(isImageItem(newItem(1, { asset: pdf, draft: emptyDraft() }))).toBe(false)
    const fromField = assetFieldValue({ filename: 'https://a.storyblok.com/f/1/x.tiff' })
    expect(isImageItem(newItem(1, { fromField, draft: emptyDraft() }))).toBe(true)
    // Chrome gives a .heic no type: the name decides, as Storyblok's type will.
    expect(isImageItem(uploading('IMG_0001.heic'))).toBe(true)
    expect(isImageItem(uploading('notes.pdf', 'application/pdf'))).toBe(false)
  })

  it('needs alt text only with requireAlt, for an image without alt text or “Decorative image”', () => {
    const bare = newItem(1, { asset, draft: emptyDraft() })
    expect(needsAlt(bare, true)).toBe(true)
    expect(needsAlt(bare, false)).toBe(false)
    expect(needsAlt({ ...bare, draft: { ...emptyDraft(), decorative: true } }, true)).toBe(false)
    expect(needsAlt({ ...bare, draft: { ...emptyDraft(), alt: '  ' } }, true)).toBe(true)
    expect(needsAlt(uploading('a.png', 'image/png'), true)).toBe(true)
  })

  it('has changes: fields that differ from the library, or edits before it was read', () => {
    const read = newItem(1, { asset, draft: { ...emptyDraft(), alt: 'A photo', title: 'New' } })
    expect(dirtyFieldsOf(read, 'default')).toEqual(['title'])
    expect(hasChanges(read, 'default')).toBe(true)
    const unread = newItem(1, { fromField: assetFieldValue(), draft: emptyDraft() })
    expect(hasChanges(unread, 'default')).toBe(false)
    const edited = { ...unread, history: recordStep(unread.history, emptyDraft()) }
    expect(hasChanges(edited, 'default')).toBe(true)
  })
})

describe('an upload before it starts', () => {
  const original = file('photo.jpg', 'image/jpeg')
  const cleaned = file('photo.jpg', 'image/jpeg')
  const check: LocationCheck = {
    found: true,
    position: { latitude: 48.208, longitude: 16.372 },
    cleaned,
    left: false,
    damage: [],
  }

  it('sends the copy without the location, unless the location is kept', () => {
    const upload = newUpload(original, 'photo.jpg', { folder: 7, check })
    expect(upload).toMatchObject({ file: cleaned, folder: 7, replaces: false, size: null })
    expect(upload.location).toEqual({ check, original, keep: false })
    const kept = keepingLocation(upload, true)
    expect(kept.file).toBe(original)
    expect(keepingLocation(kept, false).file).toBe(cleaned)
  })

  it('sends the editor’s file when there is no copy, and names no folder unless given', () => {
    const plain = newUpload(original, 'photo.jpg', {})
    expect(plain.file).toBe(original)
    expect('folder' in plain || 'location' in plain).toBe(false)
    expect(keepingLocation(plain, true)).toBe(plain)
    const nothingRemoved = newUpload(original, 'photo.jpg', { check: { ...check, cleaned: null } })
    expect(nothingRemoved.file).toBe(original)
  })
})

describe('an item that takes an asset already in the library', () => {
  const existing: Asset = { ...asset, alt: 'From the library', title: 'Kept', is_private: false }

  it('holds the asset instead of its upload, and the editor’s texts apply as edits', () => {
    const item = {
      ...uploading('photo.png', 'image/png'),
      draft: { ...emptyDraft(), alt: 'Mine', copyright: '© Me', is_private: true },
    }
    const taken = withLibraryAsset(item, existing, 'default')
    expect(taken.upload).toBeNull()
    expect(taken.asset).toBe(existing)
    expect(taken.draft).toMatchObject({
      alt: 'Mine',
      title: 'Kept',
      copyright: '© Me',
      // The library's privacy: the asset is what it is.
      is_private: false,
    })
    expect(dirtyFieldsOf(taken, 'default').sort()).toEqual(['alt', 'copyright'])
  })

  it('keeps “Decorative image” with an empty alt text', () => {
    const item = {
      ...uploading('photo.png', 'image/png'),
      draft: { ...emptyDraft(), decorative: true },
    }
    expect(withLibraryAsset(item, existing, 'default').draft).toMatchObject({
      alt: '',
      decorative: true,
    })
  })
})
