// @vitest-environment node
// The gateway inside the Workers runtime: gateway/worker.ts bundled by esbuild and run by
// workerd through Miniflare, with its Durable Object, against the local Storyblok on
// 127.0.0.1. The same flow as on Node, the shared per-space state in the Durable Object, and
// the 503 that names a missing setting (Workers have no start to stop).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createEmulatorControl, type EmulatorControl } from '../../emulator/controlClient'
import type { Emulator } from '../../emulator/server'
import {
  createGatewayClient,
  postToStorage,
  signedFormOf,
  uploadThroughGateway,
} from '../../scripts/support/gatewayClient'
import { startTestEmulator } from '../support/emulator'
import { updateAssetDirectly } from '../support/seed'
import { fileBytes, gatewayEnv, ORIGIN } from './support/stack'
import { bundleWorker, startWorkerGateway, type WorkerGateway } from './support/worker'

let emulator: Emulator
let control: EmulatorControl
let script: string
let worker: WorkerGateway

/** The worker's environment: the emulator's API on 127.0.0.1 (workerd resolves no `localhost`). */
const workerEnv = (extra: Record<string, string> = {}) => {
  const { PORT: _port, ...env } = gatewayEnv(emulator, {
    STORYBLOK_API_BASE: emulator.apiBaseUrl.replace('//localhost:', '//127.0.0.1:'),
    STORYBLOK_DELIVERY_BASE: emulator.deliveryBaseUrl.replace('//localhost:', '//127.0.0.1:'),
    GATEWAY_RATE_LIMIT: '50',
    GATEWAY_OPEN_TICKETS: '3',
    ...extra,
  })
  return env
}

let sessions = 0
const client = (origin = ORIGIN) =>
  createGatewayClient({
    baseUrl: `${worker.url.replace(/\/$/, '')}/v1`,
    spaceId: emulator.spaceId,
    origin,
    previewToken: emulator.previewToken,
    session: `worker-session-${++sessions}`,
    userId: 'user-7',
  })

beforeAll(async () => {
  emulator = await startTestEmulator()
  control = createEmulatorControl(emulator.url)
  script = await bundleWorker()
  worker = await startWorkerGateway(script, workerEnv())
}, 120_000)

afterAll(async () => {
  await worker?.close()
  await emulator?.close()
})

