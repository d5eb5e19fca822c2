// `npx tsx scripts/bench/location.ts`: what the location-privacy module (src/domain/location)
// costs. Its gzip size bundled alone (it is not imported by the plugin yet, so `npm run size`
// does not see it), next to exifr's builds for comparison, and the time findLocation and
// removeLocation take on a camera-sized JPEG (6000 × 4000, quality 93, about 21 MB, with the
// Android fixture's EXIF and GPS). BENCHMARKS.md, "Location privacy", has the results.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import sharp from 'sharp'
import { findLocation, removeLocation } from '../../src/domain/location/index.ts'
import { projectRoot as root } from '../bare.ts'

async function gzipOf(entry: string): Promise<number> {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  })
  return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array(0), { level: 9 }).length
}

for (const [label, entry] of [
  ['src/domain/location (shipped)', 'src/domain/location/index.ts'],
  ['exifr mini (for comparison)', 'node_modules/exifr/dist/mini.esm.mjs'],
  ['exifr lite', 'node_modules/exifr/dist/lite.esm.mjs'],
  ['exifr full', 'node_modules/exifr/dist/full.esm.mjs'],
] as const)
  console.log(`${label.padEnd(32)} ${(await gzipOf(entry)).toLocaleString('en')} B gzip -9`)

const [width, height] = [6000, 4000]
const pixels = randomBytes(width * height * 3)
const image = await sharp(pixels, { raw: { width, height, channels: 3 } })
  .jpeg({ quality: 93 })
  .toBuffer()
const fixture = readFileSync(join(root, 'test/fixtures/photos/android-rotated-ii.jpg'))
const app1 = fixture.subarray(2, 4 + fixture.readUInt16BE(4))
const photo = new Uint8Array(Buffer.concat([image.subarray(0, 2), app1, image.subarray(2)]))
console.log(`photo: ${(photo.length / 2 ** 20).toFixed(1)} MB`)
for (let run = 1; run <= 5; run++) {
  let start = performance.now()
  const report = findLocation(photo)
  const found = performance.now() - start
  start = performance.now()
  const removal = removeLocation(photo)
  const removed = performance.now() - start
  if (!report.hasLocation || removal.removed.length !== 1) throw new Error('no position found')
  console.log(
    `run ${run}: findLocation ${found.toFixed(1)} ms, removeLocation ${removed.toFixed(1)} ms`,
  )
}
