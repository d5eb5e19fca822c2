// A 200 MB upload must stream to disk: the server's memory may not grow with the file.
import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { assetsUrl, authHeaders, record, sign } from './helpers'
import { useEmulator } from '../support/emulator'

const FILE_BYTES = 200 * 1024 * 1024
const CHUNK = Buffer.alloc(256 * 1024, 0x5a)

const local = useEmulator({ resetEachTest: false })

/** Posts a multipart body generated chunk by chunk (never a Buffer of the whole file). */
function streamUpload(postUrl: string, fields: Record<string, string>): Promise<number> {
  const boundary = `----emulator-stream-${Date.now()}`
  const head = Buffer.from(
    Object.entries(fields)
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const url = new URL(postUrl)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(head.length + FILE_BYTES + tail.length),
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
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

    const finish = await fetch(assetsUrl(local.emulator, `/${signed.id}/finish_upload`), {
      headers: authHeaders(local.emulator),
    })
    expect(finish.status).toBe(200)
    const asset = record(
      await (
        await fetch(assetsUrl(local.emulator, `/${signed.id}`), {
          headers: authHeaders(local.emulator),
        })
      ).json(),
    )
    expect(asset['content_length']).toBe(FILE_BYTES)
    const head = await fetch(`${local.emulator.url}/a.storyblok.com/${signed.fields['key']}`, {
      method: 'HEAD',
    })
    expect(head.headers.get('content-length')).toBe(String(FILE_BYTES))
  })
})
