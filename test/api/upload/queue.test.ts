import { describe, expect, it, vi } from 'vitest'
import { createConnectivity } from '../../../src/api/upload/connectivity'
import { createUploadQueue, type QueueTask } from '../../../src/api/upload/queue'
import { manualOnline } from '../../support/online'

/** A task that runs until the test ends it; notes its start and whether it was aborted. */
function task(log: string[], name: string) {
  let end = () => {}
  let signal: AbortSignal | undefined
  const run: QueueTask['run'] = (given) => {
    signal = given
    log.push(name)
    return new Promise<void>((resolve) => {
      end = resolve
      given.addEventListener('abort', () => resolve())
    })
  }
  return { task: { run }, end: () => end(), aborted: () => !!signal?.aborted }
}

const online = () => createConnectivity(manualOnline(true).source)

describe('the upload queue', () => {
  it('runs at most `parallel` tasks at once, and starts the next when one ends', async () => {
    const log: string[] = []
    const queue = createUploadQueue<number>({ parallel: 2, connectivity: online() })
    const tasks = [1, 2, 3].map((n) => task(log, `t${n}`))
    tasks.forEach((entry, index) => queue.add(index, entry.task))
    expect(log).toEqual(['t1', 't2'])
    tasks[0]?.end()
    await vi.waitFor(() => expect(log).toEqual(['t1', 't2', 't3']))
  })

  it('starts a task of higher priority first, then in order of arrival', () => {
    const log: string[] = []
    const queue = createUploadQueue<string>({ parallel: 1, connectivity: online() })
    const first = task(log, 'first')
    queue.add('first', first.task)
    queue.add('low', task(log, 'low').task)
    queue.add('high', task(log, 'high').task, { priority: 1 })
    queue.add('later', task(log, 'later').task)
    expect(queue.isWaiting('high')).toBe(true)
    first.end()
    return vi.waitFor(() => expect(log.slice(0, 2)).toEqual(['first', 'high']))
  })

  it('drops a waiting task on cancel without running it, and aborts a running one', () => {
    const log: string[] = []
    const queue = createUploadQueue<string>({ parallel: 1, connectivity: online() })
    const running = task(log, 'running')
    queue.add('running', running.task)
    queue.add('waiting', task(log, 'waiting').task)
    expect(queue.cancel('waiting')).toBe(true)
    expect(queue.isWaiting('waiting')).toBe(false)
    expect(queue.cancel('running')).toBe(true)
    expect(running.aborted()).toBe(true)
    expect(queue.cancel('unknown')).toBe(false)
    expect(log).toEqual(['running'])
  })

  it('starts nothing while paused, and resumes', () => {
    const log: string[] = []
    const queue = createUploadQueue<number>({ connectivity: online() })
    queue.pause()
    queue.add(1, task(log, 't1').task)
    expect(log).toEqual([])
    queue.resume()
    expect(log).toEqual(['t1'])
  })

  it('starts nothing while offline, with one watch for the whole queue, and starts once back', async () => {
    const network = manualOnline(false)
    const log: string[] = []
    const queue = createUploadQueue<number>({ connectivity: createConnectivity(network.source) })
    for (let n = 1; n <= 5; n++) queue.add(n, task(log, `t${n}`).task)
    expect(log).toEqual([])
    expect(network.listeners.size).toBe(1)
    network.set(true)
    await vi.waitFor(() => expect(log).toEqual(['t1', 't2', 't3']))
  })

  it('backs off when Storyblok asks to slow down: no task starts until the wait is over', async () => {
    let time = 0
    const timers: (() => void)[] = []
    const log: string[] = []
    const queue = createUploadQueue<number>({
      parallel: 1,
      connectivity: online(),
      now: () => time,
      setTimer: (callback) => timers.push(callback),
    })
    const first = task(log, 't1')
    queue.add(1, first.task)
    queue.backOff(2000)
    queue.add(2, task(log, 't2').task)
    first.end()
    // The end of t1 is seen a few microtasks later.
    await vi.waitFor(() => expect(queue.isRunning(1)).toBe(false))
    expect(log).toEqual(['t1'])
    expect(timers).toHaveLength(1)
    time = 2000
    timers[0]?.()
    expect(log).toEqual(['t1', 't2'])
  })

  it('stops watching the network once nothing waits or runs', async () => {
    const network = manualOnline(true)
    const queue = createUploadQueue<number>({ connectivity: createConnectivity(network.source) })
    const only = task([], 'only')
    queue.add(1, only.task)
    expect(network.listeners.size).toBe(1)
    only.end()
    await vi.waitFor(() => expect(network.listeners.size).toBe(0))
  })
})
