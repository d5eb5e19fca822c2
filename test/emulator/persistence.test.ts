import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server'
import { AssetStore } from '../../emulator/store'
import { PNG_1X1, assetsUrl, authHeaders, record, sign, uploadAsset } from './helpers'
import { startTestEmulator } from '../support/emulator'

let dataDir: string

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'emulator-persist-test-'))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('persistence', () => {
  it('keeps assets, metadata and files across a restart', async () => {
    const first = await startTestEmulator({ dataDir })
    const { id, key } = await uploadAsset(first, 'kept.png', PNG_1X1)
    await fetch(assetsUrl(first, `/${id}`), {
      method: 'PATCH',
      headers: authHeaders(first, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ asset: { alt: 'Kept', is_private: false } }),
    })
    await first.close()

    const state: unknown = JSON.parse(await readFile(join(dataDir, 'assets.json'), 'utf8'))
    expect(record(state)).toMatchObject({ version: 2, nextId: id + 1 })
    expect(existsSync(join(dataDir, 'files', ...key.split('/')))).toBe(true)
    // Written atomically: no temp file left next to assets.json.
    expect((await readdir(dataDir)).sort()).toEqual(['assets.json', 'files', 'tmp'])

    const second = await startTestEmulator({ dataDir })
    try {
      const asset = record(
        await (await fetch(assetsUrl(second, `/${id}`), { headers: authHeaders(second) })).json(),
      )
      expect(asset).toMatchObject({
        id,
        alt: 'Kept',
        content_type: 'image/png',
        filename: `${second.url}/s3.amazonaws.com/a.storyblok.com/${key}`,
      })
      const cdn = await fetch(`${second.url}/a.storyblok.com/${key}`)
      expect(Buffer.from(await cdn.arrayBuffer()).equals(PNG_1X1)).toBe(true)
      expect((await sign(second)).id).toBe(id + 1)
    } finally {
      await second.close()
    }
  })

  it('empties tmp/ at start-up (uploads interrupted by a crash)', async () => {
    await mkdir(join(dataDir, 'tmp'), { recursive: true })
    await writeFile(join(dataDir, 'tmp', 'upload-dead.part'), 'partial')
    const emulator = await startTestEmulator({ dataDir })
    await emulator.close()
    expect(await readdir(join(dataDir, 'tmp'))).toEqual([])
  })

  it('reset deletes the stored files', async () => {
    const emulator = await startTestEmulator({ dataDir })
    await uploadAsset(emulator)
    await emulator.reset()
    await emulator.close()
    expect(await readdir(join(dataDir, 'files'))).toEqual([])
    expect(record(JSON.parse(await readFile(join(dataDir, 'assets.json'), 'utf8')))).toMatchObject({
      assets: [],
      objects: [],
    })
  })

  it('refuses to start on a state file it does not understand', async () => {
    await writeFile(join(dataDir, 'assets.json'), '{"something":"else"}')
    await expect(startEmulator({ port: 0, dataDir })).rejects.toThrow(/assets\.json/)
  })

  it('defaults the data directory to STORYBLOK_EMULATOR_DATA', async () => {
    const previous = process.env['STORYBLOK_EMULATOR_DATA']
    process.env['STORYBLOK_EMULATOR_DATA'] = dataDir
    try {
      const emulator = await startEmulator({ port: 0, rateLimit: null })
      await uploadAsset(emulator)
      await emulator.close()
      expect(existsSync(join(dataDir, 'assets.json'))).toBe(true)
    } finally {
      if (previous === undefined) delete process.env['STORYBLOK_EMULATOR_DATA']
      else process.env['STORYBLOK_EMULATOR_DATA'] = previous
    }
  })
})

describe('memory mode', () => {
  it('keeps files in a temp folder that close removes', async () => {
    const store = await AssetStore.open(null)
    expect(existsSync(store.filesDir)).toBe(true)
    await store.close()
    expect(existsSync(store.root)).toBe(false)
  })

  it('writes no assets.json', async () => {
    const store = await AssetStore.open(null)
    store.changed()
    await store.flush()
    expect(existsSync(join(store.root, 'assets.json'))).toBe(false)
    await store.close()
  })
})
