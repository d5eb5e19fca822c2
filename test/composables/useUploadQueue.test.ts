// The upload queue of a field with the `multiple` option, against the local Storyblok on a real
// port (happy-dom's XMLHttpRequest and fetch reach it), through the real client.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { createManagementClient } from '../../src/api/client'
import type { Asset, ManagementClient } from '../../src/api/types'
import {
  useUploadQueue,
  type QueueEntry,
  type UseUploadQueueOptions,
} from '../../src/composables/useUploadQueue'
import { parseAccept, type AcceptRule } from '../../src/domain/fileRules/accept'
import { makePng } from '../fixtures/png'
import { untilAborted } from '../api/fakeClient'
import { useEmulator } from '../support/emulator'

const local = useEmulator()
let scope = effectScope()

afterEach(() => {
  scope.stop()
  vi.unstubAllGlobals()
})

function accept(option: string): AcceptRule {
  const rule = parseAccept(option)
  if ('invalid' in rule) throw new Error(`not an accept option: ${option}`)
  return rule
}

// Text files: happy-dom's <img> never loads a blob URL, so an image would wait for the size
// reader's 10 s timeout before its upload started.
const text = (name: string) => new File([`The text of ${name}`], name, { type: 'text/plain' })
const png = (name: string) => new File([new Uint8Array(makePng(8, 6))], name, { type: 'image/png' })

function emulatorClient(): ManagementClient {
  const { apiBaseUrl, spaceId, token } = local.emulator
  return createManagementClient({ baseUrl: apiBaseUrl, spaceId, token, rateLimit: null })
}

/** The emulator's client, whose sign calls wait until the test lets each go (or it is cancelled). */
function heldSigns() {
  const real = emulatorClient()
  const waiting: (() => void)[] = []
  const client: ManagementClient = {
    ...real,
    signAsset: async (params, options) => {
      const gate = new Promise<void>((resolve) => waiting.push(resolve))
      await Promise.race([gate, untilAborted(options?.signal)])
      return real.signAsset(params, options)
    },
  }
  return { client, waiting }
}

/** The queue in its own scope, and what it handed on: each asset with its place. */
function setup(client: ManagementClient, options: Partial<UseUploadQueueOptions> = {}) {
  const uploaded: { asset: Asset; order: number }[] = []
  scope = effectScope()
  const queue = scope.run(() =>
    useUploadQueue({
      sleep: async () => {},
      // No sweep after a cancelled sign: the held signs never reach the library.
      sweepDelaysMs: [],
      onUploaded: (asset, order) => uploaded.push({ asset, order }),
      ...options,
    }),
  )
  if (!queue) throw new Error('no composable')
  const add = (files: File[], rule = accept('')) =>
    queue.add(files, { client, rule, maxBytes: null })
  const entry = (filename: string): QueueEntry => {
    const found = queue.entries.value.find((candidate) => candidate.filename === filename)
    if (!found) throw new Error(`${filename} is not in the queue`)
    return found
  }
  return { queue, uploaded, add, entry }
}

const requests = async () => (await local.control.state()).requests

