// Test files on disk: random bytes (incompressible, never all zeros), with their SHA-256.
import { createHash, randomFillSync } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { open } from 'node:fs/promises'
import { join } from 'node:path'

export const MiB = 1024 * 1024

export interface TestFile {
  path: string
  name: string
  bytes: number
  sha256: string
}

/** Writes `bytes` random bytes to `dir/name`, 1 MiB at a time, hashing as it goes. */
export async function writeRandomFile(dir: string, name: string, bytes: number): Promise<TestFile> {
  const path = join(dir, name)
  const out = createWriteStream(path)
  const hash = createHash('sha256')
  for (let written = 0; written < bytes;) {
    const chunk = randomFillSync(Buffer.allocUnsafe(Math.min(MiB, bytes - written)))
    hash.update(chunk)
    written += chunk.length
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  // On disk before any upload: otherwise the kernel's write-back of gigabytes of fresh files
  // competes with the first uploads for the disk.
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
  return { path, name, bytes, sha256: hash.digest('hex') }
}

/** SHA-256 of a response body, read chunk by chunk (never held whole). */
export async function sha256OfBody(
  body: ReadableStream<Uint8Array>,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  const reader = body.getReader()
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    hash.update(value)
    bytes += value.length
  }
  return { sha256: hash.digest('hex'), bytes }
}
