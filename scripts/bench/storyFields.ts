// The story the load-time benchmarks open: a block of fields of one plugin on the local
// Storyblok's story page (emulator/editor/story.ts), empty or each holding its own photo, with
// the field value Storyblok stores for it (the native asset field's shape, its texts the
// library's).
import sharp from 'sharp'
import { cdnUrl } from '../../src/domain/urls.ts'
import { seedAsset, updateAssetDirectly } from '../../test/support/seed.ts'
import type { EmulatorProcess } from './emulatorProcess.ts'

/** A camera's aspect ratio, at a size the image service scales down for the preview. */
const PHOTO = { width: 1600, height: 1067 }

export type FieldsMode = 'empty' | 'asset'

/** A photo of one colour per field, so each preview is its own image-service request. */
function photo(index: number): Promise<Buffer> {
  const background = { r: 40 + index * 40, g: 120, b: 200 - index * 30 }
  return sharp({ create: { ...PHOTO, channels: 3, background } })
    .jpeg({ quality: 90 })
    .toBuffer()
}

/**
 * Seeds `count` photos into the (reset) local Storyblok, with texts, and answers each field's
 * value as the native asset field stores it. The rate limit is off while seeding, and on again
 * (the plugin's default, 3/s) for the benchmark.
 */
export async function seedFieldValues(
  emulator: EmulatorProcess,
  count: number,
): Promise<Record<string, unknown>[]> {
  await emulator.control.reset()
  await emulator.control.setConfig({ rateLimit: null })
  const values: Record<string, unknown>[] = []
  for (let index = 0; index < count; index++) {
    const name = `photo-${index + 1}.jpg`
    const texts = {
      alt: `Photo ${index + 1} of the story`,
      title: '',
      copyright: 'Local Storyblok',
    }
    const { id } = await seedAsset(emulator, {
      filename: name,
      bytes: await photo(index),
      type: 'image/jpeg',
      ...PHOTO,
    })
    await updateAssetDirectly(emulator, id, texts)
    const asset = (await emulator.control.assets()).find((each) => each.id === id)
    values.push({
      ...{ fieldtype: 'asset', id, filename: cdnUrl(String(asset?.filename)), name },
      ...{ ...texts, focus: '', source: '', meta_data: texts, is_private: false },
      is_external_url: false,
    })
  }
  await emulator.control.setConfig({ rateLimit: 3 })
  return values
}

/** The story page's URL for `count` fields of `plugin`, empty or holding `values`. */
export function storyUrl(
  emulatorUrl: string,
  plugin: string,
  fields: { count: number; values: readonly unknown[] | null },
): string {
  const query = new URLSearchParams({ plugin, fields: String(fields.count) })
  fields.values?.forEach((value, index) => query.set(`content${index + 1}`, JSON.stringify(value)))
  return `${emulatorUrl}/story?${query.toString()}`
}
