// What `npm run bench` measures with: the sizes, or smaller ones with `--quick`, and
// the limits the figures are held against.
import { MiB, writeRandomFile } from './files.ts'

export interface Plan {
  throughput: number
  heapSmall: number
  heapLarge: number
  rss: number
  load: number
  multiFiles: number
  multiBytes: number
  throughputRuns: number
  renderRuns: number
  /** Runs of each load-time figure (the story page, the cold start, describing while uploading). */
  loadRuns: number
}

/** The sizes; `quick` shrinks every one. */
export function benchPlan(quick: boolean): Plan {
  return quick
    ? {
        throughput: 64 * MiB,
        heapSmall: 4 * MiB,
        heapLarge: 128 * MiB,
        rss: 256 * MiB,
        load: 2 * MiB,
        multiFiles: 5,
        multiBytes: MiB / 4,
        throughputRuns: 2,
        renderRuns: 5,
        loadRuns: 3,
      }
    : {
        throughput: 256 * MiB,
        heapSmall: 16 * MiB,
        heapLarge: 512 * MiB,
        rss: 1024 * MiB,
        load: 10 * MiB,
        multiFiles: 20,
        multiBytes: 2 * MiB,
        throughputRuns: 5,
        renderRuns: 10,
        loadRuns: 7,
      }
}

/** Uploads in each request-rate burst. */
export const BURST = 20
/** Parallel uploads in the emulator's load test. */
export const LOAD = 20
export const RATE_LIMIT = 3
export const RSS_BUDGET = 150 * MiB

/** The random files every benchmark uploads, written to `dir` before the first one starts. */
export async function writeBenchFiles(dir: string, plan: Plan) {
  return {
    throughput: await writeRandomFile(
      dir,
      `throughput-${plan.throughput / MiB}MB.bin`,
      plan.throughput,
    ),
    small: await writeRandomFile(dir, `heap-${plan.heapSmall / MiB}MB.bin`, plan.heapSmall),
    large: await writeRandomFile(dir, `heap-${plan.heapLarge / MiB}MB.bin`, plan.heapLarge),
    huge: await writeRandomFile(dir, `rss-${plan.rss / MiB}MB.bin`, plan.rss),
    burst: await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        writeRandomFile(dir, `burst-${i + 1}.bin`, 256 * 1024),
      ),
    ),
    load: await Promise.all(
      Array.from({ length: LOAD }, (_, i) => writeRandomFile(dir, `load-${i + 1}.bin`, plan.load)),
    ),
    multi: await Promise.all(
      Array.from({ length: plan.multiFiles }, (_, i) =>
        writeRandomFile(dir, `file-${String(i + 1).padStart(2, '0')}.bin`, plan.multiBytes),
      ),
    ),
  }
}

export type BenchFiles = Awaited<ReturnType<typeof writeBenchFiles>>
