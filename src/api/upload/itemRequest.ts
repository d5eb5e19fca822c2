// The upload request of an item of the field (domain/item.ts): its file, the name it is stored
// as, its size, the folder, and the description its sign call carries.
import type { Asset } from '../../domain/asset'
import { signSize } from '../../domain/imageSize'
import type { AssetItem } from '../../domain/item'
import { signMetadata } from '../../domain/save'
import type { ManagementClient } from '../types'
import type { UploadRequest } from './job'

export interface ItemRequestContext {
  client: ManagementClient
  /** The story language the texts are written in. */
  language: string
  /** The `assetFolderId` option: where a new file goes when the item names no folder. */
  assetFolderId?: number
  /** The item as it is now: texts written while the file waited in the queue go along. */
  current: () => AssetItem | undefined
}

/** The request for `item`'s upload; `null` without a file to upload. */
export function itemRequest(
  item: AssetItem,
  { client, language, assetFolderId, current }: ItemRequestContext,
): UploadRequest | null {
  const upload = item.upload
  if (!upload) return null
  const replaced: Asset | null = upload.replaces ? item.asset : null
  // A replaced file stays in its asset's folder (a folder given would move the asset).
  const folder = upload.replaces
    ? undefined
    : upload.folder === undefined
      ? assetFolderId
      : upload.folder
  return {
    client,
    file: upload.file,
    filename: upload.filename,
    // Asked at each sign.
    metadata: () => signMetadata((current() ?? item).draft, language, replaced),
    size: signSize(upload.size),
    assetFolderId: folder ?? undefined,
    replaceAssetId: replaced?.id,
  }
}
