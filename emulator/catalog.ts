// The space's asset folders and internal tags, kept next to the assets (store.ts saves them in
// the same state file). Plain records and ids only: the API's rules for them are in folders.ts
// and internalTags.ts.
import {
  FIRST_FOLDER_ID,
  FIRST_TAG_ID,
  type FolderRecord,
  type PersistedState,
  type TagRecord,
} from './stateFile.ts'

/** What the asset metadata rules need to know about folders and tags (assetChanges.ts). */
export interface KnownIds {
  hasFolder(id: number): boolean
  hasAssetTag(id: number): boolean
}

export class Catalog implements KnownIds {
  private readonly folders = new Map<number, FolderRecord>()
  private readonly tags = new Map<number, TagRecord>()
  private nextFolderId = FIRST_FOLDER_ID
  private nextTagId = FIRST_TAG_ID

  constructor(
    /** Called after every change, to schedule a save. */
    private readonly changed: () => void,
  ) {}

  /** A new folder id, or `wanted` when it is free (seeding); later ids continue after it. */
  newFolderId(wanted?: number): number | undefined {
    if (wanted === undefined) return this.nextFolderId++
    if (this.folders.has(wanted)) return undefined
    this.nextFolderId = Math.max(this.nextFolderId, wanted + 1)
    return wanted
  }

  putFolder(folder: FolderRecord): void {
    this.folders.set(folder.id, folder)
    this.changed()
  }

  getFolder(id: number): FolderRecord | undefined {
    return this.folders.get(id)
  }

  hasFolder(id: number): boolean {
    return this.folders.has(id)
  }

  /** All folders, oldest first. */
  allFolders(): FolderRecord[] {
    return [...this.folders.values()].sort((a, b) => a.id - b.id)
  }

  deleteFolder(id: number): void {
    this.folders.delete(id)
    this.changed()
  }

  /** A new tag id, or `wanted` when it is free (seeding); later ids continue after it. */
  newTagId(wanted?: number): number | undefined {
    if (wanted === undefined) return this.nextTagId++
    if (this.tags.has(wanted)) return undefined
    this.nextTagId = Math.max(this.nextTagId, wanted + 1)
    return wanted
  }

  putTag(tag: TagRecord): void {
    this.tags.set(tag.id, tag)
    this.changed()
  }

  getTag(id: number): TagRecord | undefined {
    return this.tags.get(id)
  }

  /** Whether an asset may carry tag `id`: it exists and is of object type `asset`. */
  hasAssetTag(id: number): boolean {
    return this.tags.get(id)?.object_type === 'asset'
  }

  /** All tags, oldest first. */
  allTags(): TagRecord[] {
    return [...this.tags.values()].sort((a, b) => a.id - b.id)
  }

  deleteTag(id: number): void {
    this.tags.delete(id)
    this.changed()
  }

  // Persistence (store.ts)

  snapshot(): Pick<PersistedState, 'nextFolderId' | 'nextTagId' | 'assetFolders' | 'internalTags'> {
    return {
      nextFolderId: this.nextFolderId,
      nextTagId: this.nextTagId,
      assetFolders: this.allFolders(),
      internalTags: this.allTags(),
    }
  }

  restore(state: PersistedState): void {
    this.clear()
    this.nextFolderId = state.nextFolderId
    this.nextTagId = state.nextTagId
    for (const folder of state.assetFolders) this.folders.set(folder.id, folder)
    for (const tag of state.internalTags) this.tags.set(tag.id, tag)
  }

  clear(): void {
    this.folders.clear()
    this.tags.clear()
    this.nextFolderId = FIRST_FOLDER_ID
    this.nextTagId = FIRST_TAG_ID
  }
}
