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

/** Records by id, with the next free id: the space's folders, or its tags. */
export class IdTable<T extends { id: number }> {
  private readonly records = new Map<number, T>()
  private nextId: number

  constructor(
    /** The id the first record gets. */
    private readonly firstId: number,
    /** Called after every change, to schedule a save. */
    private readonly changed: () => void,
  ) {
    this.nextId = firstId
  }

  /** A new id, or `wanted` when it is free (seeding); later ids continue after it. */
  newId(wanted?: number): number | undefined {
    if (wanted === undefined) return this.nextId++
    if (this.records.has(wanted)) return undefined
    this.nextId = Math.max(this.nextId, wanted + 1)
    return wanted
  }

  put(record: T): void {
    this.records.set(record.id, record)
    this.changed()
  }

  get(id: number): T | undefined {
    return this.records.get(id)
  }

  has(id: number): boolean {
    return this.records.has(id)
  }

  /** All records, oldest first. */
  all(): T[] {
    return [...this.records.values()].sort((a, b) => a.id - b.id)
  }

  delete(id: number): void {
    this.records.delete(id)
    this.changed()
  }

  // Persistence (store.ts, through the catalog)

  get next(): number {
    return this.nextId
  }

  restore(records: readonly T[], nextId: number): void {
    this.clear()
    this.nextId = nextId
    for (const record of records) this.records.set(record.id, record)
  }

  clear(): void {
    this.records.clear()
    this.nextId = this.firstId
  }
}

export class Catalog implements KnownIds {
  readonly folders: IdTable<FolderRecord>
  readonly tags: IdTable<TagRecord>

  constructor(
    /** Called after every change, to schedule a save. */
    changed: () => void,
  ) {
    this.folders = new IdTable(FIRST_FOLDER_ID, changed)
    this.tags = new IdTable(FIRST_TAG_ID, changed)
  }

  hasFolder(id: number): boolean {
    return this.folders.has(id)
  }

  /** Whether an asset may carry tag `id`: it exists and is of object type `asset`. */
  hasAssetTag(id: number): boolean {
    return this.tags.get(id)?.object_type === 'asset'
  }

  // Persistence (store.ts)

  snapshot(): Pick<PersistedState, 'nextFolderId' | 'nextTagId' | 'assetFolders' | 'internalTags'> {
    return {
      nextFolderId: this.folders.next,
      nextTagId: this.tags.next,
      assetFolders: this.folders.all(),
      internalTags: this.tags.all(),
    }
  }

  restore(state: PersistedState): void {
    this.folders.restore(state.assetFolders, state.nextFolderId)
    this.tags.restore(state.internalTags, state.nextTagId)
  }

  clear(): void {
    this.folders.clear()
    this.tags.clear()
  }
}
