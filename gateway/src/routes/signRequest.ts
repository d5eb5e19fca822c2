// The sign request as the gateway accepts it: the plugin's JSON body (the Management API's sign
// parameters) plus `content_length`, the file's size in bytes, which the gateway requires to
// hold the upload to its limits. Checked against the settings; what goes upstream is built
// from the known keys only, with the name normalised as the plugin normalises it.
import { matchesAccept } from '../../../src/domain/fileRules/accept'
import { finalFilename } from '../../../src/domain/fileRules/filenames'
import { parseAssetId } from '../../../src/domain/asset'
import { isRecord } from '../../../src/domain/record'
import type { Settings } from '../settings'
import { refuse, type Reply } from './context'
import { checkFields } from './fields'

/** Description fields a sign may carry: those of an update (fields.ts). */
const DESCRIPTION = ['alt', 'title', 'copyright', 'source', 'focus', 'meta_data', 'is_private']
const KNOWN = new Set([
  ...DESCRIPTION,
  'filename',
  'size',
  'asset_folder_id',
  'id',
  'validate_upload',
  'content_length',
])

export interface SignRequest {
  /** The asset to replace the file of, if any. */
  replaceId: number | null
  /** `null`: the library's root. */
  folder: number | null
  bytes: number
  /** What goes upstream: known keys only, never `content_length`. */
  forward: Record<string, unknown>
}

const refuseValue = (field: string, expected: string) =>
  refuse(422, `value:${field}`, `${field} must be ${expected}`, { field })

/** The file part: name, size and type, within the limits. */
function checkFile(body: Record<string, unknown>, settings: Settings): Reply | string {
  const { filename, content_length: bytes, size } = body
  if (typeof filename !== 'string' || !filename.trim())
    return refuseValue('filename', 'a non-empty string')
  if (size !== undefined && (typeof size !== 'string' || !/^\d{1,6}x\d{1,6}$/.test(size)))
    return refuseValue('size', 'a string "<width>x<height>"')
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 1)
    return refuse(422, 'content-length', 'content_length (the file size in bytes) is required')
  if (bytes > settings.maxFileSize)
    return refuse(403, 'max-size', `The file is larger than ${settings.maxFileSize} bytes`, {
      maxBytes: settings.maxFileSize,
    })
  const name = finalFilename(filename)
  // The type that counts is the one Storyblok fixes from the extension (contentTypes.ts).
  if (!matchesAccept(settings.accept, { name, type: '' }))
    return refuse(403, 'type', 'This type of file may not be uploaded here')
  return name
}

export function parseSignRequest(body: unknown, settings: Settings): SignRequest | Reply {
  if (!isRecord(body)) return refuse(400, 'body', 'The body must be a JSON object')
  const unknown = Object.keys(body).find((key) => !KNOWN.has(key))
  if (unknown !== undefined)
    return refuse(403, `field:${unknown}`, `${unknown} cannot be sent through the gateway`, {
      field: unknown,
    })
  const description = Object.fromEntries(
    Object.entries(body).filter(([key]) => DESCRIPTION.includes(key)),
  )
  // A replace sends the asset's `meta_data` back whole: its other keys are checked against the
  // library's once the sign route has read it.
  const replacing = body.id !== undefined && body.id !== null
  const refused = checkFields(description, settings, {
    rights: false,
    library: replacing ? 'later' : null,
  })
  if (refused) return refused
  const name = checkFile(body, settings)
  if (typeof name !== 'string') return name

  const folderValue = body.asset_folder_id ?? null
  const folder = folderValue === null ? null : parseAssetId(folderValue)
  if (folderValue !== null && (typeof folderValue !== 'number' || folder === null))
    return refuseValue('asset_folder_id', 'a folder id or null')
  if (!settings.uploadFolders.includes(folder))
    return refuse(403, 'folder', 'Uploads may not go to this folder')
  const replaceId = body.id === undefined || body.id === null ? null : parseAssetId(body.id)
  if (replaceId === null && body.id !== undefined && body.id !== null)
    return refuse(403, 'asset-id', 'Not an asset id')
  const { validate_upload: validate, size } = body
  return {
    replaceId,
    folder,
    bytes: Number(body.content_length),
    forward: {
      ...description,
      filename: name,
      ...(size === undefined ? {} : { size }),
      ...(folder === null ? {} : { asset_folder_id: folder }),
      ...(replaceId === null ? {} : { id: replaceId }),
      // Storyblok takes `1`; the plugin sends it, and `true` means the same.
      ...(validate === undefined
        ? {}
        : { validate_upload: validate === true || validate === 1 ? 1 : 0 }),
    },
  }
}
