// The asset as the Management API answers it, and Storyblok's body for an unknown record.
import type { Catalog } from './catalog.ts'
import type { AssetRecord } from './store.ts'
import type { UrlLayout } from './urls.ts'

/** Storyblok's body for an unknown record (an array of messages). */
export const NOT_FOUND_BODY = ['This record could not be found']

/**
 * The full asset as `GET /v1/spaces/:space_id/assets/:id` returns it (unwrapped), with its tags
 * named in `internal_tags_list` as the OpenAPI's asset has them (a tag deleted since is left out).
 */
export function toApiAsset(
  asset: AssetRecord,
  urls: UrlLayout,
  catalog: Pick<Catalog, 'tags'>,
): Record<string, unknown> {
  const tags = asset.internal_tag_ids.flatMap((id) => {
    const tag = catalog.tags.get(Number(id))
    return tag ? [{ id: tag.id, name: tag.name }] : []
  })
  return {
    id: asset.id,
    filename: urls.s3ObjectUrl(asset.key),
    space_id: asset.space_id,
    created_at: asset.created_at,
    updated_at: asset.updated_at,
    short_filename: asset.short_filename,
    content_type: asset.content_type,
    content_length: asset.content_length,
    asset_folder_id: asset.asset_folder_id,
    alt: asset.alt,
    title: asset.title,
    copyright: asset.copyright,
    source: asset.source,
    focus: asset.focus,
    is_private: asset.is_private,
    locked: asset.locked,
    expire_at: asset.expire_at,
    publish_at: asset.publish_at,
    internal_tag_ids: [...asset.internal_tag_ids],
    internal_tags_list: tags,
    meta_data: structuredClone(asset.meta_data),
  }
}
