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
  /**
   * Read once the library has answered, so that what the editor typed meanwhile is saved too;
   * `null` drops the save (the item is gone).
   */
  draft: () => AssetDraft | null
  language: string
  /** "Save mine anyway": the editor's values win a conflict. */
  overwrite?: boolean
  /** The library's asset as it is now, when the caller has just read it (a finished upload). */
  latest?: Asset
  /** The upload gateway's ticket, for an asset this browser has just uploaded. */
  ticket?: string
}

/** Resolves with what happened, or `null` when the draft was gone; rejects on API errors. */
export async function saveDraft(
  client: ManagementClient,
  { baseline, draft, language, overwrite, latest, ticket }: SaveDraftInput,
): Promise<SaveOutcome | null> {
  const now = latest ?? (await client.getAsset(baseline.id))
  const current = draft()
  if (!current) return null
  const plan = planSave({ baseline, latest: now, draft: current, language, overwrite })
  if (plan.kind === 'conflict') return { kind: 'conflict', latest: now, fields: plan.fields }
  if (!plan.fields.length) return { kind: 'saved', saved: now, fields: [] }
  await client.updateAsset(baseline.id, plan.update, { ticket })
  const saved = await client.getAsset(baseline.id)
  return { kind: 'saved', saved, fields: plan.fields }
}
