import { describe, expect, it } from 'vitest'
import { inspectImage } from '../../../src/api/upload/imageWorker'

const photo = () => new Blob(['not really a photo'], { type: 'image/png' })

describe('inspectImage', () => {
  it('answers null where no worker can start (here: no Worker at all)', async () => {
    expect(await inspectImage(photo())).toBeNull()
  })

  it('looks at a file once, however often it is asked', () => {
    const file = photo()
    expect(inspectImage(file)).toBe(inspectImage(file))
  })
})
