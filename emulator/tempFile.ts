// An upload's file on its way to disk: piped to tmp/ (never held in memory), counted against a
// size limit and hashed as it arrives, and removed again when the upload fails.
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { unlink } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import type { AssetStore } from './store.ts'

/** A file being written to tmp/. */
export interface PendingFile {
  readonly tempPath: string
  readonly bytes: () => number
  readonly md5: () => string
  /** Resolves once every byte is on disk (after the source ended). */
  readonly written: Promise<void>
  /** Stops writing and removes the temp file; resolves when it is gone. */
  abort(): Promise<void>
}

export function writeToTemp(
  store: AssetStore,
  source: Readable,
  maxBytes: number,
  onTooLarge: () => void,
): PendingFile {
  const tempPath = store.tempFilePath()
  const out = createWriteStream(tempPath, { flags: 'wx' })
  const hash = createHash('md5')
  let bytes = 0
  let aborted = false
  let cleaned: Promise<void> | undefined

  const abort = (): Promise<void> => {
    aborted = true
    // The rest of the part is read and discarded, so the form (and the request) can complete.
    source.resume()
    cleaned ??= new Promise<void>((resolve) => {
      const remove = (): void => void unlink(tempPath).then(resolve, resolve)
      if (out.closed) remove()
      else {
        out.once('close', remove)
        out.destroy()
      }
    })
    return cleaned
  }

  const written = new Promise<void>((resolve, reject) => {
    out.once('finish', () => resolve())
    out.once('error', (error) => reject(error))
    out.once('close', () => {
      if (aborted) reject(new Error('upload aborted'))
    })
  })
  // Observed by the caller through `written`; this only keeps an early rejection from being unhandled.
  written.catch(() => undefined)

  source.on('data', (chunk: Buffer) => {
    if (aborted) return
    bytes += chunk.length
    if (bytes > maxBytes) {
      onTooLarge()
      return
    }
    hash.update(chunk)
    if (!out.write(chunk)) {
      source.pause()
      out.once('drain', () => {
        if (!aborted) source.resume()
      })
    }
  })
  source.once('end', () => {
    if (!aborted) out.end()
  })
  source.once('error', () => void abort())

  return { tempPath, bytes: () => bytes, md5: () => hash.copy().digest('hex'), written, abort }
}
