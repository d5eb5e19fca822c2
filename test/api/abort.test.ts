import { describe, expect, it } from 'vitest'
import { abortable, defaultSleep } from '../../src/api/abort'
import { isAbortError } from '../../src/api/errors'

describe('abortable', () => {
  it('settles like the promise', async () => {
    await expect(abortable(Promise.resolve('x'), new AbortController().signal)).resolves.toBe('x')
  })

  it('rejects with AbortError as soon as the signal aborts', async () => {
    const controller = new AbortController()
    const pending = abortable(new Promise(() => {}), controller.signal)
    controller.abort()
    await expect(pending).rejects.toSatisfy(isAbortError)
  })

  it('rejects at once for a signal already aborted', async () => {
    await expect(defaultSleep(60_000, AbortSignal.abort())).rejects.toSatisfy(isAbortError)
  })
})
