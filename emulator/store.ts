// Assets, stored objects, asset folders, internal tags, and their persistence.
//
// Layout of a data directory:
//   assets.json     metadata (stateFile.ts), written atomically (temp + rename)
//   files/<key>     the uploaded bytes, one file per S3 key
//   tmp/            uploads in progress; emptied at start-up, so a crash leaves nothing behind
// In memory mode (`dataDir: null`) the metadata lives only in memory and the directory is a
// fresh folder under os.tmpdir(), removed on close.
import { mkdir, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve, sep } from 'node:path'
import { randomBytes } from 'node:crypto'
import { isRecord } from '../src/domain/record.ts'
import { Catalog } from './catalog.ts'
import {
  FIRST_ASSET_ID,
  readStateFile,
  type AssetRecord,
  type PersistedState,
  type StoredObject,
} from './stateFile.ts'
import { isSafeKeySegment } from './urls.ts'

export type { AssetRecord, FolderRecord, StoredObject, TagRecord } from './stateFile.ts'

/** An ISO timestamp later than `previous` (two writes in one millisecond still differ). */
export function nextTimestamp(previous?: string): string {
  const now = Date.now()
  const last = previous ? Date.parse(previous) : Number.NaN
  return new Date(Number.isNaN(last) || now > last ? now : last + 1).toISOString()
}

export class AssetStore {
  private readonly assets = new Map<number, AssetRecord>()
  private readonly objects = new Map<string, StoredObject>()
  private nextId = FIRST_ASSET_ID
  /** The space's asset folders and internal tags, saved with the assets. */
  readonly catalog = new Catalog(() => this.changed())
  private saveTimer: NodeJS.Timeout | undefined
  private saving: Promise<void> = Promise.resolve()
  private saveError: unknown = undefined

  private constructor(
    /** The data directory (or the temp folder in memory mode). */
    readonly root: string,
    /** False in memory mode: nothing is written to assets.json and `root` is removed on close. */
    readonly persistent: boolean,
  ) {}

  get filesDir(): string {
    return join(this.root, 'files')
  }

  get tmpDir(): string {
    return join(this.root, 'tmp')
  }

  private get statePath(): string {
    return join(this.root, 'assets.json')
  }

  static async open(dataDir: string | null): Promise<AssetStore> {
    const store =
      dataDir === null
        ? new AssetStore(await mkdtemp(join(tmpdir(), 'storyblok-emulator-')), false)
        : new AssetStore(resolve(dataDir), true)
    await mkdir(store.filesDir, { recursive: true })
    // Leftovers of uploads interrupted by a crash.
    await rm(store.tmpDir, { recursive: true, force: true })
    await mkdir(store.tmpDir, { recursive: true })
    if (store.persistent) await store.load()
    return store
  }

  private async load(): Promise<void> {
    let text: string
    try {
      text = await readFile(this.statePath, 'utf8')
    } catch (error) {
      if (isRecord(error) && error['code'] === 'ENOENT') return
      throw error
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    const state = readStateFile(parsed)
    if (!state) {
      throw new Error(
        `${this.statePath} is not a state file of this emulator; move it away or delete it`,
      )
    }
    this.nextId = state.nextId
    for (const asset of state.assets) this.assets.set(asset.id, asset)
    for (const object of state.objects) this.objects.set(object.key, object)
    this.catalog.restore(state)
  }

  // Assets

  newAssetId(): number {
    return this.nextId++
  }

  addAsset(asset: AssetRecord): void {
    this.assets.set(asset.id, asset)
    this.changed()
  }

  getAsset(id: number): AssetRecord | undefined {
    return this.assets.get(id)
  }

  /** All assets, newest first. */
  allAssets(): AssetRecord[] {
    return [...this.assets.values()].sort((a, b) => b.id - a.id)
  }

  /** The asset that was signed for `key` (its current key or an earlier one). */
  assetForKey(key: string): AssetRecord | undefined {
    for (const asset of this.assets.values()) {
      if (asset.key === key || asset.keys.includes(key)) return asset
    }
    return undefined
  }

  /** Removes the asset and every object it was signed for. */
  async deleteAsset(id: number): Promise<AssetRecord | undefined> {
    const asset = this.assets.get(id)
    if (!asset) return undefined
    this.assets.delete(id)
    for (const key of new Set([...asset.keys, asset.key])) {
      this.objects.delete(key)
      await unlink(this.filePath(key)).catch(() => undefined)
    }
    this.changed()
    return asset
  }

  // Objects

  getObject(key: string): StoredObject | undefined {
    return this.objects.get(key)
  }

  putObject(object: StoredObject): void {
    this.objects.set(object.key, object)
    this.changed()
  }

  /** Where the bytes of `key` live. Throws for a key that would leave the files folder. */
  filePath(key: string): string {
    const segments = key.split('/')
    const path = resolve(this.filesDir, ...segments)
    if (!segments.every(isSafeKeySegment) || !path.startsWith(this.filesDir + sep)) {
      throw new Error(`Unsafe key: ${key}`)
    }
    return path
  }

  /** A fresh path in tmp/ for an upload in progress (same file system as files/, for rename). */
  tempFilePath(): string {
    return join(this.tmpDir, `upload-${randomBytes(8).toString('hex')}.part`)
  }

  /** Moves a finished upload into place. */
  async commitFile(tempPath: string, key: string): Promise<void> {
    const target = this.filePath(key)
    await mkdir(dirname(target), { recursive: true })
    await rename(tempPath, target)
  }

  // Persistence

  /** Schedules a write of assets.json (debounced; `flush` forces it). */
  changed(): void {
    if (!this.persistent || this.saveTimer) return
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined
      void this.enqueueSave()
    }, 20)
  }

  private enqueueSave(): Promise<void> {
    this.saving = this.saving.then(
      () => this.writeState(),
      () => this.writeState(),
    )
    this.saving.catch((error: unknown) => {
      this.saveError = error
    })
    return this.saving
  }

  private async writeState(): Promise<void> {
    const state: PersistedState = {
      version: 2,
      nextId: this.nextId,
      assets: [...this.assets.values()],
      objects: [...this.objects.values()],
      ...this.catalog.snapshot(),
    }
    const temp = `${this.statePath}.${randomBytes(6).toString('hex')}.tmp`
    await writeFile(temp, JSON.stringify(state, null, 2) + '\n')
    await rename(temp, this.statePath)
  }

  /** Writes pending changes now; rethrows a failed earlier write. */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer)
      this.saveTimer = undefined
    }
    if (this.persistent) await this.enqueueSave()
    if (this.saveError !== undefined) {
      const error = this.saveError
      this.saveError = undefined
      throw error
    }
  }

  /** Forgets every asset, object, folder and tag, and deletes the stored files. */
  async reset(): Promise<void> {
    this.assets.clear()
    this.objects.clear()
    this.catalog.clear()
    this.nextId = FIRST_ASSET_ID
    await rm(this.filesDir, { recursive: true, force: true })
    await mkdir(this.filesDir, { recursive: true })
    this.changed()
    await this.flush()
  }

  async close(): Promise<void> {
    try {
      await this.flush()
    } finally {
      if (!this.persistent) await rm(this.root, { recursive: true, force: true })
    }
  }
}
