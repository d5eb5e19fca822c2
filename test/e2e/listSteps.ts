// Steps of the browser tests of a multiasset field (option `multiple`).
import type { Page } from 'playwright-core'
import type { Stack } from './harness'
import { pluginFrameHandle } from './steps'
import { makePng } from '../fixtures/png'
import { dropFiles } from '../../scripts/support/dropFiles'

/** `count` small PNGs named photo-01.png, photo-02.png … (each of another width). */
export const pngs = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    name: `photo-${String(index + 1).padStart(2, '0')}.png`,
    mimeType: 'image/png',
    buffer: makePng(40 + index, 30),
  }))

/** Drops `count` PNGs (see `pngs`) on the plugin's drop zone, as a drag from the desktop does. */
export async function dropPngs(page: Page, stack: Stack, count: number): Promise<void> {
  const frame = await pluginFrameHandle(page, stack)
  await dropFiles(frame, '.uploader__zone', pngs(count))
}

/** For `waitForContent`: the field holds a list of `length` assets. */
export const isList = (length: number) => (content: unknown) =>
  Array.isArray(content) && content.length === length

/** The names of the stored list's assets, in order. */
export const namesOf = (content: unknown): unknown[] =>
  Array.isArray(content) ? content.map((item: { name?: unknown }) => item.name) : []
