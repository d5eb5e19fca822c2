// The load-time contract (README, "Size and speed"): a story page of 5 fields of the plugin,
// empty and each holding a photo, against the same page of the bare Vue + SDK counter, with
// the CPU slowed 4x: the time until every field has its final height, and the height changes
// after each field's first report, with the pixels they move. Medians of alternating runs.
import type { Browser } from 'playwright-core'
import type { EmulatorProcess } from './emulatorProcess.ts'
import { log, median, ms, ratioOf, type Row } from './report.ts'
import { waitUntilSettled, type Settled } from './settle.ts'
import { openStoryPage, type FrameMetrics } from './storyPage.ts'
import { seedFieldValues, storyUrl, type FieldsMode } from './storyFields.ts'

export interface StillnessPlan {
  runs: number
  fields: number
  cpuRate: number
}

type Contender = 'plugin' | 'bare'

/** One load of the story page, reduced to what the figures need. */
export interface LoadRun {
  /** From the first iframe's creation until the last field took its final height. */
  settled: number
  /** The same, from the story page's navigation. */
  fromNavigation: number
  /** Per field: height changes after its first report, and the pixels they moved. */
  changes: number[]
  pixels: number[]
  /** Per field: changes after the first report that showed something (a height above 8 px). */
  changesAfterShown: number[]
  /** What the plugin frames' renderer spent, in ms (see FrameMetrics). */
  metrics: FrameMetrics
  /**
   * From the first iframe's creation until the last field's `loaded` arrived: its page, its
   * script's fetch and compile, and its start. No render can settle a field before it.
   */
  lastLoaded: number
  /** Per field: from its `loaded` arriving to its final height (the editor's answer, its render). */
  afterLoaded: number[]
  quiet: boolean
}

/** The plugin's empty `<main>` before the editor answers is 8 px (its padding): nothing shown. */
const SHOWN_PX = 8

function loadRun(settled: Settled, metrics: FrameMetrics): LoadRun {
  const start = Math.min(...settled.record.created)
  const afterShown = settled.fields.map((field) => {
    const first = field.heights.findIndex((height) => height > SHOWN_PX)
    return first < 0 ? 0 : field.heights.length - 1 - first
  })
  const { loaded } = settled.record
  return {
    settled: settled.settledAt - start,
    fromNavigation: settled.settledAt,
    changes: settled.fields.map((field) => field.changes),
    pixels: settled.fields.map((field) => field.pixels),
    changesAfterShown: afterShown,
    metrics,
    lastLoaded: Math.max(...loaded.map((at) => (at ?? Number.NaN) - start)),
    afterLoaded: settled.fields.map(
      (field, index) => (field.finalAt ?? Number.NaN) - (loaded[index] ?? Number.NaN),
    ),
    quiet: settled.quiet,
  }
}

async function loadOnce(
  browser: Browser,
  url: string,
  plan: StillnessPlan,
): Promise<{ run: LoadRun; heights: string }> {
  const story = await openStoryPage(browser, url, { cpuRate: plan.cpuRate })
  try {
    const settled = await waitUntilSettled(story, plan.fields)
    const heights = settled.fields.map((field) => field.heights.join('→')).join(' ')
    return { run: loadRun(settled, await story.metrics()), heights }
  } finally {
    await story.close()
  }
}

const mean = (values: number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)

export type Runs = Record<`${Contender} ${FieldsMode}`, LoadRun[]>

/**
 * Loads the story page `plan.runs` times per contender and mode, alternating which contender
 * goes first, after one unmeasured load of each (the story page's modules are compiled on their
 * first request, and the image service makes each preview once, as a CDN would keep it).
 */
export async function measureStillness(
  browser: Browser,
  emulator: EmulatorProcess,
  urls: Record<Contender, string>,
  plan: StillnessPlan,
): Promise<Runs> {
  const values = await seedFieldValues(emulator, plan.fields)
  const url = (who: Contender, mode: FieldsMode) =>
    storyUrl(emulator.url, urls[who], {
      count: plan.fields,
      values: mode === 'asset' ? values : null,
    })
  const runs: Runs = { 'plugin empty': [], 'bare empty': [], 'plugin asset': [], 'bare asset': [] }
  for (const who of ['plugin', 'bare'] as const) await loadOnce(browser, url(who, 'asset'), plan)
  for (let index = 0; index < plan.runs; index++) {
    const order: Contender[] = index % 2 === 0 ? ['plugin', 'bare'] : ['bare', 'plugin']
    for (const mode of ['empty', 'asset'] as const)
      for (const who of order) {
        const { run, heights } = await loadOnce(browser, url(who, mode), plan)
        runs[`${who} ${mode}`].push(run)
        log(
          `${who.padEnd(6)} ${mode.padEnd(5)} run ${index + 1}: settled ${ms(run.settled)} after the first iframe (${ms(run.fromNavigation)} after navigation)${run.quiet ? '' : ', NOT quiet'}; last \`loaded\` ${ms(run.lastLoaded)}, \`loaded\` → final ${ms(median(run.afterLoaded))}; heights ${heights}`,
        )
      }
  }
  return runs
}

