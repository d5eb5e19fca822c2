// When a story page's fields have settled, and what they did until then: the time until every
// field had its final height, and the height changes after each field's first report.
import type { Resize, StoryPage, StoryRecord } from './storyPage.ts'

/** Quiet for this long (no new height, no request under way) counts as settled. */
export const QUIET_MS = 1000

export interface FieldMotion {
  /** Heights the field reported, the first included (repeats of the same height left out). */
  heights: number[]
  /** Height changes after the first report. */
  changes: number
  /** The pixels those changes moved, up and down added. */
  pixels: number
  /** The page's time of the field's first report and of its last change (ms since navigation). */
  firstAt: number | null
  finalAt: number | null
}

export interface Settled {
  /** The page's time when the last field took its final height (ms since navigation). */
  settledAt: number
  fields: FieldMotion[]
  record: StoryRecord
  /** False when the time was up before the page was quiet (the figures are then partial). */
  quiet: boolean
}

/** One field's reports, in order, the same height reported twice counted once. */
export function motionOf(resizes: readonly Resize[]): FieldMotion {
  const heights: number[] = []
  let finalAt: number | null = null
  for (const { height, at } of resizes) {
    if (heights.at(-1) === height) continue
    heights.push(height)
    finalAt = at
  }
  let pixels = 0
  for (let i = 1; i < heights.length; i++)
    pixels += Math.abs((heights[i] ?? 0) - (heights[i - 1] ?? 0))
  return {
    heights,
    changes: Math.max(0, heights.length - 1),
    pixels,
    firstAt: resizes[0]?.at ?? null,
    finalAt,
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Waits until every one of `fields` fields has reported a height and the page has been quiet
 * for `QUIET_MS`: no new height and no request under way (a library read, a preview image),
 * so what a late answer would move has moved. Bounded by `timeoutMs`.
 */
export async function waitUntilSettled(
  story: StoryPage,
  fields: number,
  timeoutMs = 30_000,
): Promise<Settled> {
  const deadline = performance.now() + timeoutMs
  let seen = -1
  let changedAt = performance.now()
  let record = await story.record()
  for (;;) {
    // Read every 200 ms: often enough to see quiet start, seldom enough not to load the page.
    await sleep(200)
    record = await story.record()
    if (record.resizes.length !== seen) {
      seen = record.resizes.length
      changedAt = performance.now()
    }
    const reported = new Set(record.resizes.map((resize) => resize.field)).size === fields
    const since = performance.now() - Math.max(changedAt, story.lastNetwork())
    const quiet = reported && story.inFlight() === 0 && since >= QUIET_MS
    if (quiet || performance.now() > deadline) return summarise(record, fields, quiet)
  }
}

function summarise(record: StoryRecord, count: number, quiet: boolean): Settled {
  const fields = Array.from({ length: count }, (_, field) =>
    motionOf(record.resizes.filter((resize) => resize.field === field)),
  )
  const settledAt = Math.max(...fields.map((field) => field.finalAt ?? Number.NaN))
  return { settledAt, fields, record, quiet }
}