describe('the gateway in workerd (Miniflare)', () => {
  it('runs the upload flow: sign, S3, finish, read, update', async () => {
    const editor = client()
    const { id, finish, s3 } = await uploadThroughGateway(editor, fileBytes(64), 'Worker photo.png')
    expect(s3).toBe(204)
    expect(finish.body).toMatchObject({
      asset: { id, short_filename: 'Worker-photo.png', content_length: 64 },
    })
    expect((await editor.update(id, { alt: 'From a worker' })).status).toBe(204)
    expect((await editor.read(id)).body).toMatchObject({ id, alt: 'From a worker' })
  })

  it('deletes an unfinished upload with its ticket, never a finished one', async () => {
    const editor = client()
    const finished = await uploadThroughGateway(editor, fileBytes(64), 'kept.png')
    const pending = signedFormOf(
      (await editor.sign({ filename: 'gone.png', content_length: 64 })).body,
    )
    expect((await editor.remove(pending.id, pending.ticket)).status).toBe(200)
    const refused = await editor.remove(finished.id, finished.ticket)
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ rule: 'finished-asset' })
    const ids = (await control.assets()).map((asset) => asset.id)
    expect(ids).toContain(finished.id)
    expect(ids).not.toContain(pending.id)
  })

  it('refuses forged tickets, other spaces, foreign origins and lying finishes', async () => {
    const editor = client()
    const pending = signedFormOf(
      (await editor.sign({ filename: 'a.png', content_length: 10 })).body,
    )
    expect((await editor.finish(pending.id, `${pending.ticket}x`)).body).toMatchObject({
      rule: 'ticket-invalid',
    })
    const other = await fetch(`${worker.url.replace(/\/$/, '')}/v1/spaces/1/assets/${pending.id}`, {
      headers: { Origin: ORIGIN, 'X-Storyblok-Preview-Token': emulator.previewToken },
    })
    expect(await other.json()).toMatchObject({ rule: 'space' })
    expect((await client('https://evil.example').read(pending.id)).body).toMatchObject({
      rule: 'origin',
    })
    await postToStorage(pending, fileBytes(500), 'a.png')
    expect((await editor.finish(pending.id, pending.ticket)).body).toMatchObject({
      rule: 'declared-size',
    })
    expect((await control.assets()).some((asset) => asset.id === pending.id)).toBe(false)
  })

  it('lists the asset tags and sets them on an asset', async () => {
    const hero = await control.seedTag({ name: 'worker hero' })
    const editor = client()
    const listed = await editor.tags('?per_page=100&page=1')
    expect(listed.body).toMatchObject({ internal_tags: [{ id: hero.id, name: 'worker hero' }] })
    const { id } = await uploadThroughGateway(editor, fileBytes(64), 'tagged.png')
    expect((await editor.update(id, { internal_tag_ids: [hero.id] })).status).toBe(204)
  })

  it('passes meta_data keys of the space’s own unchanged, and refuses a changed one', async () => {
    const editor = client()
    const { id } = await uploadThroughGateway(editor, fileBytes(64), 'meta.png')
    await updateAssetDirectly(emulator, id, { meta_data: { credit: 'Ann' } })
    const kept = await editor.update(id, { alt: 'x', meta_data: { credit: 'Ann', alt: 'x' } })
    expect(kept.status).toBe(204)
    const changed = await editor.update(id, { meta_data: { credit: 'Bob' } })
    expect(changed.body).toMatchObject({ rule: 'field:meta_data.credit' })
  })

  it('refuses an expiry without GATEWAY_ALLOW_EXPIRY', async () => {
    const editor = client()
    const { id } = await uploadThroughGateway(editor, fileBytes(64), 'expiry.png')
    const answer = await editor.update(id, { expire_at: '2030-01-01T00:00:00Z' })
    expect(answer.body).toMatchObject({ rule: 'expiry-change' })
  })

  it('keeps the open-ticket count in the Durable Object, across requests', async () => {
    await control.reset()
    // Tickets of earlier tests are still open: each sign counts until finished or deleted.
    const editor = client()
    const answers = []
    for (let i = 0; i < 4; i++)
      answers.push(await editor.sign({ filename: `${i}.png`, content_length: 64 }))
    expect(answers.map((answer) => answer.status)).toContain(429)
    expect(answers.find((answer) => answer.status === 429)?.body).toMatchObject({
      rule: 'open-tickets',
    })
  })

  it('writes one JSON log line per write, without the token', async () => {
    const lines = worker.logs.filter((line) => line.startsWith('{"time"'))
    const ops = lines.map((line) => (JSON.parse(line) as { op: string }).op)
    expect(ops).toEqual(expect.arrayContaining(['sign', 'finish', 'update', 'delete']))
    expect(worker.logs.join('\n')).not.toContain(emulator.token)
  })
})

describe('the Durable Object queue', () => {
  it("keeps a burst of editors under Storyblok's 3/s: they wait, none sees a 429", async () => {
    await control.setConfig({ rateLimit: 3 })
    const limited = await startWorkerGateway(
      script,
      workerEnv({ GATEWAY_RATE_LIMIT: '3', GATEWAY_OPEN_TICKETS: '50' }),
    )
    try {
      const since = Date.now()
      const editors = Array.from({ length: 3 }, (_, i) =>
        createGatewayClient({
          baseUrl: `${limited.url.replace(/\/$/, '')}/v1`,
          spaceId: emulator.spaceId,
          origin: ORIGIN,
          previewToken: emulator.previewToken,
          session: `burst-editor-${i}`,
        }),
      )
      const uploads = editors.flatMap((editor, i) =>
        [0, 1].map((n) => uploadThroughGateway(editor, fileBytes(32), `burst-${i}-${n}.png`)),
      )
      const results = await Promise.all(uploads)
      expect(results.map((result) => result.finish.status)).toEqual([200, 200, 200, 200, 200, 200])
      const log = await control.managementApiLog(since)
      expect(log.filter((entry) => entry.status === 429)).toEqual([])
    } finally {
      await limited.close()
      await control.setConfig({ rateLimit: null })
    }
  })
})

