// Reading process memory from /proc (Linux only): the emulator's RSS and the browser's.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'

/** A `Vm*` field of /proc/<pid>/status in bytes; `null` when the process is gone. */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return null
  }
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)
  return match?.[1] === undefined ? null : Number(match[1]) * 1024
}

/**
 * Resets the kernel's peak-RSS counter (VmHWM) of a process we own (`echo 5 > clear_refs`,
 * see proc(5)), so that VmHWM afterwards is the peak of what follows. False when refused.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

function children(pid: number): number[] {
  let tasks: string[]
  try {
    tasks = readdirSync(`/proc/${pid}/task`)
  } catch {
    return []
  }
  const found: number[] = []
  for (const task of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim()
      if (text !== '') found.push(...text.split(/\s+/).map(Number))
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return found
}

/** Every process below `pid` (bounded: a process tree has no cycles, but a pid can be reused). */
export function descendants(pid: number): number[] {
  const seen = new Set<number>()
  const queue = children(pid)
  while (queue.length > 0 && seen.size < 10_000) {
    const next = queue.shift()
    if (next === undefined || seen.has(next)) continue
    seen.add(next)
    queue.push(...children(next))
  }
  return [...seen]
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
  } catch {
    return ''
  }
}

/** The summed RSS of every process below us whose command line matches `pattern`. */
export function treeRss(pattern: RegExp, root = process.pid): number {
  let total = 0
  for (const pid of descendants(root)) {
    if (!pattern.test(commandLine(pid))) continue
    total += statusBytes(pid, 'VmRSS') ?? 0
  }
  return total
}

export interface Sampler {
  /** The highest value sampled between `from` and `to` (ms since the epoch). */
  peak(from: number, to?: number): number | null
  stop(): void
}

/** Calls `read` every `intervalMs` and keeps every sample (a few thousand over a run). */
export function startSampling(read: () => number | null, intervalMs: number): Sampler {
  const samples: { at: number; value: number }[] = []
  const take = (): void => {
    const value = read()
    if (value !== null) samples.push({ at: Date.now(), value })
  }
  take()
  const timer = setInterval(take, intervalMs)
  timer.unref()
  return {
    peak(from, to = Number.POSITIVE_INFINITY) {
      let best: number | null = null
      for (const sample of samples) {
        if (sample.at >= from && sample.at <= to && (best === null || sample.value > best))
          best = sample.value
      }
      return best
    },
    stop: () => clearInterval(timer),
  }
}

/** CPU time (user + system) of a process in ms; `null` when it is gone. Assumes 100 ticks/s (Linux's USER_HZ). */
export function cpuMs(pid: number): number | null {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

export type ChromiumPart = 'network' | 'renderers' | 'other'

/** CPU ms of each Chromium process below us, with the part it plays. */
export type ChromiumCpu = Map<number, { part: ChromiumPart; ms: number }>

export function chromiumCpu(root = process.pid): ChromiumCpu {
  const processes: ChromiumCpu = new Map()
  for (const pid of descendants(root)) {
    const command = commandLine(pid)
    if (!/chromium/.test(command)) continue
    const part: ChromiumPart = command.includes('NetworkService')
      ? 'network'
      : command.includes('--type=renderer')
        ? 'renderers'
        : 'other'
    const ms = cpuMs(pid)
    if (ms !== null) processes.set(pid, { part, ms })
  }
  return processes
}

/**
 * CPU ms spent between two readings, by part. A process that exited in between is left out
 * (its time cannot be read any more); one that started counts from zero.
 */
export function chromiumCpuSince(
  start: ChromiumCpu,
  end: ChromiumCpu,
): Record<ChromiumPart, number> {
  const parts: Record<ChromiumPart, number> = { network: 0, renderers: 0, other: 0 }
  for (const [pid, { part, ms }] of end) parts[part] += ms - (start.get(pid)?.ms ?? 0)
  return parts
}

/**
 * Waits until Chromium is idle: less than `quietMs` of CPU over `windowMs`, at most `maxMs`.
 * A page that was just opened keeps Chromium busy for a second or so (it starts a spare
 * renderer, among others): an upload started then is slowed by work that is not the upload's.
 * An editor picks a file seconds after the page opened, so each contender starts from quiet.
 * Resolves with the ms waited.
 */
export async function chromiumSettled({
  quietMs = 30,
  windowMs = 500,
  maxMs = 8000,
} = {}): Promise<number> {
  const started = performance.now()
  const total = (): number => [...chromiumCpu().values()].reduce((sum, { ms }) => sum + ms, 0)
  let last = total()
  while (performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, windowMs))
    const now = total()
    if (now - last < quietMs) break
    last = now
  }
  return Math.round(performance.now() - started)
}
