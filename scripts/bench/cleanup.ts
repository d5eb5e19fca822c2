// What the benchmark leaves behind (the emulator, servers, Chromium, temp files) is removed at
// the end, also after a crash or Ctrl+C: `onCleanUp` for the normal end, `onExit` for what must
// go even when the process exits at once.
const cleanups: (() => Promise<void>)[] = []
const syncCleanups: (() => void)[] = []

process.once('exit', () => {
  for (const cleanup of syncCleanups.reverse()) {
    try {
      cleanup()
    } catch {
      // Best effort at exit.
    }
  }
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))

/** Runs at the end of the benchmark, last registered first. */
export function onCleanUp(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup)
}

/** Runs synchronously when the process exits, however it exits (but `kill -9`). */
export function onExit(cleanup: () => void): void {
  syncCleanups.push(cleanup)
}

export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined)
}
