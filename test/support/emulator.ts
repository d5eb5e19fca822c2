// The local Storyblok for a test file: in memory, on a free port, without the rate limit unless
// the file asks for it, with its `/__emulator` controls.
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { createEmulatorControl, type EmulatorControl } from '../../emulator/controlClient'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server'

export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, dataDir: null, rateLimit: null, ...options })
}

export interface LocalStoryblok {
  /** The running emulator, from the first test of the file (or describe block) on. */
  readonly emulator: Emulator
  readonly control: EmulatorControl
}

export interface UseEmulatorOptions extends EmulatorOptions {
  /** Reset before each test (assets, counters, faults, config). @default true */
  resetEachTest?: boolean
}

/** Starts one emulator before the tests of the calling file or describe block, and closes it after. */
export function useEmulator(options: UseEmulatorOptions = {}): LocalStoryblok {
  const { resetEachTest = true, ...emulatorOptions } = options
  let running: { emulator: Emulator; control: EmulatorControl } | undefined
  const current = () => {
    if (!running) throw new Error('the emulator runs only inside the tests')
    return running
  }
  beforeAll(async () => {
    const emulator = await startTestEmulator(emulatorOptions)
    running = { emulator, control: createEmulatorControl(emulator.url) }
  })
  afterAll(async () => {
    await running?.emulator.close()
    running = undefined
  })
  if (resetEachTest) beforeEach(() => current().emulator.reset())
  return {
    get emulator() {
      return current().emulator
    },
    get control() {
      return current().control
    },
  }
}
