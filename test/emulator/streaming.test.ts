// A 200 MB upload must stream to disk: the server's memory may not grow with the file.
import { describe, expect, it } from 'vitest'
import { finishUpload, multipartRequest, readAsset, sign } from './helpers'
import { useEmulator } from '../support/emulator'

const FILE_BYTES = 200 * 1024 * 1024
const CHUNK = Buffer.alloc(256 * 1024, 0x5a)

const local = useEmulator({ resetEachTest: false })

/** Posts a multipart body generated chunk by chunk (never a Buffer of the whole file). */
function streamUpload(postUrl: string, fields: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const { req, head, tail } = multipartRequest(postUrl, fields, FILE_BYTES, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.write(head)
    let sent = 0
    const pump = (): void => {
      while (sent < FILE_BYTES) {
        const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, FILE_BYTES - sent))
        sent += chunk.length
        if (!req.write(chunk)) {
          req.once('drain', pump)
          return
        }
      }
      req.end(tail)
    }
    pump()
  })
}

describe('streaming upload', () => {
  it('stores a 200 MB file without holding it in memory', { timeout: 30_000 }, async () => {
    const signed = await sign(local.emulator, { filename: 'big.bin' })
    global.gc?.()
    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 20)
    let status: number
    try {
      status = await streamUpload(signed.post_url, signed.fields)
    } finally {
      clearInterval(sampler)
    }
    peak = Math.max(peak, process.memoryUsage().rss)
    expect(status).toBe(204)
    // Client and server share this process: together they may hold a few buffers, not the file.
    expect(peak - before).toBeLessThan(FILE_BYTES / 3)

    const finish = await finishUpload(local.emulator, signed.id)
    expect(finish.status).toBe(200)
    const asset = await readAsset(local.emulator, signed.id)
    expect(asset['content_length']).toBe(FILE_BYTES)
    const head = await fetch(`${local.emulator.url}/a.storyblok.com/${signed.fields['key']}`, {
      method: 'HEAD',
    })
    expect(head.headers.get('content-length')).toBe(String(FILE_BYTES))
  })
})
