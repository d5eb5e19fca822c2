// The emulator under load: many uploads at once through the plugin's pipeline from Node, with
// the rate limit off; each stored file is read back from the CDN and compared with what was sent.
import { cdnUrl } from '../../src/domain/urls.ts'
import type { EmulatorProcess } from './emulatorProcess.ts'
import { sha256OfBody, type TestFile } from './files.ts'
import { clientFor, uploadWithPipeline } from './nodeUploads.ts'
import type { Sampler } from './procfs.ts'
import { log, mb, rate, ratioOf, seconds, type Row } from './report.ts'

/** How many uploads stored exactly the bytes sent, and what went wrong with the others. */
async function checkStored(
  outcomes: PromiseSettledResult<string>[],
  files: TestFile[],
): Promise<{ matching: number; problems: string[] }> {
  let matching = 0
  const problems: string[] = []
  await Promise.all(
    outcomes.map(async (outcome, index) => {
      const file = files[index]
      if (!file) return
      if (outcome.status === 'rejected') {
        problems.push(`${file.name}: ${String(outcome.reason)}`)
        return
      }
      const response = await fetch(cdnUrl(outcome.value))
      if (!response.ok || !response.body) {
        problems.push(`${file.name}: CDN answered ${response.status}`)
        return
      }
      const stored = await sha256OfBody(response.body)
      if (stored.sha256 === file.sha256 && stored.bytes === file.bytes) matching++
      else
        problems.push(
          `${file.name}: stored ${stored.bytes} bytes, sha256 ${stored.sha256.slice(0, 12)}…`,
        )
    }),
  )
  return { matching, problems }
}

export async function load(
  emulator: EmulatorProcess,
  rssSampler: Sampler,
  files: TestFile[],
): Promise<Row[]> {
  await emulator.control.reset()
  await emulator.control.setConfig({ rateLimit: null })
  const client = clientFor(emulator, null)
  const from = Date.now()
  const started = performance.now()
  const outcomes = await Promise.allSettled(files.map((file) => uploadWithPipeline(client, file)))
  const uploadMs = performance.now() - started
  const { matching, problems } = await checkStored(outcomes, files)
  const finished = outcomes.filter((outcome) => outcome.status === 'fulfilled').length
  const peak = rssSampler.peak(from) ?? 0
  const total = files.reduce((sum, file) => sum + file.bytes, 0)
  log(
    `load: ${finished}/${files.length} finished in ${seconds(uploadMs)} (${rate(total, uploadMs)} together), ` +
      `${matching}/${files.length} checksums equal, emulator peak RSS ${mb(peak)}`,
  )
  for (const problem of problems) log(`  ${problem}`)
  await emulator.control.reset()
  return [
    {
      figure: `Emulator under load: ${files.length} parallel ${mb(files[0]?.bytes ?? 0)} uploads`,
      value: `${finished} finished, ${matching} checksums equal`,
      reference: `${files.length} files`,
      ratio: ratioOf(matching, files.length),
      target: 'all finish, all equal',
      result: finished === files.length && matching === files.length ? 'PASS' : 'MISS',
    },
    {
      figure: `Emulator under load: wall time, peak RSS`,
      value: `${seconds(uploadMs)}, ${mb(peak)}`,
      reference: `${mb(total)} in total`,
      ratio: '—',
      target: '—',
      result: 'INFO',
    },
  ]
}
