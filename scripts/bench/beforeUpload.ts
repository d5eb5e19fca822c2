// `npx tsx scripts/bench/beforeUpload.ts`: what the checks before an upload cost in headless
// Chromium, and what a content hash would cost instead (BENCHMARKS.md, "Location privacy" and
// "Already in the library").
//
// 1. inspectPhoto (the plugin's own code, bundled by esbuild) on a camera-sized JPEG with a GPS
//    position (6000 × 4000, about 21 MB, as scripts/bench/location.ts makes it): the time until
//    the notice can show, and the longest task it holds the main thread for (PerformanceObserver
//    "longtask"), the page taking key presses meanwhile.
// 2. A content hash as Sanity keys assets (SHA-1 of the bytes), and SHA-256: `file.arrayBuffer()`
//    and `crypto.subtle.digest` on 20 MB and 200 MB of random bytes, each size five times.
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import type { inspectPhoto as InspectPhoto } from '../../src/api/upload/photoLocation.ts'
import sharp from 'sharp'
import { projectRoot as root } from '../bare.ts'
import { launchChromium } from '../support/chromium.ts'
import { serveStatic } from '../support/staticServer.ts'

const dir = await mkdtemp(join(tmpdir(), 'bench-before-'))
const browser = await launchChromium()
try {
  const bundle = await build({
    entryPoints: [join(root, 'src/api/upload/photoLocation.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'photoLocation',
    write: false,
    logLevel: 'silent',
  })
  await writeFile(join(dir, 'inspect.js'), bundle.outputFiles[0]?.contents ?? '')
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><title>bench</title><input id="typing"><script src="inspect.js"></script>',
  )
  const [width, height] = [6000, 4000]
  const image = await sharp(randomBytes(width * height * 3), {
    raw: { width, height, channels: 3 },
  })
    .jpeg({ quality: 93 })
    .toBuffer()
  const fixture = await readFile(join(root, 'test/fixtures/photos/android-rotated-ii.jpg'))
  const app1 = fixture.subarray(2, 4 + fixture.readUInt16BE(4))
  await writeFile(
    join(dir, 'photo.bin'),
    Buffer.concat([image.subarray(0, 2), app1, image.subarray(2)]),
  )

  const server = await serveStatic(dir)
  const page = await browser.newPage()
  await page.goto(server.url)
  console.log(`Chromium ${browser.version()}`)

  for (let run = 1; run <= 5; run++) {
    const result = await page.evaluate(async () => {
      const blob = await (await fetch('photo.bin')).blob()
      const file = new File([blob], 'photo.jpg', { type: 'image/jpeg' })
      const tasks: number[] = []
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration)
      })
      observer.observe({ type: 'longtask', buffered: false })
      const start = performance.now()
      const { inspectPhoto } = (
        window as unknown as { photoLocation: { inspectPhoto: typeof InspectPhoto } }
      ).photoLocation
      const check = await inspectPhoto(file)
      const total = performance.now() - start
      await new Promise((resolve) => setTimeout(resolve, 100))
      observer.disconnect()
      return { size: file.size, found: check?.found, total, tasks }
    })
    if (!result.found) throw new Error('no position found')
    const longest = Math.max(0, ...result.tasks)
    console.log(
      `inspectPhoto, ${(result.size / 2 ** 20).toFixed(1)} MB JPEG, run ${run}: ${result.total.toFixed(0)} ms in all, ` +
        `longest main-thread task ${longest.toFixed(0)} ms (${result.tasks.length} over 50 ms)`,
    )
  }

  for (const mb of [20, 200]) {
    for (const algorithm of ['SHA-1', 'SHA-256'] as const) {
      const runs = await page.evaluate(
        async ({ bytes, algorithm: name }) => {
          const data = new Uint8Array(bytes)
          for (let at = 0; at < bytes; at += 65_536)
            crypto.getRandomValues(data.subarray(at, Math.min(at + 65_536, bytes)))
          const file = new File([data], 'file.bin')
          const times: { read: number; digest: number; longest: number }[] = []
          for (let run = 0; run < 5; run++) {
            const tasks: number[] = []
            const observer = new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) tasks.push(entry.duration)
            })
            observer.observe({ type: 'longtask', buffered: false })
            const start = performance.now()
            const buffer = await file.arrayBuffer()
            const read = performance.now()
            await crypto.subtle.digest(name, buffer)
            const done = performance.now()
            await new Promise((resolve) => setTimeout(resolve, 50))
            observer.disconnect()
            times.push({ read: read - start, digest: done - read, longest: Math.max(0, ...tasks) })
          }
          return times
        },
        { bytes: mb * 2 ** 20, algorithm },
      )
      const median = (values: number[]) => values.sort((a, b) => a - b)[2] ?? 0
      console.log(
        `${algorithm} of ${mb} MB: read ${median(runs.map((r) => r.read)).toFixed(0)} ms + digest ` +
          `${median(runs.map((r) => r.digest)).toFixed(0)} ms (median of 5; digest runs ` +
          `${runs.map((r) => r.digest.toFixed(0)).join(', ')} ms), longest main-thread task ` +
          `${Math.max(...runs.map((r) => r.longest)).toFixed(0)} ms`,
      )
    }
  }
  await server.close()
} finally {
  await browser.close()
  await rm(dir, { recursive: true, force: true })
}
