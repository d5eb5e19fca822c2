// One asset's "Save to asset library", as the form's Save and the list's "Save all" both run
// it: read the library, plan what to write (domain/save.ts), write it, read the result.
import type { Asset } from '../domain/asset'
import type { AssetDraft, LibraryField } from '../domain/draft'
import { planSave } from '../domain/save'
import type { ManagementClient } from './types'

export type SaveOutcome =
  /** The library changed some of the editor's fields meanwhile: nothing was written. */
  | { kind: 'conflict'; latest: Asset; fields: LibraryField[] }
  /** `fields` were written; `saved` is the asset as the library holds it now. */
  | { kind: 'saved'; saved: Asset; fields: LibraryField[] }

export interface SaveDraftInput {
  /** The asset as the library held it when the draft was read from it. */
  baseline: Asset
  /** Read once the library has answered, so that what the editor typed meanwhile is saved too. */
  draft: () => AssetDraft
  language: string
  /** "Save mine anyway": the editor's values win a conflict. */
  overwrite?: boolean
  /** Asked before writing: `false` drops the save (the editor moved on to another asset). */
  wanted?: () => boolean
}

/** Resolves with what happened, or `null` when `wanted` said no; rejects on API errors. */
export async function saveDraft(
  client: ManagementClient,
  { baseline, draft, language, overwrite, wanted = () => true }: SaveDraftInput,
): Promise<SaveOutcome | null> {
  const latest = await client.getAsset(baseline.id)
  if (!wanted()) return null
  const plan = planSave({ baseline, latest, draft: draft(), language, overwrite })
  if (plan.kind === 'conflict') return { kind: 'conflict', latest, fields: plan.fields }
  if (plan.fields.length) await client.updateAsset(baseline.id, plan.update)
  const saved = await client.getAsset(baseline.id)
  return wanted() ? { kind: 'saved', saved, fields: plan.fields } : null
}
