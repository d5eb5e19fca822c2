// One upload through the plugin on a fresh editor page, measured from outside the browser too:
// the CPU the emulator and Chromium spent, and the Management API calls the emulator counted.
import type { Browser } from 'playwright-core'
import { MANAGEMENT_API_ROUTES } from '../../emulator/stats.ts'
import type { EmulatorProcess } from './emulatorProcess.ts'
import type { TestFile } from './files.ts'
import { openEditor, type EditorPage } from './pluginPage.ts'
import { uploadInPlugin, type PluginUpload } from './pluginUpload.ts'
import {
  chromiumCpu,
  chromiumCpuSince,
  chromiumSettled,
  cpuMs,
  type ChromiumPart,
} from './procfs.ts'

/** Management API calls among the emulator's request counts. */
export const mapiCount = (requests: Record<string, number>): number =>
  MANAGEMENT_API_ROUTES.reduce((sum, route) => sum + (requests[route] ?? 0), 0)

export interface CpuUse {
  emulator: number
  chromium: Record<ChromiumPart, number>
}

/** CPU ms the emulator and Chromium spent between `start()` and `stop()`. */
export function cpuMeter(emulator: EmulatorProcess): { start(): void; stop(): CpuUse } {
  let emulatorStart = 0
  let chromiumStart = chromiumCpu()
  return {
    start() {
      emulatorStart = cpuMs(emulator.pid) ?? 0
      chromiumStart = chromiumCpu()
    },
    stop() {
      return {
        emulator: (cpuMs(emulator.pid) ?? 0) - emulatorStart,
        chromium: chromiumCpuSince(chromiumStart, chromiumCpu()),
      }
    },
  }
}

export const chromiumTotal = (use: CpuUse): number =>
  use.chromium.network + use.chromium.renderers + use.chromium.other

export interface MeasuredUpload extends PluginUpload {
  /** Management API calls the emulator counted for this upload, after a settle pause. */
  apiRequests: number
  /** The same, by route (`sign`, `finish`, `get`, ...). */
  apiRoutes: Record<string, number>
  /** From the click on "Upload" to the form. */
  cpu: CpuUse
}

interface Probe {
  beforeClick(): Promise<void>
  tick(): Promise<void>
  done(): Promise<void>
}

/** One upload through the plugin on a fresh editor page; counts the API calls it caused. */
export async function pluginUpload(
  browser: Browser,
  emulator: EmulatorProcess,
  editorUrl: string,
  file: TestFile,
  probe?: (editor: EditorPage) => Probe,
): Promise<MeasuredUpload> {
  const editor = await openEditor(browser, editorUrl)
  try {
    // By route name, as MANAGEMENT_API_ROUTES lists them.
    const before: Record<string, number> = (await emulator.control.state()).requests
    const sampling = probe?.(editor)
    const meter = cpuMeter(emulator)
    const result = await uploadInPlugin(editor, file, {
      beforeClick: async () => {
        await chromiumSettled()
        await sampling?.beforeClick()
        meter.start()
      },
      whileRunning: sampling?.tick,
    })
    const cpu = meter.stop()
    await sampling?.done()
    // Calls the plugin makes once the form is open (reading the asset again, say) count too.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const after: Record<string, number> = (await emulator.control.state()).requests
    const apiRoutes = Object.fromEntries(
      MANAGEMENT_API_ROUTES.map((route) => [
        route,
        (after[route] ?? 0) - (before[route] ?? 0),
      ]).filter(([, count]) => count !== 0),
    )
    return { ...result, apiRequests: mapiCount(after) - mapiCount(before), apiRoutes, cpu }
  } finally {
    await editor.close()
  }
}
