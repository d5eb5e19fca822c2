// The load-time contract in one place (README, "Size and speed"; BENCHMARKS.md, "Load time and
// stillness"): the story page of 5 fields against the bare Vue + SDK counter (stillness.ts),
// the cold start of one field (coldStart.ts), and describing while the bytes fly
// (describeEarly.ts). `npm run bench` runs it first; `npm run bench:load` runs it alone.
import type { Browser } from 'playwright-core'
import type { EmulatorProcess } from './emulatorProcess.ts'
import { coldStart } from './coldStart.ts'
import { describeEarly } from './describeEarly.ts'
import type { Row } from './report.ts'
import { logMetrics, measureStillness, stillnessRows } from './stillness.ts'

/** The conditions: Chromium with the CPU slowed 4x, 5 fields, at least 7 runs. */
export const CPU_RATE = 4
export const FIELDS = 5
/** 10 Mbit/s, a slow office upload. */
const UPLOAD_BITS_PER_SECOND = 10e6

export async function loadTime(
  browser: Browser,
  emulator: EmulatorProcess,
  urls: { pluginUrl: string; bareUrl: string },
  runs: number,
): Promise<Row[]> {
  const rows: Row[] = []
  const contenders = { plugin: urls.pluginUrl, bare: urls.bareUrl }
  console.log(`\nStory page of ${FIELDS} fields, plugin against bare, CPU ${CPU_RATE}x…`)
  const plan = { runs, fields: FIELDS, cpuRate: CPU_RATE }
  const stillness = await measureStillness(browser, emulator, contenders, plan)
  logMetrics(stillness)
  rows.push(...stillnessRows(stillness, 'asset', plan), ...stillnessRows(stillness, 'empty', plan))

  console.log(`\nCold start of one field, CPU ${CPU_RATE}x…`)
  rows.push(await coldStart(browser, emulator.url, contenders, { runs, cpuRate: CPU_RATE }))

  console.log('\nDescribe while the bytes fly…')
  await emulator.control.reset()
  const editorUrl = `${emulator.url}/?${new URLSearchParams({ plugin: urls.pluginUrl }).toString()}`
  const describePlan = { runs, cpuRate: CPU_RATE, uploadBitsPerSecond: UPLOAD_BITS_PER_SECOND }
  rows.push(...(await describeEarly(browser, editorUrl, describePlan)))
  await emulator.control.reset()
  return rows
}
