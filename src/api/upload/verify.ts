// The check after finish_upload: is the stored file the one that was sent?
import { normalizeType } from '../../domain/fileRules/contentTypes'
import { IntegrityError } from '../errors'
import type { Asset } from '../../domain/asset'

export interface SentFile {
  /** Bytes sent. */
  size: number
  /**
   * The `Content-Type` the sign response fixed in the upload policy (Storyblok picks it from the
   * extension), when it gave one. Never the browser's `File.type`: browsers name the same type
   * differently (`application/vnd.ms-excel` for a CSV, `audio/x-wav`, or nothing at all).
   */
  contentType?: string
}

/**
 * Checks the finished asset against what was sent, as Storyblok does: `content_length` must be
 * the file's size, and `content_type` the type the policy fixed. A field the API did not report
 * cannot be checked and passes: refusing every upload because a field is absent would be worse
 * than missing a check. Throws `IntegrityError`.
 */
export function verifyUpload(asset: Asset, sent: SentFile): void {
  const stored = normalizeType(asset.content_type ?? '')
  const fixed = normalizeType(sent.contentType ?? '')
  const lengthDiffers = (asset.content_length ?? sent.size) !== sent.size
  const typeDiffers = !!stored && !!fixed && stored !== fixed
  if (lengthDiffers || typeDiffers)
    throw new IntegrityError(
      `Asset ${asset.id} holds ${asset.content_length} bytes of ${stored || 'an unknown type'}, not ${sent.size} of ${fixed || 'an unknown type'}`,
    )
}
