// GET …/asset_folders: the folders new uploads may go to (`GATEWAY_UPLOAD_FOLDERS`), so the
// plugin offers only those. Storyblok's answer shape, `{ asset_folders: [...] }`, holding only
// the allowed folders with `id`, `name`, `parent_id`, `uuid`, `parent_uuid` and `path` (the
// names from the top down, joined with " / ": an allowed folder's parent may not be listed),
// and beside it `root_allowed`: whether uploads may go to the library's root, which is no
// folder of the list. Read-only: folders are never created, changed or deleted here.
import { isRecord } from '../../../src/domain/record'
import { parseJson } from '../assetJson'
import { jsonReply, passThrough, refuse, succeeded, type Route } from './context'

const FOLDER_FIELDS = ['id', 'name', 'parent_id', 'uuid', 'parent_uuid'] as const

type Folder = Record<string, unknown>

/** The names from the top of the tree down to `folder` (a loop of parents ends the path). */
function pathOf(folder: Folder, byId: ReadonlyMap<unknown, Folder>): string {
  const names: string[] = []
  const seen = new Set<unknown>()
  for (let at: Folder | undefined = folder; at && !seen.has(at.id); at = byId.get(at.parent_id)) {
    seen.add(at.id)
    names.unshift(String(at.name))
  }
  return names.join(' / ')
}

export const folders: Route = async ({ deps, caller, query, signal }) => {
  const [name] = [...query.keys()]
  if (name !== undefined) return refuse(403, `query:${name}`, `The folders take no ${name} here`)
  const answer = await deps.coordinator.upstream(
    { caller: caller.key, method: 'GET', resource: 'asset_folders', path: '' },
    signal,
  )
  if (!succeeded(answer)) return passThrough(answer)
  const value = parseJson(answer.body)
  const all = isRecord(value) && Array.isArray(value.asset_folders) ? value.asset_folders : null
  if (!all) return refuse(502, 'upstream-answer', 'Storyblok answered unreadably')
  const listed = all.filter(isRecord)
  const byId = new Map(listed.map((folder) => [folder.id, folder]))
  const allowed = deps.settings.uploadFolders
  const offered = listed
    .filter((folder) => typeof folder.id === 'number' && allowed.includes(folder.id))
    .map((folder) => {
      const picked: Folder = {}
      for (const field of FOLDER_FIELDS) if (field in folder) picked[field] = folder[field]
      return { ...picked, path: pathOf(folder, byId) }
    })
  return jsonReply(200, { asset_folders: offered, root_allowed: allowed.includes(null) })
}