describe('useUploadQueue', () => {
  it('uploads every file and hands each asset on with its place in the queue', async () => {
    const { queue, uploaded, add } = setup(emulatorClient())
    await add([text('a.txt'), text('b.txt')])
    // The uploads run in the background.
    await vi.waitFor(() => expect(uploaded).toHaveLength(2))
    const byOrder = [...uploaded].sort((x, y) => x.order - y.order)
    expect(byOrder.map(({ asset, order }) => [asset.filename.split('/').pop(), order])).toEqual([
      ['a.txt', 1],
      ['b.txt', 2],
    ])
    expect(queue.entries.value).toEqual([])
  })

  it('checks each file before anything is sent: a refused one gets its problems and no upload', async () => {
    const { uploaded, add, entry } = setup(emulatorClient())
    await add([png('photo.png'), text('a.txt')], accept('.txt'))
    // The accepted file uploads in the background.
    await vi.waitFor(() => expect(uploaded).toHaveLength(1))
    const refused = entry('photo.png')
    expect.soft(refused.upload).toEqual(null)
    expect.soft(refused.problems.map((problem) => problem.code)).toEqual(['not-accepted'])
    expect((await requests()).sign).toBe(1)
  })

  it('runs at most `parallel` uploads at once, and starts the next when one ends', async () => {
    const { client, waiting } = heldSigns()
    const { uploaded, add } = setup(client, { parallel: 2 })
    await add([text('a.txt'), text('b.txt'), text('c.txt')])
    // The first two uploads reach their sign calls in the background.
    await vi.waitFor(() => expect(waiting).toHaveLength(2))
    // Time for a third one to start, if it would.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(waiting).toHaveLength(2)
    waiting[0]?.()
    // The released upload finishes in the background, then the third one signs.
    await vi.waitFor(() => expect(waiting).toHaveLength(3))
    expect(uploaded).toHaveLength(1)
  })

  it('keeps a failed upload in the queue with its error, and the others go on', async () => {
    await local.control.addFault({ route: 'sign', status: 422, body: { filename: ['is bad'] } })
    const { uploaded, add, entry } = setup(emulatorClient(), { parallel: 1 })
    await add([text('a.txt'), text('b.txt')])
    // b.txt uploads in the background after a.txt failed.
    await vi.waitFor(() => expect(uploaded).toHaveLength(1))
    const failed = entry('a.txt')
    expect.soft(failed.upload?.status.value).toEqual('error')
    expect.soft(uploaded[0]?.order).toEqual(2)
  })

  it('uploads a failed file on retry', async () => {
    await local.control.addFault({ route: 'sign', status: 422, body: { filename: ['is bad'] } })
    const { queue, uploaded, add, entry } = setup(emulatorClient())
    await add([text('a.txt')])
    // The failure arrives in the background.
    await vi.waitFor(() => expect(entry('a.txt').upload?.status.value).toBe('error'))
    queue.retry(entry('a.txt'))
    // The second attempt runs in the background.
    await vi.waitFor(() => expect(uploaded).toHaveLength(1))
    expect(queue.entries.value).toEqual([])
  })

  it('cancels a running upload, which stays in the queue to be retried', async () => {
    const { client } = heldSigns()
    const { queue, add, entry } = setup(client)
    await add([text('a.txt')])
    // The upload reaches its sign call in the background.
    await vi.waitFor(() => expect(entry('a.txt').upload?.running.value).toBe(true))
    queue.cancel(entry('a.txt'))
    // The cancel settles in the background.
    await vi.waitFor(() => expect(entry('a.txt').upload?.status.value).toBe('cancelled'))
    expect(queue.entries.value).toHaveLength(1)
  })

  it('drops a waiting file on cancel without sending it', async () => {
    const { client, waiting } = heldSigns()
    const { queue, uploaded, add, entry } = setup(client, { parallel: 1 })
    await add([text('a.txt'), text('b.txt')])
    queue.cancel(entry('b.txt'))
    // a.txt reaches its sign call in the background.
    await vi.waitFor(() => expect(waiting).toHaveLength(1))
    waiting[0]?.()
    // a.txt finishes in the background; b.txt would sign after it.
    await vi.waitFor(() => expect(uploaded).toHaveLength(1))
    expect.soft(waiting.length).toEqual(1)
    expect.soft(queue.entries.value).toEqual([])
  })

  it('sends nothing for an image removed while its size is read', async () => {
    const decoders: (() => void)[] = []
    // An <img> that reads the size only when the test says so.
    vi.stubGlobal(
      'Image',
      class {
        naturalWidth = 8
        naturalHeight = 6
        onload: (() => void) | null = null
        set src(_url: string) {
          decoders.push(() => this.onload?.())
        }
      },
    )
    const { queue, uploaded, add, entry } = setup(emulatorClient())
    await add([png('photo.png')])
    // The size read starts in the background.
    await vi.waitFor(() => expect(decoders).toHaveLength(1))
    queue.remove(entry('photo.png'))
    decoders[0]?.()
    // Time for a sign call to go out, if it would.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect.soft(uploaded).toEqual([])
    expect.soft((await requests()).sign).toEqual(0)
  })

  it('removes a refused file from the queue', async () => {
    const { queue, add, entry } = setup(emulatorClient())
    await add([png('photo.png')], accept('.txt'))
    queue.remove(entry('photo.png'))
    expect(queue.entries.value).toEqual([])
  })

  it('counts the files of the batch and how many are uploaded', async () => {
    const { client, waiting } = heldSigns()
    const { queue, uploaded, add } = setup(client, { parallel: 1 })
    const files = [text('a.txt'), text('b.txt'), png('c.png')]
    await add(files, accept('.txt'))
    expect(queue.batch.value).toMatchObject({ files: 2, done: 0, bytes: 2 * (files[0]?.size ?? 0) })
    // a.txt reaches its sign call in the background.
    await vi.waitFor(() => expect(waiting).toHaveLength(1))
    waiting[0]?.()
    // a.txt finishes in the background.
    await vi.waitFor(() => expect(uploaded).toHaveLength(1))
    expect(queue.batch.value).toMatchObject({ files: 2, done: 1 })
  })
})
