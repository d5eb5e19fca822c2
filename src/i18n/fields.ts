// The name of each library field, as the form labels it: in "not saved yet", a conflict, and
// the list of items a step of "Describe selected" would overwrite.
import type { LibraryField } from '../domain/draft'
import type { MessageKey } from './messages'

export const FIELD_LABELS: Readonly<Record<LibraryField, MessageKey>> = {
  alt: 'form.alt',
  title: 'form.title',
  copyright: 'form.copyright',
  source: 'form.source',
  focus: 'form.focus',
  is_private: 'form.private',
  expire_at: 'form.expiry',
  internal_tag_ids: 'form.tags',
}
