// "Already in the library": before a new upload starts, one search request for assets of the
// same stored name in the target folder, and among them one of the same size in bytes (after
// the location was removed) and the same privacy. Storyblok keeps no hash of a file's content,
// so name and size are what can be compared without reading the library's files
// (BENCHMARKS.md, "Already in the library").
import type { Asset } from '../../domain/asset'
import { predictStoryblokFilename } from '../../domain/fileRules/filenames'
import type { FolderTarget } from '../../domain/folders'
import { storedName } from '../../domain/uploadJournal'
import type { ManagementClient, RequestOptions } from '../types'

/** The file about to be uploaded, as the library would hold it. */
export interface LibraryQuery {
  /** The name it would be stored under (`finalFilename`). */
  filename: string
  /** Its size in bytes, as it would be sent. */
  size: number
  folder: FolderTarget
  isPrivate: boolean
}

/** What the search asks for: the stored name without its extension (Storyblok searches names). */
export const searchTermOf = (filename: string): string =>
  predictStoryblokFilename(filename).replace(/\.[^.]*$/, '')

/**
 * The finished assets of `folder` whose name holds the file's (one request, newest first; the
 * root is not a filter of the list, so its assets are picked out here by their folder).
 */
export async function libraryCandidates(
  client: ManagementClient,
  { filename, folder }: Pick<LibraryQuery, 'filename' | 'folder'>,
  options: RequestOptions = {},
): Promise<Asset[]> {
  const inFolder = folder === null ? {} : { inFolder: folder }
  const assets = await client.listAssets(searchTermOf(filename), { ...options, ...inFolder })
  return assets.filter((asset) => (asset.asset_folder_id ?? null) === folder)
}

/** The newest candidate that is the same file: same stored name, size and privacy. */
export function sameFile(candidates: readonly Asset[], query: LibraryQuery): Asset | null {
  const name = predictStoryblokFilename(query.filename)
  return (
    candidates.find(
      (asset) =>
        asset.content_length === query.size &&
        asset.is_private === query.isPrivate &&
        (asset.asset_folder_id ?? null) === query.folder &&
        storedName(asset) === name,
    ) ?? null
  )
}

/** The asset of the library that is this file already, or `null` (also when the search fails). */
export async function findInLibrary(
  client: ManagementClient,
  query: LibraryQuery,
  options: RequestOptions = {},
): Promise<Asset | null> {
  try {
    return sameFile(await libraryCandidates(client, query, options), query)
  } catch {
    // The upload must not depend on the search: without an answer it simply goes ahead.
    return null
  }
}
