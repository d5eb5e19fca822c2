// The space's asset folders as the uploader offers them: a tree shown by path ("Blog / 2024"),
// the library's root, and which of them a new upload may go to.

/** A folder as the Management API (or the upload gateway) lists it. */
export interface AssetFolder {
  id: number
  name: string
  /** `null` at the top of the tree. */
  parentId: number | null
  /**
   * The names from the top down, joined with " / ". The upload gateway sends it (it lists only
   * the folders uploads may go to, so their parents may be missing); else it is worked out.
   */
  path?: string
}

/** What the folder list says: the folders, and whether uploads may go to the library's root. */
export interface FolderList {
  folders: readonly AssetFolder[]
  /** `false` only from an upload gateway whose `GATEWAY_UPLOAD_FOLDERS` leaves `root` out. */
  rootAllowed: boolean
}

/** Where a new upload goes: a folder's id, or `null` for the library's root. */
export type FolderTarget = number | null

/** One entry of the choice: the root (`id: null`) or a folder, with its path. */
export interface FolderChoice {
  id: FolderTarget
  path: string
  /** Levels below the top, for indenting the tree. */
  depth: number
}

export const PATH_SEPARATOR = ' / '

/**
 * Every folder with its path, in tree order (each folder after its parent, siblings by name).
 * A parent the list does not hold, or a loop of parents, ends the path where it is.
 */
export function folderChoices(list: FolderList): FolderChoice[] {
  const byId = new Map(list.folders.map((folder) => [folder.id, folder]))
  const pathOf = (folder: AssetFolder): string[] => {
    if (folder.path) return folder.path.split(PATH_SEPARATOR)
    const names: string[] = []
    const seen = new Set<number>()
    for (let at: AssetFolder | undefined = folder; at && !seen.has(at.id);) {
      seen.add(at.id)
      names.unshift(at.name)
      at = at.parentId === null ? undefined : byId.get(at.parentId)
    }
    return names
  }
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
  const entries = list.folders.map((folder) => ({ id: folder.id, names: pathOf(folder) }))
  entries.sort((a, b) => {
    for (let index = 0; index < Math.min(a.names.length, b.names.length); index++) {
      const order = collator.compare(a.names[index] ?? '', b.names[index] ?? '')
      if (order) return order
    }
    return a.names.length - b.names.length || a.id - b.id
  })
  return entries.map(({ id, names }) => ({
    id,
    path: names.join(PATH_SEPARATOR),
    depth: names.length - 1,
  }))
}

/** The choices whose path holds `query` (any case); all of them for an empty query. */
export function matchFolders<T extends { path: string }>(
  choices: readonly T[],
  query: string,
): T[] {
  const needle = query.trim().toLocaleLowerCase()
  return needle
    ? choices.filter((choice) => choice.path.toLocaleLowerCase().includes(needle))
    : [...choices]
}

/**
 * Where a new upload goes: the editor's choice while it is offered, else `preferred` (the
 * `assetFolderId` option) while offered, else the root when allowed, else the first folder.
 * Without a list (not read yet, or it failed), the choice or the option, as Storyblok will judge.
 */
export function targetFolder(
  list: FolderList | null,
  chosen: FolderTarget | undefined,
  preferred: number | undefined,
): FolderTarget {
  if (!list) return chosen !== undefined ? chosen : (preferred ?? null)
  const offered = (id: FolderTarget | undefined) =>
    id === null ? list.rootAllowed : list.folders.some((folder) => folder.id === id)
  if (chosen !== undefined && offered(chosen)) return chosen
  if (preferred !== undefined && offered(preferred)) return preferred
  if (list.rootAllowed) return null
  return list.folders[0]?.id ?? null
}