/** The medians of what the frames' renderer spent, for the log: where the time goes. */
export function logMetrics(runs: Runs): void {
  for (const [name, set] of Object.entries(runs)) {
    const of = (pick: (metrics: FrameMetrics) => number) =>
      ms(median(set.map((run) => pick(run.metrics))))
    log(
      `${name}: the frames' renderer, medians: main thread ${of((m) => m.threadCpu)}, script ${of((m) => m.script)}, style ${of((m) => m.style)}, layout ${of((m) => m.layout)}`,
    )
  }
}

const spread = (values: number[]): string => `${ms(Math.min(...values))}–${ms(Math.max(...values))}`

/** The results table's rows for one mode: time, changes, pixels; targets beside them. */
export function stillnessRows(runs: Runs, mode: FieldsMode, plan: StillnessPlan): Row[] {
  const plugin = runs[`plugin ${mode}`]
  const bare = runs[`bare ${mode}`]
  const what = `${plan.fields} fields ${mode === 'empty' ? 'empty' : 'holding a photo'}, CPU ${plan.cpuRate}x`
  const time = (set: LoadRun[]) => median(set.map((run) => run.settled))
  const perField = (set: LoadRun[], pick: (run: LoadRun) => number[]) =>
    median(set.map((run) => mean(pick(run))))
  const ratio = time(plugin) / time(bare)
  const changes = perField(plugin, (run) => run.changes)
  const shown = perField(plugin, (run) => run.changesAfterShown)
  const figure = (value: number) => value.toFixed(1)
  return [
    {
      figure: `${what}: every field at its final height (median of ${plugin.length}, spread)`,
      value: `${ms(time(plugin))} (${spread(plugin.map((run) => run.settled))})`,
      reference: `${ms(time(bare))} bare (${spread(bare.map((run) => run.settled))})`,
      ratio: ratioOf(time(plugin), time(bare)),
      target: '≤ 1.10x',
      result: ratio <= 1.1 ? 'PASS' : 'MISS',
    },
    {
      figure: `${what}: height changes per field after its first report`,
      value: figure(changes),
      reference: `${figure(perField(bare, (run) => run.changes))} bare`,
      ratio: '—',
      target: mode === 'asset' ? '0' : '—',
      result: mode === 'asset' ? (changes === 0 ? 'PASS' : 'MISS') : 'INFO',
    },
    {
      figure: `${what}: … after the first report that shows something (> ${SHOWN_PX} px)`,
      value: figure(shown),
      reference: `${figure(perField(bare, (run) => run.changesAfterShown))} bare`,
      ratio: '—',
      target: mode === 'asset' ? '0' : '—',
      result: mode === 'asset' ? (shown === 0 ? 'PASS' : 'MISS') : 'INFO',
    },
    ...phaseRows(what, plugin, bare),
    {
      figure: `${what}: pixels moved per field after its first report`,
      value: `${perField(plugin, (run) => run.pixels).toFixed(0)} px`,
      reference: `${perField(bare, (run) => run.pixels).toFixed(0)} px bare`,
      ratio: '—',
      target: '—',
      result: 'INFO',
    },
  ]
}

/**
 * Where the settled time goes, per phase: until the last field's `loaded` (the frames' pages,
 * the script's fetch, compile and start: the floor for any render), then from each field's
 * `loaded` to its final height (the editor's answer and the field's render, on the main
 * thread the fields share).
 */
function phaseRows(what: string, plugin: LoadRun[], bare: LoadRun[]): Row[] {
  const lastLoaded = (set: LoadRun[]) => median(set.map((run) => run.lastLoaded))
  const afterLoaded = (set: LoadRun[]) => median(set.map((run) => median(run.afterLoaded)))
  return [
    {
      figure: `${what}: … the last field's \`loaded\` arrived (median)`,
      value: ms(lastLoaded(plugin)),
      reference: `${ms(lastLoaded(bare))} bare`,
      ratio: ratioOf(lastLoaded(plugin), lastLoaded(bare)),
      target: '—',
      result: 'INFO',
    },
    {
      figure: `${what}: … a field's \`loaded\` → its final height (median of the fields)`,
      value: ms(afterLoaded(plugin)),
      reference: `${ms(afterLoaded(bare))} bare`,
      ratio: ratioOf(afterLoaded(plugin), afterLoaded(bare)),
      target: '—',
      result: 'INFO',
    },
  ]
}
