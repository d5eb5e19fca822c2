// The part of XMLHttpRequest that src/api/s3.ts uses, on top of node:http, so the S3 step runs
// against the emulator in Node. The multipart body comes from `new Response(formData)`, the
// same serialization a browser's XHR does; it is written in chunks so upload progress fires.
import { request as httpRequest, type ClientRequest } from 'node:http'
import type { XhrLike } from '../../src/api/s3'
import { XhrState } from './xhrState'

const CHUNK = 64 * 1024

export class NodeXhr extends XhrState implements XhrLike {
  private method = 'GET'
  private url = ''
  private request: ClientRequest | null = null
  private done = false

  open(method: string, url: string): void {
    this.method = method
    this.url = url
  }

  send(body: FormData): void {
    void this.start(body)
  }

  abort(): void {
    if (this.done) return
    this.done = true
    this.request?.destroy()
    this.onabort?.({ loaded: 0, total: 0, lengthComputable: false })
  }

  private fail(): void {
    if (this.done) return
    this.done = true
    this.onerror?.({ loaded: 0, total: 0, lengthComputable: false })
  }

  private async start(form: FormData): Promise<void> {
    const encoded = new Response(form)
    const contentType = encoded.headers.get('content-type') ?? 'multipart/form-data'
    const bytes = Buffer.from(await encoded.arrayBuffer())
    if (this.done) return
    const req = httpRequest(this.url, {
      method: this.method,
      headers: { 'Content-Type': contentType, 'Content-Length': String(bytes.length) },
    })
    this.request = req
    req.on('error', () => this.fail())
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', () => this.fail())
      res.on('aborted', () => this.fail())
      res.on('end', () => {
        if (this.done) return
        this.done = true
        this.status = res.statusCode ?? 0
        this.responseText = Buffer.concat(chunks).toString('utf8')
        this.onload?.({ loaded: bytes.length, total: bytes.length, lengthComputable: true })
      })
    })
    let sent = 0
    for (let offset = 0; offset < bytes.length && !this.done; offset += CHUNK) {
      const chunk = bytes.subarray(offset, offset + CHUNK)
      // Wait for each chunk to be handed to the socket, as a browser reports progress.
      await new Promise<void>((resolve) => req.write(chunk, () => resolve()))
      sent += chunk.length
      if (!this.done)
        this.upload.onprogress?.({ loaded: sent, total: bytes.length, lengthComputable: true })
    }
    if (!this.done) req.end()
  }
}
