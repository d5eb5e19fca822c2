import { describe, expect, it } from 'vitest'
import { isAbortError } from '../../../src/api/errors'
import { anySignal, createConnectivity } from '../../../src/api/upload/connectivity'
import { manualOnline } from '../../support/online'

describe('connectivity', () => {
  it('cuts every attempt of the period when the browser goes offline, and starts a new one when back', () => {
    const network = manualOnline(true)
    const connectivity = createConnectivity(network.source)
    const release = connectivity.hold()
    const period = connectivity.period()
    network.set(false)
    expect(period.aborted).toBe(true)
    network.set(true)
    expect(connectivity.period().aborted).toBe(false)
    release()
  })

  it('lets waiters go once online, and a cancelled waiter reject', async () => {
    const network = manualOnline(false)
    const connectivity = createConnectivity(network.source)
    const release = connectivity.hold()
    const cancel = new AbortController()
    const waiting = connectivity.whenOnline()
    const cancelled = connectivity.whenOnline(cancel.signal)
    cancel.abort()
    await expect(cancelled).rejects.toSatisfy(isAbortError)
    network.set(true)
    await expect(waiting).resolves.toBeUndefined()
    release()
  })

  it('listens to the browser only while held', () => {
    const network = manualOnline(true)
    const connectivity = createConnectivity(network.source)
    const first = connectivity.hold()
    const second = connectivity.hold()
    expect(network.listeners.size).toBe(1)
    first()
    first()
    expect(network.listeners.size).toBe(1)
    second()
    expect(network.listeners.size).toBe(0)
  })

  it('combines signals: aborted when any is', () => {
    const a = new AbortController()
    const b = new AbortController()
    const both = anySignal(a.signal, undefined, b.signal)
    expect(both.aborted).toBe(false)
    b.abort('why')
    expect(both.aborted).toBe(true)
    expect(both.reason).toBe('why')
    expect(anySignal(AbortSignal.abort()).aborted).toBe(true)
  })
})