describe('the Durable Object alarm', () => {
  it('deletes the unfinished entry of an expired ticket', async () => {
    const short = await startWorkerGateway(script, workerEnv({ GATEWAY_TICKET_TTL_SECONDS: '5' }))
    try {
      const editor = createGatewayClient({
        baseUrl: `${short.url.replace(/\/$/, '')}/v1`,
        spaceId: emulator.spaceId,
        origin: ORIGIN,
        previewToken: emulator.previewToken,
        session: 'alarm-session',
      })
      const { id } = signedFormOf(
        (await editor.sign({ filename: 'left.png', content_length: 64 })).body,
      )
      expect((await control.assets()).map((asset) => asset.id)).toContain(id)
      // Waits for the ticket to expire (5 s) and the alarm to delete the entry.
      await vi.waitFor(
        async () => expect((await control.assets()).map((asset) => asset.id)).not.toContain(id),
        { timeout: 20_000, interval: 500 },
      )
      expect(short.logs.some((line) => line.includes('"op":"expire"'))).toBe(true)
    } finally {
      await short.close()
    }
  })
})

describe('the folder list in workerd', () => {
  it('answers only the allowed folders with their paths, and whether the root is allowed', async () => {
    await control.seedFolder({ id: 31, name: 'Blog' })
    await control.seedFolder({ id: 32, name: '2024', parent_id: 31 })
    await control.seedFolder({ id: 33, name: 'Secret' })
    const limited = await startWorkerGateway(script, workerEnv({ GATEWAY_UPLOAD_FOLDERS: '32' }))
    try {
      const editor = createGatewayClient({
        baseUrl: `${limited.url.replace(/\/$/, '')}/v1`,
        spaceId: emulator.spaceId,
        origin: ORIGIN,
        previewToken: emulator.previewToken,
        session: 'worker-folders-session',
      })
      const answer = await editor.folders()
      expect(answer.status).toBe(200)
      expect(answer.body).toEqual({
        asset_folders: [
          {
            id: 32,
            name: '2024',
            parent_id: 31,
            uuid: expect.any(String),
            parent_uuid: expect.any(String),
            path: 'Blog / 2024',
          },
        ],
        root_allowed: false,
      })
      // Read-only: a new folder is refused.
      const created = await editor.folders('', 'POST', { asset_folder: { name: 'New' } })
      expect(created.status).toBe(403)
      expect((await control.state()).assetFolders).toHaveLength(3)
    } finally {
      await limited.close()
    }
  })
})

describe('a worker with a missing setting', () => {
  it('answers 503 naming the setting, on every request', async () => {
    const broken = await startWorkerGateway(script, workerEnv({ GATEWAY_TICKET_SECRET: '' }))
    try {
      const response = await fetch(`${broken.url.replace(/\/$/, '')}/health`)
      expect(response.status).toBe(503)
      expect(await response.json()).toEqual({
        error: 'The gateway is not configured: GATEWAY_TICKET_SECRET: is required',
        rule: 'settings',
        setting: 'GATEWAY_TICKET_SECRET',
      })
    } finally {
      await broken.close()
    }
  })

  it('answers 503 naming STORYBLOK_TOKEN when Storyblok refuses it', async () => {
    const broken = await startWorkerGateway(script, workerEnv({ STORYBLOK_TOKEN: 'not-the-token' }))
    try {
      const response = await fetch(`${broken.url.replace(/\/$/, '')}/health`)
      expect(response.status).toBe(503)
      expect(await response.json()).toMatchObject({ rule: 'settings', setting: 'STORYBLOK_TOKEN' })
    } finally {
      await broken.close()
    }
  })
})
