// The folder the editor chose for new uploads, kept per field instance (`uid`) for this tab, so
// a re-created iframe (the larger view, closing and opening the block) offers it again.
import { parseAssetId } from '../domain/asset'
import type { FolderTarget } from '../domain/folders'
import { isRecord } from '../domain/record'
import { readTab, tabKey, tabStorage, writeTab, type StorageLike } from './tabStorage'

const folderKey = (uid: string) => tabKey(uid, 'folder')

export function saveFolderChoice(
  uid: string,
  folder: FolderTarget,
  storage: StorageLike | null = tabStorage(),
): void {
  writeTab(storage, folderKey(uid), { folder })
}

/** The choice kept for this field: a folder id, `null` for the root, `undefined` for none. */
export function loadFolderChoice(
  uid: string,
  storage: StorageLike | null = tabStorage(),
): FolderTarget | undefined {
  const value = readTab(storage, folderKey(uid))
  if (!isRecord(value)) return undefined
  return value.folder === null ? null : (parseAssetId(value.folder) ?? undefined)
}
